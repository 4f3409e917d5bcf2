// 考勤 Attendance: sessions, check-in and the live list, leave, 补签 and corrections, rotating codes (动态口令), location check-in, anomaly flags.

export { attendanceCommand } from './commands/attendance.ts';
export { checkinCommand } from './commands/checkin.ts';
export { closeSessionCommand } from './commands/close-session.ts';
export { correctAttendanceCommand } from './commands/correct-attendance.ts';
export { createSessionCommand } from './commands/create-session.ts';
export { approveLeaveCommand, rejectLeaveCommand } from './commands/decide-leave.ts';
export { leaveCommand } from './commands/leave.ts';
export { requestMakeupCommand } from './commands/request-makeup.ts';
export { rotatingCodeCommand, rotatingCodeOffCommand } from './commands/rotating-code.ts';
