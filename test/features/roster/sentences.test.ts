import { beforeEach, describe, expect, it } from 'vitest';
import { applySetup } from '../../../src/features/roster/setup.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

// Roster, hours and 换人 requests written as sentences, with names looked up in the roster: a class
// named with brackets and quotes bound in a sentence, binding with the whole phone number or a name
// and tail in a sentence, 换人 to a teacher already on the roster without a phone, and a name one
// sound off asked back before anything happens.

const NAME = '“国培计划（2026）”——县级骨干教师（小学数学）1班【A班】';
const PROJECT = '2026年谯城区小学数学骨干教师培训';

function setup() {
  const s = exampleSetup();
  // A teacher of 实验小学 on the county's roster, in no class yet.
  s.people.push({ name: '郑海燕', phone: '13800007777', school: '实验小学', subject: '数学', stage: '小学' });
  s.people.find((p: { name: string }) => p.name === '周校长').roles = [{ role: 'SCHOOL_CONTACT' }];
  s.people.find((p: { name: string }) => p.name === '周校长').accounts = [{ platform: 'playground', userId: 'head-zhou' }];
  return s;
}

describe('roster requests written as sentences', () => {
  const ctx = freshChatPerTest('pglite', () => ({ at: '2026-11-22T20:00:00+08:00', setup: setup() }));
  let chat: TestChat;
  beforeEach(() => {
    chat = ctx.chat();
  });

  it('when a class named with brackets and quotes is bound in a sentence, trainees bind and check in there', async () => {
    await chat.as('contact-wang', '王主任', { private: true }).says(`创建班级 ${NAME} 项目：${PROJECT}`);
    const s = exampleSetup();
    await applySetup(chat.app, {
      region: s.region,
      classes: [{ name: NAME, project: PROJECT }],
      people: s.people.filter((p: { name: string }) => ['张三', '李四'].includes(p.name)).map((p: object) => ({ ...p, classes: [NAME] })),
      sessions: [{ class: NAME, start: '2026-11-23T08:30:00+08:00', end: '2026-11-23T11:30:00+08:00', hours: 3 }],
    });
    expect(texts(await chat.as('contact-wang', '王主任', { group: 'g-a' }).says(`@研修助手 本群绑定到${NAME}`))).toEqual([`本群已绑定到班级「${NAME}」。学员请发送「绑定 姓名 手机后四位」完成身份绑定。`]);
    // The whole phone number, and a name with the tail written as a sentence.
    expect(texts(await chat.as('u-zhang3', '张三', { group: 'g-a' }).says('绑定 张三 13800001111'))).toEqual(['绑定成功：张三（城关小学）。以后在群里发「签到」即可签到。']);
    expect(texts(await chat.as('u-li4', '李四', { group: 'g-a' }).says('老师好，我是城关小学的李四，手机尾号2222'))).toEqual(['绑定成功：李四（城关小学）。以后在群里发「签到」即可签到。']);
    await chat.at('2026-11-23T08:20:00+08:00');
    await chat.as('u-li4', '李四', { group: 'g-a' }).says('签到');
    expect(texts(await chat.wait(10))).toEqual(['✅ 签到成功 1 人：李四']);
  });

  it('when a school contact asks in a sentence to replace a teacher by one already on the roster, the request is filed without a phone', async () => {
    const sent = texts(await chat.as('head-zhou', '周校长', { private: true }).says('王老师，我们学校的赵六下学期要去支教，换成同校的郑海燕，郑老师已经在名单里了'));
    expect(sent).toContain('已提交换人申请：「小学数学1班」赵六 → 郑海燕，等待县区联系人审批。');
    const [request] = await chat.app.db.substitution.findMany();
    const names = async (id: number | undefined) => (await chat.app.db.person.findUnique({ where: { id: id ?? -1 } }))?.name;
    expect([await names(request?.fromPersonId), await names(request?.toPersonId), request?.status]).toEqual(['赵六', '郑海燕', 'PENDING']);
    expect(request?.reason).toContain('下学期要去支教');
  });

  it('when a county contact approves 换人 naming the teacher one sound off, they are asked back and 是 approves it', async () => {
    await chat.as('head-zhou', '周校长', { private: true }).says('换人 赵六 郑海燕 原因 下学期支教');
    expect(texts(await chat.as('contact-wang', '王主任', { private: true }).says('赵陆那个换人同意'))).toEqual(['您是说赵六吗？回复『是』确认，将批准换人：赵六。']);
    expect((await chat.app.db.substitution.findMany()).map((s) => s.status)).toEqual(['PENDING']);
    await chat.as('contact-wang', '王主任', { private: true }).says('是');
    expect((await chat.app.db.substitution.findMany()).map((s) => s.status)).toEqual(['APPROVED']);
  });

  it('when a tutor asks for the hours of a name one sound off, they are asked back and 是 answers for the one on the roster', async () => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    const asked = texts(await chat.as('tutor-li', '李老师', { private: true }).says('帮我看一下李肆的学时'));
    expect(asked).toEqual(['您是说李四吗？回复『是』确认，将查询学时：李四。']);
    const answered = texts(await chat.as('tutor-li', '李老师', { private: true }).says('是'));
    expect(answered.join('\n')).toContain('李四');
    expect(answered.join('\n')).toContain('学时');
  });

  it('when a trainee binds with their name one sound off, they are asked back and bound on 是', async () => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    expect(texts(await chat.as('u-zhang3', '张三').says('绑定 张叁 1111'))).toEqual(['您是说张三吗？回复『是』确认，将绑定：张三。']);
    expect(await chat.app.db.identity.count({ where: { platformUserId: 'u-zhang3' } })).toBe(0);
    expect(texts(await chat.as('u-zhang3', '张三').says('是'))).toEqual(['绑定成功：张三（城关小学）。以后在群里发「签到」即可签到。']);
  });

  it('when a trainee asks about their own hours in a sentence, they get their hours, and a question about how hours work gets none', async () => {
    await chat.as('tutor-li', '李老师').says('绑定班级 小学数学1班');
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    const mine = texts(await chat.as('u-zhang3', '张三', { private: true }).says('我这学期学时够了没有'));
    expect(mine.join('\n')).toContain('张三');
    expect(texts(await chat.as('u-zhang3', '张三').says('学时什么时候能查到'))).toEqual([]);
  });
});
