import { beforeEach, describe, expect, it } from 'vitest';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

// Real class names carry brackets, quotes and 「·」: 「“国培计划（2026）”——县级骨干教师（小学数学）1班【A班】」.
// They are looked up as typed, then with bracket and quote style, width and spaces ignored — never
// after the brackets were taken off as decoration.

const NAME = '“国培计划（2026）”——县级骨干教师（小学数学）1班【A班】';
const PROJECT = '2026年谯城区小学数学骨干教师培训';

describe('a class whose name carries brackets and quotes', () => {
  const ctx = freshChatPerTest('pglite', () => ({ at: '2026-11-22T20:00:00+08:00', setup: exampleSetup() }));
  let chat: TestChat;
  beforeEach(() => {
    chat = ctx.chat();
  });
  const wang = (where: { group?: string; private?: boolean } = { private: true }) => chat.as('contact-wang', '王主任', where);

  it('when it is created, bound with other bracket styles, checked in to and counted, every step finds it', async () => {
    expect(texts(await wang().says(`创建班级 ${NAME} 项目：${PROJECT}`))).toEqual([`已创建班级「${NAME}」（${PROJECT}），您是辅导老师。`]);
    // The county's roster for it, with its first session tomorrow morning.
    const s = exampleSetup();
    await applySetup(chat.app, {
      region: s.region,
      classes: [{ name: NAME, project: PROJECT }],
      people: s.people.filter((p: { name: string }) => ['张三', '李四'].includes(p.name)).map((p: object) => ({ ...p, classes: [NAME] })),
      sessions: [{ class: NAME, start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }],
    });

    // Typed with half-width brackets and straight quotes, with a space: still the same class.
    const bound = await wang({ group: 'g-a' }).says('绑定班级 "国培计划(2026)"——县级骨干教师(小学数学)1班 [A班]');
    expect(texts(bound)).toEqual([`本群已绑定到班级「${NAME}」。学员请发送「绑定 姓名 手机后四位」完成身份绑定。`]);
    await chat.as('u-zhang3', '张三', { group: 'g-a' }).says('绑定 张三 1111');

    await chat.at('2026-11-23T08:20:00+08:00');
    await chat.as('u-zhang3', '张三', { group: 'g-a' }).says('签到');
    expect(texts(await chat.wait(10))).toEqual(['✅ 签到成功 1 人：张三']);

    await chat.at('2026-11-23T12:00:00+08:00');
    const stats = texts(await wang().says(`统计 ${NAME}`))[0]!;
    expect(stats.split('\n').slice(0, 2)).toEqual([`📈「${NAME}」统计（2 人）`, '出勤：已结束 1 次课，到课率 50%（到课 1/2，请假 0，缺勤 1）']);
    // A name that is not a class is still said so, with the name as typed.
    expect(texts(await wang().says('统计 “国培计划（2026）”——县级骨干教师（小学数学）2班【A班】'))).toEqual(['没有找到班级「“国培计划（2026）”——县级骨干教师（小学数学）2班【A班】」。']);
  });
});
