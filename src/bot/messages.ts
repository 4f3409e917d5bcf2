import type { Locale, MessageKey, Translator } from '../i18n/index.ts';
import { translator } from '../i18n/index.ts';
import { core as zh_core } from '../i18n/zh-CN/core.ts';
import { commands as zh_commands } from '../i18n/zh-CN/commands.ts';
import { attendance as zh_attendance } from '../features/attendance/i18n/zh-CN/attendance.ts';
import { assignments as zh_assignments } from '../features/assignments/i18n/zh-CN/assignments.ts';
import { notices as zh_notices } from '../features/notices/i18n/zh-CN/notices.ts';
import { hours as zh_hours } from '../features/hours/i18n/zh-CN/hours.ts';
import { admin as zh_admin } from '../features/access/i18n/zh-CN/admin.ts';
import { demo as zh_demo } from '../features/access/i18n/zh-CN/demo.ts';
import { jobs as zh_jobs } from '../i18n/zh-CN/jobs.ts';
import { live as zh_live } from '../features/attendance/i18n/zh-CN/live.ts';
import { rosterImport as zh_rosterImport } from '../features/roster/i18n/zh-CN/roster-import.ts';
import { understanding as zh_understanding } from '../i18n/zh-CN/understanding.ts';
import { upload as zh_upload } from '../i18n/zh-CN/upload.ts';
import { qq as zh_qq } from '../i18n/zh-CN/qq.ts';
import { decisions as zh_decisions } from '../features/attendance/i18n/zh-CN/decisions.ts';
import { rotating as zh_rotating } from '../features/attendance/i18n/zh-CN/rotating.ts';
import { robots as zh_robots } from '../features/notices/i18n/zh-CN/robots.ts';
import { corrections as zh_corrections } from '../features/attendance/i18n/zh-CN/corrections.ts';
import { accessCommands as zh_accessCommands } from '../features/access/i18n/zh-CN/commands.ts';
import { assignmentsCommands as zh_assignmentsCommands } from '../features/assignments/i18n/zh-CN/commands.ts';
import { attendanceCommands as zh_attendanceCommands } from '../features/attendance/i18n/zh-CN/commands.ts';
import { hoursCommands as zh_hoursCommands } from '../features/hours/i18n/zh-CN/commands.ts';
import { noticesCommands as zh_noticesCommands } from '../features/notices/i18n/zh-CN/commands.ts';
import { reportsCommands as zh_reportsCommands } from '../features/reports/i18n/zh-CN/commands.ts';
import { rosterCommands as zh_rosterCommands } from '../features/roster/i18n/zh-CN/commands.ts';
import { surveysCommands as zh_surveysCommands } from '../features/surveys/i18n/zh-CN/commands.ts';
import { timetableCommands as zh_timetableCommands } from '../features/timetable/i18n/zh-CN/commands.ts';
import { timetable as zh_timetable } from '../features/timetable/i18n/zh-CN/timetable.ts';
import { core as en_core } from '../i18n/en/core.ts';
import { commands as en_commands } from '../i18n/en/commands.ts';
import { attendance as en_attendance } from '../features/attendance/i18n/en/attendance.ts';
import { assignments as en_assignments } from '../features/assignments/i18n/en/assignments.ts';
import { notices as en_notices } from '../features/notices/i18n/en/notices.ts';
import { hours as en_hours } from '../features/hours/i18n/en/hours.ts';
import { admin as en_admin } from '../features/access/i18n/en/admin.ts';
import { demo as en_demo } from '../features/access/i18n/en/demo.ts';
import { jobs as en_jobs } from '../i18n/en/jobs.ts';
import { live as en_live } from '../features/attendance/i18n/en/live.ts';
import { rosterImport as en_rosterImport } from '../features/roster/i18n/en/roster-import.ts';
import { understanding as en_understanding } from '../i18n/en/understanding.ts';
import { upload as en_upload } from '../i18n/en/upload.ts';
import { qq as en_qq } from '../i18n/en/qq.ts';
import { decisions as en_decisions } from '../features/attendance/i18n/en/decisions.ts';
import { rotating as en_rotating } from '../features/attendance/i18n/en/rotating.ts';
import { robots as en_robots } from '../features/notices/i18n/en/robots.ts';
import { corrections as en_corrections } from '../features/attendance/i18n/en/corrections.ts';
import { accessCommands as en_accessCommands } from '../features/access/i18n/en/commands.ts';
import { assignmentsCommands as en_assignmentsCommands } from '../features/assignments/i18n/en/commands.ts';
import { attendanceCommands as en_attendanceCommands } from '../features/attendance/i18n/en/commands.ts';
import { hoursCommands as en_hoursCommands } from '../features/hours/i18n/en/commands.ts';
import { noticesCommands as en_noticesCommands } from '../features/notices/i18n/en/commands.ts';
import { reportsCommands as en_reportsCommands } from '../features/reports/i18n/en/commands.ts';
import { rosterCommands as en_rosterCommands } from '../features/roster/i18n/en/commands.ts';
import { surveysCommands as en_surveysCommands } from '../features/surveys/i18n/en/commands.ts';
import { timetableCommands as en_timetableCommands } from '../features/timetable/i18n/en/commands.ts';
import { timetable as en_timetable } from '../features/timetable/i18n/en/timetable.ts';

// Every message catalogue, gathered: the shared ones under src/i18n/ and each feature's i18n/.
// Chinese first (our users are teachers in Chinese group chats); English second, with the command
// words left Chinese because that is what users type. A catalogue missing here, or an English key
// missing, is a compile error: each zh-CN catalogue declares its keys as message keys.

export const zhCN: Record<MessageKey, string> = { ...zh_core, ...zh_commands, ...zh_attendance, ...zh_assignments, ...zh_notices, ...zh_hours, ...zh_admin, ...zh_demo, ...zh_jobs, ...zh_live, ...zh_rosterImport, ...zh_understanding, ...zh_upload, ...zh_qq, ...zh_decisions, ...zh_rotating, ...zh_robots, ...zh_corrections, ...zh_accessCommands, ...zh_assignmentsCommands, ...zh_attendanceCommands, ...zh_hoursCommands, ...zh_noticesCommands, ...zh_reportsCommands, ...zh_rosterCommands, ...zh_surveysCommands, ...zh_timetableCommands, ...zh_timetable };
export const en: Record<MessageKey, string> = { ...en_core, ...en_commands, ...en_attendance, ...en_assignments, ...en_notices, ...en_hours, ...en_admin, ...en_demo, ...en_jobs, ...en_live, ...en_rosterImport, ...en_understanding, ...en_upload, ...en_qq, ...en_decisions, ...en_rotating, ...en_robots, ...en_corrections, ...en_accessCommands, ...en_assignmentsCommands, ...en_attendanceCommands, ...en_hoursCommands, ...en_noticesCommands, ...en_reportsCommands, ...en_rosterCommands, ...en_surveysCommands, ...en_timetableCommands, ...en_timetable };

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** True when `key` is a message key (used to translate zod issue messages that carry keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** The translator for one locale. */
export function createTranslator(locale: Locale): Translator {
  return translator(catalogues[locale]);
}
