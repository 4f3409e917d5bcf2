// 课表 Timetable: a class's dates and venue (班级信息), the timetable in one message or a file, moving and cancelling sessions.

export { cancelSessionCommand } from './commands/cancel-session.ts';
export { changeSessionCommand } from './commands/change-session.ts';
export { classInfoCommand } from './commands/class-info.ts';
export { setClassInfoCommand } from './commands/set-class-info.ts';
export { setTimetableCommand } from './commands/set-timetable.ts';
export { timetableCommand } from './commands/timetable.ts';
