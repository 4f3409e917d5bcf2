import { core } from './zh-CN/core.ts';
import { commands } from './zh-CN/commands.ts';
import { attendance } from './zh-CN/attendance.ts';
import { assignments } from './zh-CN/assignments.ts';
import { notices } from './zh-CN/notices.ts';
import { hours } from './zh-CN/hours.ts';
import { admin } from './zh-CN/admin.ts';
import { demo } from './zh-CN/demo.ts';
import { jobs } from './zh-CN/jobs.ts';
import { live } from './zh-CN/live.ts';
import { rosterImport } from './zh-CN/roster-import.ts';
import { understanding } from './zh-CN/understanding.ts';
import { upload } from './zh-CN/upload.ts';
import { qq } from './zh-CN/qq.ts';
import { decisions } from './zh-CN/decisions.ts';
import { rotating } from './zh-CN/rotating.ts';
import { robots } from './zh-CN/robots.ts';
import { corrections } from './zh-CN/corrections.ts';
import { timetable } from './zh-CN/timetable.ts';

// User-facing text, keyed by feature, one file per area under zh-CN/. Chinese first: our users are
// teachers in Chinese group chats. Placeholders are {name}; keep replies short enough to read on a phone.
export const zhCN = { ...core, ...commands, ...attendance, ...assignments, ...notices, ...hours, ...admin, ...demo, ...jobs, ...live, ...rosterImport, ...understanding, ...upload, ...qq, ...decisions, ...rotating, ...robots, ...corrections, ...timetable } as const;

export type MessageKey = keyof typeof zhCN;
