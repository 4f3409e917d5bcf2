import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSetup, TestChat, texts } from '../../support/chat.ts';
import { openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// 创建班级 in chat follows the console's rule: an admin, or the county contact of the project's
// county. Its errors name only the projects the asker may use, never another county's.

const OURS = '2026年谯城区小学数学骨干教师培训';
const THEIRS = '2026年涡阳县小学语文教师培训';

describe('创建班级 in chat', () => {
  let db: TestDatabase;
  let chat: TestChat;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    chat = await TestChat.start(db, { at: '2026-11-23T08:20:00+08:00', setup: exampleSetup() });
    const city = await db.prisma.region.findFirstOrThrow({ where: { name: '亳州市' } });
    const other = await db.prisma.region.create({ data: { name: '涡阳县', level: 'COUNTY', parentId: city.id } });
    await db.prisma.project.create({ data: { name: THEIRS, level: 'COUNTY', year: 2026, regionId: other.id } });
    const school = await db.prisma.school.create({ data: { name: '涡阳县实验小学', regionId: other.id } });
    const sun = await db.prisma.person.create({ data: { name: '孙主任', phone: '13900000034', phoneLast4: '0034', schoolId: school.id } });
    await db.prisma.identity.create({ data: { platform: 'playground', platformUserId: 'contact-sun', displayName: '孙主任', personId: sun.id } });
    await db.prisma.roleGrant.create({ data: { personId: sun.id, role: 'COUNTY_CONTACT', regionId: other.id } });
  }, 60_000);
  afterAll(async () => {
    await chat.close();
    await db.close();
  });

  const privately = { private: true };
  const classes = () => db.prisma.trainingClass.findMany({ select: { name: true, project: { select: { name: true } } }, orderBy: { id: 'asc' } });

  it('when a tutor who is no county contact creates a class in their own project, it is refused and nothing is created', async () => {
    const before = await classes();
    expect(texts(await chat.as('tutor-li', '李老师', privately).says(`创建班级 自建班 ${OURS}`))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await classes()).toEqual(before);
  });

  it("when the contact of another county names our county's project, nothing is created and only their own projects are named", async () => {
    const before = await classes();
    const [reply] = texts(await chat.as('contact-sun', '孙主任', privately).says(`创建班级 越界班 ${OURS}`));
    expect(reply).toBe(`没有找到您可以使用的项目「${OURS}」（您可以使用的项目：${THEIRS}）。`);
    expect(await classes()).toEqual(before);
  });

  it('when a county contact leaves out the project among several, the reply lists only their county’s projects', async () => {
    await db.prisma.project.create({ data: { name: '2026年涡阳县初中英语教师培训', level: 'COUNTY', year: 2026, regionId: (await db.prisma.region.findFirstOrThrow({ where: { name: '涡阳县' } })).id } });
    const [reply] = texts(await chat.as('contact-sun', '孙主任', privately).says('创建班级 无项目班'));
    expect(reply).toContain('2026年涡阳县初中英语教师培训');
    expect(reply).toContain(THEIRS);
    expect(reply).not.toContain('谯城区');
    expect(await db.prisma.trainingClass.count({ where: { name: '无项目班' } })).toBe(0);
  });

  it("when the county contact names their county's project, the class is created there and they tutor it", async () => {
    expect(texts(await chat.as('contact-wang', '王主任', privately).says(`创建班级 新开班 ${OURS}`))).toEqual([`已创建班级「新开班」（${OURS}），您是辅导老师。`]);
    const created = await db.prisma.trainingClass.findFirstOrThrow({ where: { name: '新开班' }, include: { project: true, grants: { include: { person: true } } } });
    expect(created.project.name).toBe(OURS);
    expect(created.grants.map((g) => [g.person.name, g.role])).toEqual([['王主任', 'TUTOR']]);
  });
});
