import { resendCommand } from './resend.ts';
import { rotatingCodeCommand, rotatingCodeOffCommand } from './rotating-code.ts';
import { setRobotCommand } from './set-robot.ts';
import { writeLogCommand } from './write-log.ts';
import { logRequirementCommand } from './log-requirement.ts';
import { accreditHoursCommand } from './accredit-hours.ts';
import { rejectHoursCommand } from './reject-hours.ts';
import { recordHoursCommand } from './record-hours.ts';
import { startSurveyCommand } from './start-survey.ts';
import { answerSurveyCommand } from './answer-survey.ts';
import { surveyResultsCommand } from './survey-results.ts';
import { exportCommand } from './export.ts';
import { statisticsCommand } from './statistics.ts';
import { consoleLoginCommand } from './console-login.ts';
import { createAssignmentCommand } from './create-assignment.ts';
import { submitAssignmentCommand } from './submit-assignment.ts';
import { myAssignmentsCommand } from './my-assignments.ts';
import { assignmentBoardCommand } from './assignment-board.ts';
import { acceptSubmissionCommand } from './accept-submission.ts';
import { returnSubmissionCommand } from './return-submission.ts';
import { attendanceCommand } from './attendance.ts';
import { bindGroupCommand } from './bind-group.ts';
import { bindSchoolGroupCommand } from './bind-school-group.ts';
import { bindCommand } from './bind.ts';
import { broadcastCommand, cancelDraftCommand, confirmCommand } from './broadcast.ts';
import { cancelSessionCommand } from './cancel-session.ts';
import { changeSessionCommand } from './change-session.ts';
import { rosterCheckCommand } from './roster-check.ts';
import { deliveriesCommand } from './deliveries.ts';
import { approveSubstitutionCommand, rejectSubstitutionCommand, substitutionCommand } from './substitution.ts';
import { ackNoticeCommand, noticeTallyCommand, openingNoticeCommand } from './opening-notice.ts';
import { checkinCommand } from './checkin.ts';
import { closeSessionCommand } from './close-session.ts';
import type { Command } from './command.ts';
import { createClassCommand } from './create-class.ts';
import { createSessionCommand } from './create-session.ts';
import { approveLeaveCommand, rejectLeaveCommand } from './decide-leave.ts';
import { grantRoleCommand } from './grant-role.ts';
import { helpCommand } from './help.ts';
import { hoursCommand } from './hours.ts';
import { leaveCommand } from './leave.ts';
import { correctAttendanceCommand } from './correct-attendance.ts';
import { requestMakeupCommand } from './request-makeup.ts';
import { timetableCommand } from './timetable.ts';
import { setTimetableCommand } from './set-timetable.ts';
import { classInfoCommand } from './class-info.ts';
import { setClassInfoCommand } from './set-class-info.ts';

/** Every chat command, in the order help lists them: trainees' first, then tutors', then admins'. */
export const commands: readonly Command<any>[] = [
  checkinCommand,
  leaveCommand,
  correctAttendanceCommand,
  requestMakeupCommand,
  ackNoticeCommand,
  hoursCommand,
  bindCommand,
  helpCommand(() => commands),
  timetableCommand,
  classInfoCommand,
  createSessionCommand,
  setTimetableCommand,
  setClassInfoCommand,
  attendanceCommand,
  rosterCheckCommand,
  closeSessionCommand,
  changeSessionCommand,
  rotatingCodeCommand,
  rotatingCodeOffCommand,
  deliveriesCommand,
  resendCommand,
  setRobotCommand,
  createAssignmentCommand,
  submitAssignmentCommand,
  myAssignmentsCommand,
  assignmentBoardCommand,
  acceptSubmissionCommand,
  returnSubmissionCommand,
  statisticsCommand,
  exportCommand,
  startSurveyCommand,
  answerSurveyCommand,
  surveyResultsCommand,
  accreditHoursCommand,
  rejectHoursCommand,
  recordHoursCommand,
  writeLogCommand,
  logRequirementCommand,
  consoleLoginCommand,
  cancelSessionCommand,
  broadcastCommand,
  confirmCommand,
  cancelDraftCommand,
  openingNoticeCommand,
  noticeTallyCommand,
  substitutionCommand,
  approveSubstitutionCommand,
  rejectSubstitutionCommand,
  approveLeaveCommand,
  rejectLeaveCommand,
  bindGroupCommand,
  bindSchoolGroupCommand,
  createClassCommand,
  grantRoleCommand,
];
