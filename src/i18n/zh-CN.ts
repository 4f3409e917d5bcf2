import { core } from './zh-CN/core.ts';
import { commands } from './zh-CN/commands.ts';
import { attendance } from '../features/attendance/i18n/zh-CN/attendance.ts';
import { assignments } from '../features/assignments/i18n/zh-CN/assignments.ts';
import { notices } from '../features/notices/i18n/zh-CN/notices.ts';
import { hours } from '../features/hours/i18n/zh-CN/hours.ts';
import { admin } from '../features/access/i18n/zh-CN/admin.ts';
import { demo } from '../features/access/i18n/zh-CN/demo.ts';
import { jobs } from './zh-CN/jobs.ts';
import { live } from '../features/attendance/i18n/zh-CN/live.ts';
import { rosterImport } from '../features/roster/i18n/zh-CN/roster-import.ts';
import { understanding } from './zh-CN/understanding.ts';
import { upload } from './zh-CN/upload.ts';
import { qq } from './zh-CN/qq.ts';
import { decisions } from '../features/attendance/i18n/zh-CN/decisions.ts';
import { rotating } from '../features/attendance/i18n/zh-CN/rotating.ts';
import { robots } from '../features/notices/i18n/zh-CN/robots.ts';
import { corrections } from '../features/attendance/i18n/zh-CN/corrections.ts';
import { accessCommands } from '../features/access/i18n/zh-CN/commands.ts';
import { assignmentsCommands } from '../features/assignments/i18n/zh-CN/commands.ts';
import { attendanceCommands } from '../features/attendance/i18n/zh-CN/commands.ts';
import { hoursCommands } from '../features/hours/i18n/zh-CN/commands.ts';
import { noticesCommands } from '../features/notices/i18n/zh-CN/commands.ts';
import { reportsCommands } from '../features/reports/i18n/zh-CN/commands.ts';
import { rosterCommands } from '../features/roster/i18n/zh-CN/commands.ts';
import { surveysCommands } from '../features/surveys/i18n/zh-CN/commands.ts';
import { timetableCommands } from '../features/timetable/i18n/zh-CN/commands.ts';
import { timetable } from '../features/timetable/i18n/zh-CN/timetable.ts';
import { completion } from '../features/completion/i18n/zh-CN/completion.ts';
import { completionCommands } from '../features/completion/i18n/zh-CN/commands.ts';
import { certificates } from '../features/completion/i18n/zh-CN/certificates.ts';

// User-facing text, keyed by feature, one file per area under zh-CN/. Chinese first: our users are
// teachers in Chinese group chats. Placeholders are {name}; keep replies short enough to read on a phone.
export const zhCN = { ...core, ...commands, ...attendance, ...assignments, ...notices, ...hours, ...admin, ...demo, ...jobs, ...live, ...rosterImport, ...understanding, ...upload, ...qq, ...decisions, ...rotating, ...robots, ...corrections, ...timetable, ...accessCommands, ...assignmentsCommands, ...attendanceCommands, ...hoursCommands, ...noticesCommands, ...reportsCommands, ...rosterCommands, ...surveysCommands, ...timetableCommands, ...completion, ...completionCommands, ...certificates } as const;

export type MessageKey = keyof typeof zhCN;
