import type { Catalogue } from '../../../../i18n/index.ts';

// Rotating codes (动态口令), the 签到大屏, location check-in and the anomaly flags of a summary.
export const rotating = {
  'checkin.staleCode': '口令已过期，请看大屏上的最新口令。',
  'checkin.tooManyCodes': '口令输错次数太多，请看大屏上的最新口令，{seconds} 秒后再发送「签到 口令」。',
  'question.rotatingCode': '口令只显示在签到大屏上，每 {seconds} 秒更换：请发「签到 大屏上的口令」。',
  'question.fixedCode': '口令由辅导老师在现场公布：请发「签到 口令」。',
  'checkin.shareLocation': '「{title}」需要定位签到：请发送您当前的位置（位置消息），不用发文字。',
  'checkin.noVenue': '本班还没有设置培训地点，不能用位置签到，请发送「签到」。',
  'checkin.outsideVenue': '您的位置距离培训地点约 {distance}，超出签到范围（{radius}），没有签到。到场后请再发送一次位置。',
  'session.rotatingLine': '签到用动态口令，每 {seconds} 秒更换，前一个口令仍可用。请在投影上打开签到大屏（需登录控制台）：{url}',
  'session.locationLine': '签到需要发送位置（培训地点 {radius}以内）。',
  'session.locationNoVenue': '签到需要发送位置，但本班还没有设置培训地点：请先设置，否则学员无法签到。',
  'session.locationAndCode': '定位签到的课次不用口令，请去掉「口令」或「动态口令」后再创建。',
  'session.badStep': '动态口令的更换间隔要在 15–300 秒之间，例如「动态口令60秒」。',
  'session.openAnnouncementWithRotatingCode': '📢「{title}」（{window}）现在开始签到！请看大屏上的口令，发送「签到 口令」（口令会定时更换，以大屏为准）。{late} 后记为迟到，{closes} 截止。',
  'session.openAnnouncementWithLocation': '📢「{title}」（{window}）现在开始签到！请在培训地点发送您的位置签到。{late} 后记为迟到，{closes} 截止。',
  'rotating.on': '已为「{title}」开启动态口令，每 {seconds} 秒更换，前一个口令仍可用。签到大屏（需登录控制台）：{url}',
  'rotating.off': '已关闭「{title}」的动态口令。{codeNote}',
  'rotating.offWithCode': '签到改用固定口令 {code}。',
  'rotating.offNoCode': '现在签到不需要口令。',
  'rotating.notOn': '「{title}」没有开启动态口令。',
  'rotating.locationSession': '「{title}」是定位签到，不用口令。',
  'session.flagsTitle': '⚠️ 请留意（仅供参考，不影响签到结果）：',
  'session.flagStale': '· 用过期口令尝试签到 {count} 人：{names}',
  'session.flagWrong': '· 输错口令 {count} 人：{names}',
  'session.flagWrongName': '{name}（{times} 次）',
  'session.flagFar': '· 发送的位置在培训地点以外 {count} 人：{names}',
  'session.flagBurst': '· 口令出现在群里后 {seconds} 秒内有 {min} 人以上跟着签到，共 {count} 人：{names}',
  'commands.rotatingCode.usage': '开启动态口令 [60秒]',
  'commands.rotatingCode.summary': '本群当前或下一次课次改用每隔几十秒更换的口令，口令只显示在控制台的签到大屏上',
  'commands.rotatingCodeOff.usage': '关闭动态口令',
  'commands.rotatingCodeOff.summary': '本群当前或下一次课次不再用动态口令',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof rotating> {}
}
