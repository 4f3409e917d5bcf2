import type { Locale, MessageKey, Translator } from '../i18n/index.ts';
import { translator } from '../i18n/index.ts';
import { admin as zh_access_zh_CN_admin } from '../features/access/i18n/zh-CN/admin.ts';
import { accessCommands as zh_access_zh_CN_commands } from '../features/access/i18n/zh-CN/commands.ts';
import { demo as zh_access_zh_CN_demo } from '../features/access/i18n/zh-CN/demo.ts';
import { assignments as zh_assignments_zh_CN_assignments } from '../features/assignments/i18n/zh-CN/assignments.ts';
import { assignmentsCommands as zh_assignments_zh_CN_commands } from '../features/assignments/i18n/zh-CN/commands.ts';
import { attendance as zh_attendance_zh_CN_attendance } from '../features/attendance/i18n/zh-CN/attendance.ts';
import { attendanceCommands as zh_attendance_zh_CN_commands } from '../features/attendance/i18n/zh-CN/commands.ts';
import { corrections as zh_attendance_zh_CN_corrections } from '../features/attendance/i18n/zh-CN/corrections.ts';
import { decisions as zh_attendance_zh_CN_decisions } from '../features/attendance/i18n/zh-CN/decisions.ts';
import { live as zh_attendance_zh_CN_live } from '../features/attendance/i18n/zh-CN/live.ts';
import { rotating as zh_attendance_zh_CN_rotating } from '../features/attendance/i18n/zh-CN/rotating.ts';
import { certificates as zh_completion_zh_CN_certificates } from '../features/completion/i18n/zh-CN/certificates.ts';
import { completionCommands as zh_completion_zh_CN_commands } from '../features/completion/i18n/zh-CN/commands.ts';
import { completion as zh_completion_zh_CN_completion } from '../features/completion/i18n/zh-CN/completion.ts';
import { hoursCommands as zh_hours_zh_CN_commands } from '../features/hours/i18n/zh-CN/commands.ts';
import { hours as zh_hours_zh_CN_hours } from '../features/hours/i18n/zh-CN/hours.ts';
import { noticesCommands as zh_notices_zh_CN_commands } from '../features/notices/i18n/zh-CN/commands.ts';
import { notices as zh_notices_zh_CN_notices } from '../features/notices/i18n/zh-CN/notices.ts';
import { robots as zh_notices_zh_CN_robots } from '../features/notices/i18n/zh-CN/robots.ts';
import { reportsCommands as zh_reports_zh_CN_commands } from '../features/reports/i18n/zh-CN/commands.ts';
import { rosterCommands as zh_roster_zh_CN_commands } from '../features/roster/i18n/zh-CN/commands.ts';
import { rosterImport as zh_roster_zh_CN_roster_import } from '../features/roster/i18n/zh-CN/roster-import.ts';
import { surveysCommands as zh_surveys_zh_CN_commands } from '../features/surveys/i18n/zh-CN/commands.ts';
import { timetableCommands as zh_timetable_zh_CN_commands } from '../features/timetable/i18n/zh-CN/commands.ts';
import { timetable as zh_timetable_zh_CN_timetable } from '../features/timetable/i18n/zh-CN/timetable.ts';
import { commands as zh_i18n_zh_CN_commands } from '../i18n/zh-CN/commands.ts';
import { core as zh_i18n_zh_CN_core } from '../i18n/zh-CN/core.ts';
import { jobs as zh_i18n_zh_CN_jobs } from '../i18n/zh-CN/jobs.ts';
import { qq as zh_i18n_zh_CN_qq } from '../i18n/zh-CN/qq.ts';
import { understanding as zh_i18n_zh_CN_understanding } from '../i18n/zh-CN/understanding.ts';
import { upload as zh_i18n_zh_CN_upload } from '../i18n/zh-CN/upload.ts';
import { admin as en_access_en_admin } from '../features/access/i18n/en/admin.ts';
import { accessCommands as en_access_en_commands } from '../features/access/i18n/en/commands.ts';
import { demo as en_access_en_demo } from '../features/access/i18n/en/demo.ts';
import { assignments as en_assignments_en_assignments } from '../features/assignments/i18n/en/assignments.ts';
import { assignmentsCommands as en_assignments_en_commands } from '../features/assignments/i18n/en/commands.ts';
import { attendance as en_attendance_en_attendance } from '../features/attendance/i18n/en/attendance.ts';
import { attendanceCommands as en_attendance_en_commands } from '../features/attendance/i18n/en/commands.ts';
import { corrections as en_attendance_en_corrections } from '../features/attendance/i18n/en/corrections.ts';
import { decisions as en_attendance_en_decisions } from '../features/attendance/i18n/en/decisions.ts';
import { live as en_attendance_en_live } from '../features/attendance/i18n/en/live.ts';
import { rotating as en_attendance_en_rotating } from '../features/attendance/i18n/en/rotating.ts';
import { certificates as en_completion_en_certificates } from '../features/completion/i18n/en/certificates.ts';
import { completionCommands as en_completion_en_commands } from '../features/completion/i18n/en/commands.ts';
import { completion as en_completion_en_completion } from '../features/completion/i18n/en/completion.ts';
import { hoursCommands as en_hours_en_commands } from '../features/hours/i18n/en/commands.ts';
import { hours as en_hours_en_hours } from '../features/hours/i18n/en/hours.ts';
import { noticesCommands as en_notices_en_commands } from '../features/notices/i18n/en/commands.ts';
import { notices as en_notices_en_notices } from '../features/notices/i18n/en/notices.ts';
import { robots as en_notices_en_robots } from '../features/notices/i18n/en/robots.ts';
import { reportsCommands as en_reports_en_commands } from '../features/reports/i18n/en/commands.ts';
import { rosterCommands as en_roster_en_commands } from '../features/roster/i18n/en/commands.ts';
import { rosterImport as en_roster_en_roster_import } from '../features/roster/i18n/en/roster-import.ts';
import { surveysCommands as en_surveys_en_commands } from '../features/surveys/i18n/en/commands.ts';
import { timetableCommands as en_timetable_en_commands } from '../features/timetable/i18n/en/commands.ts';
import { timetable as en_timetable_en_timetable } from '../features/timetable/i18n/en/timetable.ts';
import { commands as en_i18n_en_commands } from '../i18n/en/commands.ts';
import { core as en_i18n_en_core } from '../i18n/en/core.ts';
import { jobs as en_i18n_en_jobs } from '../i18n/en/jobs.ts';
import { qq as en_i18n_en_qq } from '../i18n/en/qq.ts';
import { understanding as en_i18n_en_understanding } from '../i18n/en/understanding.ts';
import { upload as en_i18n_en_upload } from '../i18n/en/upload.ts';

