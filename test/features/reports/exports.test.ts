import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { TestChat, bindClassOfThree, freshChatPerTest, texts, threeTraineeSetup } from '../../support/chat.ts';

// Two mornings, one assignment (张三 on time and accepted, 李四 late, 王五 missing), one certificate
// record outside the class's project; the exports are read back and compared with the database.

const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-export-'));

describe.each(databaseKinds())('exports on %s', (kind) => {
  const setup = () => {
    const s = threeTraineeSetup();
    Object.assign(s.people.find((p: { name: string }) => p.name === '周校长'), { roles: [{ role: 'SCHOOL_CONTACT' }], accounts: [{ platform: 'playground', userId: 'contact-zhou' }] });
    return { at: '2026-11-22T20:00:00+08:00', setup: s, dataDir: dir };
  };
  const ctx = freshChatPerTest(kind, setup, async (chat) => {
    await bindClassOfThree(chat);
    await chat.as('tutor-li', '李老师').says('创建课次 明天 8:30-11:30 学时3 新课标解读');
    await chat.as('tutor-li', '李老师').says('布置作业 读书笔记 11月23日 18:00 学时1');
    await chat.at('2026-11-23T08:20:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.as('u-li4', '李四').says('请假 孩子生病');
    await chat.as('tutor-li', '李老师').says('准假 李四');
    await chat.as('u-zhang3', '张三').says('交作业 读后感：……');
    await chat.at('2026-11-23T20:00:00+08:00');
    await chat.as('u-li4', '李四').says('交作业 读后感（补交）');
    await chat.as('tutor-li', '李老师', { private: true }).says('作业通过 张三');
  });
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('when the tutor asks for an export in the group the workbook arrives privately, and it matches the database', async () => {
    const replies = await chat.as('tutor-li', '李老师').says('导出');
    expect(replies.find((r) => r.chat === 'g-math1')?.text).toBe('导出文件已私信发给您。');
    const file = replies.find((r) => r.chat === 'tutor-li')?.files?.[0]?.path;
    expect(file).toMatch(/小学数学1班-2026-11-23-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file!);
    const rows = (name: string) => (workbook.getWorksheet(name)!.getSheetValues() as unknown[][]).slice(1).map((r) => r.slice(1));

    const records = await db.prisma.hourRecord.findMany({ include: { person: true }, orderBy: [{ personId: 'asc' }, { earnedOn: 'asc' }] });
    expect(rows('学时登记').slice(1).map((r) => [r[1], r[10], r[11]])).toEqual(records.map((r) => [r.person.name, Number(r.hours), r.status === 'ACCREDITED' ? '已认定' : '待认定']));
    expect(rows('学时登记')[1]?.slice(0, 13)).toEqual([1, '张三', '城关小学', '数学', '小学', '138****1111', '2026年谯城区小学数学骨干教师培训', '县级', '作业', '作业', 1, '待认定', '2026-11-23']);

    const checkIns = await db.prisma.checkIn.findMany({ include: { person: true } });
    const status = (name: string) => ({ PRESENT: '出勤', LATE: '迟到', LEAVE: '请假', ABSENT: '缺勤' })[checkIns.find((c) => c.person.name === name)!.status];
    expect(rows('出勤')).toEqual([
      ['姓名', '学校', '11月23日 新课标解读', '到课次数', '应到次数', '到课率'],
      ['张三', '城关小学', status('张三'), 1, 1, '100%'],
      ['李四', '城关小学', status('李四'), 0, 1, ''],
      ['王五', '实验小学', status('王五'), 0, 1, '0%'],
    ]);
    expect(rows('作业')).toEqual([
      ['姓名', '学校', '读书笔记', '已交', '应交'],
      ['张三', '城关小学', '已通过', 1, 1],
      ['李四', '城关小学', '迟交', 1, 1],
      ['王五', '实验小学', '未交', 0, 1],
    ]);
    expect(rows('学时汇总').slice(1).map((r) => [r[0], r[4], r[5], r[6]])).toEqual([
      ['张三', 4, 0, 4],
      ['李四', 0, 0, 0],
      ['王五', 0, 0, 0],
    ]);
  });

  it('when the county contact asks for CSV privately each sheet comes as a UTF-8 CSV that reads back the same', async () => {
    const replies = await chat.as('contact-wang', '王主任', { private: true }).says('导出 csv');
    const files = replies[0]?.files?.map((f) => f.path!) ?? [];
    expect(files.map((f) => path.basename(f).replace(/^谯城区-2026-11-23-[^-]+-/, ''))).toEqual(['学时登记.csv', '出勤.csv', '作业.csv', '学时汇总.csv']);
    const csv = readFileSync(files[2]!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parse(csv, { bom: true })).toEqual([
      ['姓名', '学校', '读书笔记', '已交', '应交'],
      ['张三', '城关小学', '已通过', '1', '1'],
      ['李四', '城关小学', '迟交', '1', '1'],
      ['王五', '实验小学', '未交', '0', '1'],
    ]);
  });

  it("when a school contact asks for an export in the class group they get only their own school's teachers", async () => {
    const replies = await chat.as('contact-zhou', '周校长').says('@研修助手 导出 csv');
    const files = replies.find((r) => r.files?.length)?.files?.map((f) => f.path!) ?? [];
    expect(files).toHaveLength(4);
    const work = parse(readFileSync(files[2]!, 'utf8'), { bom: true }) as string[][];
    expect(work.map((row) => row[0])).toEqual(['姓名', '王五']);
    expect(files.map((f) => readFileSync(f, 'utf8')).join('\n')).not.toMatch(/张三|李四/);
  });

  it('when a trainee asks for an export the bot refuses politely and writes nothing', async () => {
    expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('导出'))).toEqual(['抱歉，您没有权限执行这个操作。']);
  });
});
