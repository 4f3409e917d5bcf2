import type { Command } from '../app/command.ts';
import * as access from '../features/access/index.ts';
import * as assignments from '../features/assignments/index.ts';
import * as attendance from '../features/attendance/index.ts';
import * as completion from '../features/completion/index.ts';
import * as hours from '../features/hours/index.ts';
import * as notices from '../features/notices/index.ts';
import * as reports from '../features/reports/index.ts';
import * as roster from '../features/roster/index.ts';
import * as surveys from '../features/surveys/index.ts';
import * as timetable from '../features/timetable/index.ts';
import { helpCommand } from './help.ts';

// The table of contents: each feature is a folder under src/features/ with its commands (commands/),
// its use cases and its messages (i18n/). Below, every command in routing order — the order also
// help lists them in: trainees' first, then tutors', then admins'. Where two commands share a word,
// the earlier is tried first.

/** The features, by folder name. */
export const features = { attendance, timetable, notices, assignments, hours, surveys, completion, reports, roster, access } as const;

/** Every chat command, in routing order (`feature.command`). */
export const commands: readonly Command<any>[] = [
  attendance.checkinCommand,
  attendance.leaveCommand,
  attendance.correctAttendanceCommand,
  attendance.requestMakeupCommand,
  notices.ackNoticeCommand,
  hours.hoursCommand,
  completion.myCompletionCommand,
  completion.hoursCertificateCommand,
  completion.completionCertificateCommand,
  roster.bindCommand,
  helpCommand(() => commands),
  timetable.timetableCommand,
  timetable.classInfoCommand,
  attendance.createSessionCommand,
  timetable.setTimetableCommand,
  timetable.setClassInfoCommand,
  attendance.attendanceCommand,
  roster.rosterCheckCommand,
  attendance.closeSessionCommand,
  timetable.changeSessionCommand,
  attendance.rotatingCodeCommand,
  attendance.rotatingCodeOffCommand,
  notices.deliveriesCommand,
  notices.resendCommand,
  notices.setRobotCommand,
  assignments.createAssignmentCommand,
  assignments.submitAssignmentCommand,
  assignments.myAssignmentsCommand,
  assignments.assignmentBoardCommand,
  assignments.acceptSubmissionCommand,
  assignments.returnSubmissionCommand,
  reports.statisticsCommand,
  completion.completionStatusCommand,
  completion.revokeCertificateCommand,
  completion.endClassCommand,
  completion.registrationExportCommand,
  reports.exportCommand,
  surveys.startSurveyCommand,
  surveys.answerSurveyCommand,
  surveys.surveyResultsCommand,
  hours.accreditHoursCommand,
  hours.rejectHoursCommand,
  hours.recordHoursCommand,
  hours.writeLogCommand,
  hours.logRequirementCommand,
  access.consoleLoginCommand,
  timetable.cancelSessionCommand,
  notices.broadcastCommand,
  notices.confirmCommand,
  notices.cancelDraftCommand,
  notices.openingNoticeCommand,
  notices.noticeTallyCommand,
  notices.substitutionCommand,
  notices.approveSubstitutionCommand,
  notices.rejectSubstitutionCommand,
  attendance.approveLeaveCommand,
  attendance.rejectLeaveCommand,
  roster.bindGroupCommand,
  roster.bindSchoolGroupCommand,
  roster.createClassCommand,
  access.grantRoleCommand,
];
