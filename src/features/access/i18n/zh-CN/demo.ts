import type { Catalogue } from '../../../../i18n/index.ts';

export const demo = {
  'demo.commandNotInDemo': '演示群里不能使用这个命令。可以试试：签到、请假 家中有事、学时、帮助；演示老师可以发「创建课次 今天 8:30-11:30 学时3」「签到情况」「结束签到」。',
  'demo.outsideDemo': '演示身份只能在自己的演示班里使用，不能操作其他班级或群。',
  'demo.badRequest': '请选择身份并输入消息。',
  'demo.allRoomsBusy': '演示房间都有人在用，请过几分钟再打开本页。',
  'demo.sessionOutOfRange': '演示群只能创建今天到 {days} 天内的课次。',
  'demo.tooManySessions': '每个演示房间最多 {max} 个课次，请先用已有的课次体验签到。',
  'demo.roomGone': '这个演示房间已过期，请刷新页面重新开始。',
};

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof demo> {}
}
