import type { MessageKey } from './zh-CN.ts';
import { core } from './en/core.ts';
import { commands } from './en/commands.ts';
import { attendance } from './en/attendance.ts';
import { assignments } from './en/assignments.ts';
import { notices } from './en/notices.ts';
import { hours } from './en/hours.ts';
import { admin } from './en/admin.ts';
import { demo } from './en/demo.ts';
import { jobs } from './en/jobs.ts';
import { live } from './en/live.ts';
import { rosterImport } from './en/roster-import.ts';
import { understanding } from './en/understanding.ts';
import { upload } from './en/upload.ts';
import { qq } from './en/qq.ts';
import { decisions } from './en/decisions.ts';
import { rotating } from './en/rotating.ts';
import { robots } from './en/robots.ts';
import { corrections } from './en/corrections.ts';
import { timetable } from './en/timetable.ts';

// Second locale, one file per area under en/, the same areas as zh-CN/. Command words stay Chinese
// (签到, 请假 …) because that is what users type. The type makes a missing key a compile error.
export const en: Record<MessageKey, string> = { ...core, ...commands, ...attendance, ...assignments, ...notices, ...hours, ...admin, ...demo, ...jobs, ...live, ...rosterImport, ...understanding, ...upload, ...qq, ...decisions, ...rotating, ...robots, ...corrections, ...timetable };
