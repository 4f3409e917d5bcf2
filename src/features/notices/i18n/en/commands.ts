import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the notices commands: usage and a one-line summary.
export const noticesCommands = {
  'commands.broadcast.usage': '通知 [time] text',
  'commands.broadcast.summary': 'send a notice to your class groups, previewed first; e.g. 通知 明天 8:00 bring your notebook',
  'commands.confirm.usage': '确认',
  'commands.confirm.summary': 'send the notice you just previewed',
  'commands.cancelDraft.usage': '取消',
  'commands.cancelDraft.summary': 'drop the notice you previewed or scheduled',
  'commands.openingNotice.usage': '开班通知 class-name text',
  'commands.openingNotice.summary': "post a class-opening notice to each school's group (or the class group) mentioning the selected trainees; collects 收到, reminds and escalates the silent",
  'commands.ackNotice.usage': '收到',
  'commands.ackNotice.summary': 'confirm you received the opening notice',
  'commands.noticeTally.usage': '确认情况 [class-name]',
  'commands.noticeTally.summary': 'who has confirmed the opening notice, by school (sent privately)',
  'commands.substitution.usage': '换人 trainee new-teacher phone reason',
  'commands.substitution.summary': 'school contacts ask to replace a selected trainee; a county contact decides (send privately)',
  'commands.resend.usage': '补发',
  'commands.resend.summary': 'after checking they did not arrive, send the uncertain messages of my latest notices again',
  'commands.deliveries.usage': '送达情况',
  'commands.deliveries.summary': 'how my latest notice and opening notice were delivered: delivered, failed, uncertain',
  'commands.approveSubstitution.usage': '同意换人 trainee',
  'commands.approveSubstitution.summary': 'approve: the roster place and unconfirmed notices move to the new teacher, who is told',
  'commands.rejectSubstitution.usage': '驳回换人 trainee [reason]',
  'commands.rejectSubstitution.summary': 'reject a substitution request',
} satisfies Partial<Record<MessageKey, string>>;
