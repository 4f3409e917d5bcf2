import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat, texts } from '../../support/chat.ts';

// The county contact (王主任) records and accredits hours in a private chat for the teachers of the
// county, under Dali's school-based policy. 谯城区 has two classes: 小学数学1班 and 小学语文1班; there
// are two 张三 (城关小学 in the maths class, 实验小学 in the Chinese class), and 王五 is in both classes.

function countySetup() {
  const s = exampleSetup();
  s.policy = { profile: 'dali-2017' };
  s.people = s.people.filter((p: { name: string }) => !['赵六', '钱七', '孙八'].includes(p.name));
  s.projects.push({ name: '2026年谯城区小学语文教师培训', level: 'COUNTY', year: 2026 });
  s.classes.push({ name: '小学语文1班', project: '2026年谯城区小学语文教师培训' });
  s.people.push({ name: '张三', phone: '13800009999', school: '实验小学', subject: '语文', stage: '小学', classes: ['小学语文1班'] });
  s.people.find((p: { name: string }) => p.name === '王五')!.classes.push('小学语文1班');
  return s;
}

describe.each(databaseKinds())('county contact deciding hours privately on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-23T10:00:00+08:00', setup: countySetup() }), async (chat) => {
    await chat.as('u-li4', '李四').says('绑定 李四 2222');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const wang = (text: string) => chat.as('contact-wang', '王主任', { private: true }).says(text);
  const records = async () =>
    (await db.prisma.hourRecord.findMany({ include: { person: { include: { school: true } }, project: true }, orderBy: { id: 'asc' } })).map((r) => [r.person.name, r.person.school?.name, r.project?.name, r.category, r.level, Number(r.hours), r.status]);

  it('when the county contact records, rejects and accredits privately, the records are theirs to decide and the trainee hears of the rejection', async () => {
    expect(texts(await wang('登记学时 李四 4 学校研修 教研组听评课'))).toEqual(['已为 李四 登记 4 学时（学校研修，待认定）。']);
    expect(texts(await wang('登记学时 李四 2 集中培训'))).toEqual(['已为 李四 登记 2 学时（集中培训，待认定）。']);
    const rejected = await wang('不予认定 李四 重复登记');
    expect(rejected.map((r) => [r.chat, r.text])).toEqual([
      ['u-li4', '📮 您在「2026年谯城区小学数学骨干教师培训」的 6 学时未予认定，原因：重复登记。如有疑问请联系辅导老师。'],
      ['contact-wang', '已将 李四 的 2 条记录（6 学时）标为不予认定，并告知本人原因。'],
    ]);
    expect(texts(await wang('登记学时 李四 4 学校研修'))).toEqual(['已为 李四 登记 4 学时（学校研修，待认定）。']);
    expect(texts(await wang('认定学时 李四'))).toEqual(['已认定 1 人的 1 条学时记录，共 4 学时。']);
    expect(await records()).toEqual([
      ['李四', '城关小学', '2026年谯城区小学数学骨干教师培训', '学校研修', 'SCHOOL', 4, 'REJECTED'],
      ['李四', '城关小学', '2026年谯城区小学数学骨干教师培训', '集中培训', 'COUNTY', 2, 'REJECTED'],
      ['李四', '城关小学', '2026年谯城区小学数学骨干教师培训', '学校研修', 'SCHOOL', 4, 'ACCREDITED'],
    ]);
  });

  it('when two teachers of the county share the name, the bot asks which school and takes the answer sent with the school', async () => {
    expect(texts(await wang('登记学时 张三 3 学校研修'))).toEqual(['您负责的范围内有 2 位「张三」：城关小学；实验小学。请在姓名后写上学校或班级再发一次，例如「张三 城关小学」。']);
    expect(texts(await wang('认定学时 张三'))).toEqual(['您负责的范围内有 2 位「张三」：城关小学；实验小学。请在姓名后写上学校或班级再发一次，例如「张三 城关小学」。']);
    expect(await records()).toEqual([]);
    expect(texts(await wang('登记学时 张三 实验小学 3 学校研修'))).toEqual(['已为 张三 登记 3 学时（学校研修，待认定）。']);
    expect(texts(await wang('不予认定 张三 城关小学 没有记录'))).toEqual(['没有待认定的学时记录。']);
    expect(texts(await wang('不予认定 张三 实验小学 材料不全'))).toEqual(['已将 张三 的 1 条记录（3 学时）标为不予认定，并告知本人原因。']);
    expect(texts(await wang('登记学时 张三 古井镇中心小学 3 学校研修'))).toEqual(['您负责的范围内没有「古井镇中心小学」的「张三」，请核对学校或班级名称。']);
    const [record] = await db.prisma.hourRecord.findMany({ include: { person: { include: { school: true } } } });
    expect([record?.person.school?.name, record?.status, record?.statusReason]).toEqual(['实验小学', 'REJECTED', '材料不全']);
  });

  it('when the trainee is in two classes, the bot asks which class the hours belong to and records them in that class’s project', async () => {
    expect(texts(await wang('登记学时 王五 2 工作坊'))).toEqual(['王五 在您负责的多个班级（小学数学1班、小学语文1班），学时记在哪个班的项目？请在姓名后写上班级再发一次，例如「王五 小学数学1班」。']);
    expect(texts(await wang('登记学时 王五 小学语文1班 2 工作坊'))).toEqual(['已为 王五 登记 2 学时（工作坊，待认定）。']);
    expect(texts(await wang('认定学时 王五'))[0]).toContain('学时记在哪个班的项目');
    expect(texts(await wang('认定学时 王五 小学语文1班'))).toEqual(['已认定 1 人的 1 条学时记录，共 2 学时。']);
    expect(await records()).toEqual([['王五', '实验小学', '2026年谯城区小学语文教师培训', '工作坊', 'SCHOOL', 2, 'ACCREDITED']]);
  });

  it('when school-based hours are recorded without a level they count toward the school-based requirements of the policy, and county training does not', async () => {
    await wang('登记学时 李四 4 学校研修');
    await wang('登记学时 李四 6 寒暑假培训');
    const report = texts(await chat.as('u-li4', '李四', { private: true }).says('学时'))[0]!.split('\n');
    expect(report.find((l) => l.startsWith('· 校本+网络研修'))).toMatch(/^· 校本\+网络研修 4\/300 /);
    expect(report.find((l) => l.startsWith('· 学校研修'))).toMatch(/^· 学校研修（.*） 4\/12/);
    expect(report.find((l) => l.startsWith('· 本学期线下'))).toMatch(/^· 本学期线下（.*） 10\/30/);
    expect((await records()).map((r) => [r[3], r[4]])).toEqual([['学校研修', 'SCHOOL'], ['寒暑假培训', 'COUNTY']]);
  });

  it('when a tutor records hours privately for a teacher outside their classes, the bot says it cannot find them', async () => {
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('登记学时 张三 实验小学 3 学校研修'))).toEqual(['您负责的范围内没有「实验小学」的「张三」，请核对学校或班级名称。']);
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('登记学时 张三 3 学校研修'))).toEqual(['已为 张三 登记 3 学时（学校研修，待认定）。']);
    expect((await records()).map((r) => r[1])).toEqual(['城关小学']);
  });
});
