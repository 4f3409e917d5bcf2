// 通知 Notices: broadcasts, opening notices (开班通知) and 收到, 换人 substitutions, the delivery report and 补发, group robots.

export { broadcastCommand, cancelDraftCommand, confirmCommand } from './commands/broadcast.ts';
export { deliveriesCommand } from './commands/deliveries.ts';
export { ackNoticeCommand, noticeTallyCommand, openingNoticeCommand } from './commands/opening-notice.ts';
export { resendCommand } from './commands/resend.ts';
export { setRobotCommand } from './commands/set-robot.ts';
export { approveSubstitutionCommand, rejectSubstitutionCommand, substitutionCommand } from './commands/substitution.ts';