// Every message catalogue, gathered: the shared ones under src/i18n/ and each feature's i18n/.
// Chinese first (our users are teachers in Chinese group chats); English second, with the command
// words left Chinese because that is what users type. A catalogue missing here, or an English key
// missing, is a compile error: each zh-CN catalogue declares its keys as message keys.

export const zhCN: Record<MessageKey, string> = { ...zh_access_zh_CN_admin, ...zh_access_zh_CN_commands, ...zh_access_zh_CN_demo, ...zh_assignments_zh_CN_assignments, ...zh_assignments_zh_CN_commands, ...zh_attendance_zh_CN_attendance, ...zh_attendance_zh_CN_commands, ...zh_attendance_zh_CN_corrections, ...zh_attendance_zh_CN_decisions, ...zh_attendance_zh_CN_live, ...zh_attendance_zh_CN_rotating, ...zh_completion_zh_CN_certificates, ...zh_completion_zh_CN_commands, ...zh_completion_zh_CN_completion, ...zh_hours_zh_CN_commands, ...zh_hours_zh_CN_hours, ...zh_notices_zh_CN_commands, ...zh_notices_zh_CN_notices, ...zh_notices_zh_CN_robots, ...zh_reports_zh_CN_commands, ...zh_roster_zh_CN_commands, ...zh_roster_zh_CN_roster_import, ...zh_surveys_zh_CN_commands, ...zh_timetable_zh_CN_commands, ...zh_timetable_zh_CN_timetable, ...zh_i18n_zh_CN_commands, ...zh_i18n_zh_CN_core, ...zh_i18n_zh_CN_jobs, ...zh_i18n_zh_CN_qq, ...zh_i18n_zh_CN_understanding, ...zh_i18n_zh_CN_upload };
export const en: Record<MessageKey, string> = { ...en_access_en_admin, ...en_access_en_commands, ...en_access_en_demo, ...en_assignments_en_assignments, ...en_assignments_en_commands, ...en_attendance_en_attendance, ...en_attendance_en_commands, ...en_attendance_en_corrections, ...en_attendance_en_decisions, ...en_attendance_en_live, ...en_attendance_en_rotating, ...en_completion_en_certificates, ...en_completion_en_commands, ...en_completion_en_completion, ...en_hours_en_commands, ...en_hours_en_hours, ...en_notices_en_commands, ...en_notices_en_notices, ...en_notices_en_robots, ...en_reports_en_commands, ...en_roster_en_commands, ...en_roster_en_roster_import, ...en_surveys_en_commands, ...en_timetable_en_commands, ...en_timetable_en_timetable, ...en_i18n_en_commands, ...en_i18n_en_core, ...en_i18n_en_jobs, ...en_i18n_en_qq, ...en_i18n_en_understanding, ...en_i18n_en_upload };

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** True when `key` is a message key (used to translate zod issue messages that carry keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** The translator for one locale. */
export function createTranslator(locale: Locale): Translator {
  return translator(catalogues[locale]);
}
