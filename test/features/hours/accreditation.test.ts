import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';

describe.each(databaseKinds())('accrediting hours on %s', (kind) => {
  const setup = () => {
    return { at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup() };
  };
  const ctx = freshChatPerTest(kind, setup, async (chat) => {
    await bindClassOfThree(chat);
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3');
    await chat.at('2026-11-23T08:20:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.as('u-li4', '李四').says('签到');
    await chat.at('2026-11-23T12:00:00+08:00');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const statuses = async () =>
    (await db.prisma.hourRecord.findMany({ include: { person: true }, orderBy: [{ personId: 'asc' }, { id: 'asc' }] })).map((r) => [r.person.name, r.category, Number(r.hours), r.status, r.statusReason]);

  it('when the tutor records school-based hours, rejects one trainee with a reason and accredits the rest, the ledger and the trainee agree', async () => {
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('登记学时 王五 4 学校研修 校级 教研组听评课'))).toEqual(['已为 王五 登记 4 学时（学校研修，待认定）。']);
    const rejected = await chat.as('tutor-li', '李老师', { private: true }).says('不予认定 李四 签到后中途离开');
    expect(rejected.map((r) => [r.chat, r.text])).toEqual([
      ['u-li4', '📮 您在「2026年谯城区小学数学骨干教师培训」的 3 学时未予认定，原因：签到后中途离开。如有疑问请联系辅导老师。'],
      ['tutor-li', '已将 李四 的 1 条记录（3 学时）标为不予认定，并告知本人原因。'],
    ]);
    expect(texts(await chat.as('tutor-li', '李老师').says('认定学时'))).toEqual(['已认定 2 人的 2 条学时记录，共 7 学时。']);
    expect(await statuses()).toEqual([
      ['张三', '集中培训', 3, 'ACCREDITED', null],
      ['李四', '集中培训', 3, 'REJECTED', '签到后中途离开'],
      ['王五', '学校研修', 4, 'ACCREDITED', '教研组听评课'],
    ]);
    const report = (await chat.as('u-wang5', '王五', { private: true }).says('学时'))[0]?.text;
    expect(report).toContain('合计 4 学时（已认定 4，待认定 0）');
    expect(texts(await chat.as('tutor-li', '李老师').says('认定学时'))).toEqual(['没有待认定的学时记录。']);
  });

  it('when a trainee tries to accredit or record hours the bot refuses politely and nothing changes', async () => {
    const before = await statuses();
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('认定学时'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('登记学时 张三 100 学校研修'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await statuses()).toEqual(before);
  });

  it('when the entry is malformed the tutor is shown how to write it', async () => {
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('登记学时 王五 很多'))[0]).toContain('请按「登记学时 姓名 学时数 类别 [级别] [说明]」填写');
  });
});
