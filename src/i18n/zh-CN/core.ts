import type { Catalogue } from '../index.ts';

export const core = {
  'common.none': '无',
  'common.notBound': '您还没有绑定身份。请在班级群里发送「绑定 姓名 手机后四位」，例如：绑定 张三 1234',
  'common.forbidden': '抱歉，您没有权限执行这个操作。',
  'common.internalError': '抱歉，系统暂时出了点问题，您的消息已保存，请稍后再试。',
  'common.unknownCommand': '没看懂这条消息。发送「帮助」查看可以使用的命令。',
  'common.tooLong': '消息太长了（超过 {max} 字），请精简后再发。',
  'common.attachmentKept': '收到您发的文件/图片。如果这是作业，请接着发「交作业」；如果是通知的附件，请先发「通知 内容」。',
  'common.empty': '请输入命令，发送「帮助」查看可以使用的命令。',
  'common.groupOnly': '这个命令请在班级群里使用。',
  'common.badArgument': '格式不对：{problem}\n用法：{usage}',
  'common.groupNotBound': '本群还没有绑定班级。请辅导老师在群里发送「绑定班级 班级名称」。',

  'common.sentPrivately': '详情已私信发给您。',
  'common.cannotReachPrivately': '详情需要私信发送：请先点下面的按钮私聊我（发一句话即可），再回群里重试。',
  'common.openPrivateChat': '打开私聊',
  'common.badValue': '内容不符合要求',
  'help.title': '【研修助手】您可以使用这些命令：',
  'help.line': '· {usage} —— {summary}',
  'help.footer': '命令前后可以有空格，全角半角都可以；在群里也可以 @我 后再输入命令。',

  'attachment.image': '图片',
  'attachment.file': '文件',
  'attachment.link': '链接',
  'attachment.audio': '语音',
  'attachment.video': '视频',
  'attachment.other': '附件',
  'identity.confirmAfterRelogin': '机器人刚重新登录，本班有不止一位「{name}」，无法自动认出您。请发送「绑定 姓名 手机后四位」确认身份。',
  'wechat.offline': '⚠️ 研修助手的微信账号已掉线，正在尝试重新登录。如需扫码，请查看服务器上的登录二维码。',
  'wechat.backOnline': '✅ 研修助手的微信账号已重新上线。',
  'group.onlyInGroup': '请在要绑定的群里发送这个命令。',
  'group.welcome': '欢迎加入「{place}」！请发送「绑定 姓名 手机后四位」完成身份绑定（例如：绑定 张三 1234），之后上课时发「签到」即可签到。',
  'group.boundToSchool': '本群已绑定为「{school}」的教师群，本校老师的开班通知会发到这里。',
  'school.notYours': '您不是「{name}」的学校联系人。',
  'group.boundElsewhere': '本群已绑定为「{name}」的群，只有负责它的辅导老师或联系人可以改绑。',
  'school.which': '您是多所学校的联系人（{schools}），请写上学校名称：绑定学校 学校名称',
  'group.bound': '本群已绑定到班级「{className}」。学员请发送「绑定 姓名 手机后四位」完成身份绑定。',

  'level.NATIONAL': '国家级',
  'level.PROVINCIAL': '省级',
  'level.CITY': '市级',
  'level.COUNTY': '县级',
  'level.SCHOOL': '校级',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof core> {}
}
