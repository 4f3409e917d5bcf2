import type { MessageKey } from './zh-CN.ts';
import { core } from './en/core.ts';
import { commands } from './en/commands.ts';
import { attendance } from '../features/attendance/i18n/en/attendance.ts';
import { assignments } from '../features/assignments/i18n/en/assignments.ts';
import { notices } from '../features/notices/i18n/en/notices.ts';
import { hours } from '../features/hours/i18n/en/hours.ts';
import { admin } from '../features/access/i18n/en/admin.ts';
import { demo } from '../features/access/i18n/en/demo.ts';
import { jobs } from './en/jobs.ts';
import { live } from '../features/attendance/i18n/en/live.ts';
import { rosterImport } from '../features/roster/i18n/en/roster-import.ts';
import { understanding } from './en/understanding.ts';
import { upload } from './en/upload.ts';
import { qq } from './en/qq.ts';
import { decisions } from '../features/attendance/i18n/en/decisions.ts';
import { rotating } from '../features/attendance/i18n/en/rotating.ts';
import { robots } from '../features/notices/i18n/en/robots.ts';
import { corrections } from '../features/attendance/i18n/en/corrections.ts';
import { accessCommands } from '../features/access/i18n/en/commands.ts';
import { assignmentsCommands } from '../features/assignments/i18n/en/commands.ts';
import { attendanceCommands } from '../features/attendance/i18n/en/commands.ts';
import { hoursCommands } from '../features/hours/i18n/en/commands.ts';
import { noticesCommands } from '../features/notices/i18n/en/commands.ts';
import { reportsCommands } from '../features/reports/i18n/en/commands.ts';
import { rosterCommands } from '../features/roster/i18n/en/commands.ts';
import { surveysCommands } from '../features/surveys/i18n/en/commands.ts';
import { timetableCommands } from '../features/timetable/i18n/en/commands.ts';
import { timetable } from '../features/timetable/i18n/en/timetable.ts';
import { completion } from '../features/completion/i18n/en/completion.ts';
import { completionCommands } from '../features/completion/i18n/en/commands.ts';
import { certificates } from '../features/completion/i18n/en/certificates.ts';

// Second locale, one file per area under en/, the same areas as zh-CN/. Command words stay Chinese
// (签到, 请假 …) because that is what users type. The type makes a missing key a compile error.
export const en: Record<MessageKey, string> = { ...core, ...commands, ...attendance, ...assignments, ...notices, ...hours, ...admin, ...demo, ...jobs, ...live, ...rosterImport, ...understanding, ...upload, ...qq, ...decisions, ...rotating, ...robots, ...corrections, ...timetable, ...accessCommands, ...assignmentsCommands, ...attendanceCommands, ...hoursCommands, ...noticesCommands, ...reportsCommands, ...rosterCommands, ...surveysCommands, ...timetableCommands, ...completion, ...completionCommands, ...certificates };
