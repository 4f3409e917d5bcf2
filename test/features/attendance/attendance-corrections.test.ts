import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';
import type { TestDatabase } from '../../support/databases.ts';
import { jobsOption, schedulerRuns, useTestRedis } from '../../support/redis.ts';

// A morning of 11月23日 (学时3): 张三 checks in, 李四 and 王五 do not; the session closes by its job.
// Then the tutor corrects marks in chat, trainees ask for 补签, and 王五 asks leave three days ahead.

const redis = useTestRedis();
const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-corrections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(schedulerRuns())('attendance corrections on %s, jobs %s', (kind, jobs) => {
  const ctx = freshChatPerTest(
    kind,
    () => ({ at: '2026-11-22T20:00:00+08:00', setup: threeTraineeSetup(), dataDir: dir, ...jobsOption(jobs, redis, 'corrections') }),
    async (chat) => {
      await bindClassOfThree(chat);
      await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3 新课标解读');
      await chat.at('2026-11-23T08:20:00+08:00');
      await chat.as('u-zhang3', '张三').says('签到');
      await chat.at('2026-11-23T11:40:00+08:00');
    },
  );
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  const tutor = () => chat.as('tutor-li', '李老师');
  const marks = async () => Object.fromEntries((await db.prisma.checkIn.findMany({ include: { person: true } })).map((c) => [c.person.name, [c.status, c.remark]]));
  const hoursOf = async () => (await db.prisma.hourRecord.findMany({ include: { person: true } })).map((h) => `${h.person.name}:${Number(h.hours)}`).sort();

  it('when the tutor corrects marks after the close the hours follow, the trainees are told privately, and the export shows status and remark', async () => {
    expect(await marks()).toEqual({ 张三: ['PRESENT', null], 李四: ['ABSENT', null], 王五: ['ABSENT', null] });
    const first = await tutor().says('补签 李四、王五', { id: 'fix-1' });
    expect(first.find((r) => r.chat === 'g-math1')?.text).toBe('已将 李四、王五 在「新课标解读」（11月23日 08:30–11:30）的考勤改为：出勤（备注：补签）。');
    expect(first.find((r) => r.chat === 'u-li4')).toMatchObject({ kind: 'private', text: '辅导老师更正了您「新课标解读」（11月23日 08:30–11:30）的考勤：出勤（备注：补签）。已为您登记 3 学时（待认定）。' });
    // The same message delivered again changes nothing and says nothing.
    expect(await tutor().says('补签 李四、王五', { id: 'fix-1' })).toEqual([]);
    expect(await hoursOf()).toEqual(['张三:3', '李四:3', '王五:3']);

    await tutor().says('王五 改成迟到 备注 手机没电');
    await tutor().says('标记缺勤 张三 第1次课');
    expect(await marks()).toEqual({ 张三: ['ABSENT', null], 李四: ['PRESENT', '补签'], 王五: ['LATE', '手机没电'] });
    expect(await hoursOf()).toEqual(['李四:3', '王五:3']);
    expect(texts(await tutor().says('补签 李四'))).toEqual(['李四 的考勤本来就是：出勤，没有改动。']);
    expect(await db.prisma.auditLog.count({ where: { action: 'attendance.correct' } })).toBe(4);

    const replies = await chat.as('tutor-li', '李老师', { private: true }).says('导出');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(replies[0]!.files![0]!.path!);
    const rows = (workbook.getWorksheet('出勤')!.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1));
    expect(rows).toEqual([
      ['姓名', '学校', '11月23日 新课标解读', '到课次数', '应到次数', '到课率'],
      ['张三', '城关小学', '缺勤', 0, 1, '0%'],
      ['李四', '城关小学', '出勤（补签）', 1, 1, '100%'],
      ['王五', '实验小学', '迟到（手机没电）', 1, 1, '100%'],
    ]);
  });

  it('when 王五 is swapped out after the close he can still be corrected for that session; someone never enrolled cannot', async () => {
    await db.prisma.enrolment.updateMany({ where: { person: { name: '王五' } }, data: { status: 'SUBSTITUTED' } });
    await db.prisma.person.create({ data: { name: '吴十', phone: '13800009999' } });
    expect((await tutor().says('补签 王五')).find((r) => r.chat === 'g-math1')?.text).toContain('已将 王五 在「新课标解读」');
    expect(texts(await tutor().says('补签 吴十'))).toEqual(['本班名单里没有：吴十。请核对姓名。']);
    expect(await marks()).toEqual({ 张三: ['PRESENT', null], 李四: ['ABSENT', null], 王五: ['PRESENT', '补签'] });
  });

  it('when a trainee tries to correct attendance they are refused politely and nothing changes', async () => {
    const before = await marks();
    expect(texts(await chat.as('u-li4', '李四').says('@研修助手 张三 改为请假'))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(await chat.as('u-li4', '李四').says('王五 改为缺勤')).toEqual([]);
    expect(await marks()).toEqual(before);
  });

  it('when a name is not on the roster the tutor is told and no one is changed', async () => {
    expect(texts(await tutor().says('补签 李四、周九'))).toEqual(['本班名单里没有：周九。请核对姓名。']);
    expect((await marks())['李四']).toEqual(['ABSENT', null]);
  });

  it('when 李四 asks for 补签 with a photo the tutor gets it privately, and approving marks him present with the hours', async () => {
    await chat.as('u-li4', '李四').says('', { attachment: { kind: 'image', name: '现场照片.jpg' } });
    const asked = await chat.as('u-li4', '李四').says('补签 原因：手机没电了');
    expect(asked.find((r) => r.chat === 'g-math1')?.text).toBe('已收到您的补签申请（「新课标解读」11月23日 08:30–11:30），等待辅导老师审批。');
    const notice = asked.find((r) => r.chat === 'tutor-li');
    expect(notice?.text).toContain('李四 申请补签：「新课标解读」（11月23日 08:30–11:30）\n原因：手机没电了\n附件 1 个');
    expect(notice?.files?.map((f) => f.name)).toEqual(['现场照片.jpg']);
    const approved = await chat.as('tutor-li', '李老师', { private: true }).says('批准');
    expect(approved.find((r) => r.chat === 'tutor-li')?.text).toBe('已批准 李四 的补签（「新课标解读」），已记为出勤。');
    expect(approved.find((r) => r.chat === 'u-li4')?.text).toBe('您「新课标解读」的补签已批准，记为出勤，并登记 3 学时（待认定）。');
    expect((await marks())['李四']).toEqual(['PRESENT', '补签：手机没电了']);
    expect(await hoursOf()).toEqual(['张三:3', '李四:3']);
  });

  it('when two ask for 补签 the tutor is asked which, and rejecting one tells that trainee the reason without hours', async () => {
    await chat.as('u-li4', '李四').says('补签 手机没电了');
    await chat.as('u-wang5', '王五').says('补签 网络断了');
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says('驳回'))).toEqual(['有多条待审批的请假：李四·补签（新课标解读）、王五·补签（新课标解读）。请在命令里写上姓名，例如「准假 张三」。']);
    const rejected = await tutor().says('驳回 王五 理由：当天未见到本人');
    expect(rejected.find((r) => r.chat === 'u-wang5')).toMatchObject({ kind: 'private', text: '您「新课标解读」的补签未获批准。理由：当天未见到本人' });
    expect((await marks())['王五']).toEqual(['ABSENT', null]);
    expect(await hoursOf()).toEqual(['张三:3']);
    expect(await db.prisma.leaveRequest.findMany({ select: { status: true, kind: true }, orderBy: { id: 'asc' } })).toEqual([
      { status: 'PENDING', kind: 'MAKEUP' },
      { status: 'REJECTED', kind: 'MAKEUP' },
    ]);
  });

  it('when a trainee asks how 补签 works they get a short help, and one who checked in is told no 补签 is needed', async () => {
    const help = texts(await chat.as('u-li4', '李四').says('@研修助手 我昨天忘记补签了怎么办'));
    expect(help).toHaveLength(1);
    expect(help[0]).toContain('补签');
    expect(await db.prisma.leaveRequest.count()).toBe(0);
    expect(texts(await chat.as('u-zhang3', '张三').says('补签 手机没电'))).toEqual(['您「新课标解读」已经签到了，不需要补签。']);
  });

  it('when 补签 names one who checked in herself she is neither corrected nor told, one with no chat account is named to the tutor, and the remark keeps its words', async () => {
    await db.prisma.identity.deleteMany({ where: { person: { name: '王五' } } });
    const sent = await tutor().says('补签 张三、王五 备注 手机没电了');
    expect(texts(sent.filter((r) => r.chat === 'g-math1'))).toEqual([
      '已将 王五 在「新课标解读」（11月23日 08:30–11:30）的考勤改为：出勤（备注：手机没电了）。',
      '张三 的考勤本来就是：出勤，没有改动。',
      '王五 没有绑定聊天账号，无法通知本人，请另行告知。',
    ]);
    expect(sent.filter((r) => r.chat === 'u-zhang3')).toEqual([]);
    expect(await marks()).toMatchObject({ 张三: ['PRESENT', null], 王五: ['PRESENT', '手机没电了'] });
    expect(await db.prisma.auditLog.count({ where: { action: 'attendance.correct' } })).toBe(1);
  });

  it('when 王五 asks leave three days ahead for a whole day both halves are requested, approved at once, and LEAVE at their close', async () => {
    await tutor().says('创建课次 11月26日 8:30-11:30 学时3 上午专题');
    await tutor().says('创建课次 11月26日 14:30-17:00 学时3 下午研讨');
    const asked = await chat.as('u-wang5', '王五').says('请假 11月26日 家里有事');
    expect(asked.find((r) => r.chat === 'g-math1')?.text).toBe('已收到您的请假申请（「上午专题」「下午研讨」11月26日 08:30–11:30、11月26日 14:30–17:00），等待辅导老师审批。');
    expect(asked.filter((r) => r.chat === 'tutor-li').map((r) => r.text.split('\n')[0])).toEqual(['📝 王五 申请请假：「上午专题」（11月26日 08:30–11:30）', '📝 王五 申请请假：「下午研讨」（11月26日 14:30–17:00）']);
    expect(texts(await chat.as('u-li4', '李四').says('下周一请假'))).toEqual(['那个时间没有可以请假的课次。接下来的课次：「上午专题」11月26日 08:30–11:30、「下午研讨」11月26日 14:30–17:00']);
    await chat.as('u-li4', '李四').says('11月26日下午请假 孩子发烧了');
    const approved = await tutor().says('准假 王五');
    expect(approved.map((r) => `${r.chat}:${r.text}`)).toEqual(['u-wang5:您「上午专题」的请假已批准。', 'u-wang5:您「下午研讨」的请假已批准。', 'g-math1:已批准 王五 的请假（「上午专题、下午研讨」）。']);
    await chat.at('2026-11-26T17:05:00+08:00');
    const rows = await db.prisma.checkIn.findMany({ where: { session: { title: { in: ['上午专题', '下午研讨'] } } }, include: { person: true, session: true } });
    expect(rows.map((r) => `${r.session.title}:${r.person.name}:${r.status}`).sort()).toEqual([
      '上午专题:张三:ABSENT', '上午专题:李四:ABSENT', '上午专题:王五:LEAVE', '下午研讨:张三:ABSENT', '下午研讨:李四:ABSENT', '下午研讨:王五:LEAVE',
    ]);
    expect(await db.prisma.leaveRequest.findMany({ where: { person: { name: '李四' } }, select: { status: true, reason: true, session: { select: { title: true } } } })).toEqual([{ status: 'PENDING', reason: '孩子发烧了', session: { title: '下午研讨' } }]);
  });
});
