import { beforeEach, describe, expect, it } from 'vitest';
import { importCertificates } from '../../../src/features/hours/certificate-import.ts';
import { parseCertificateCsv } from '../../../src/core/hours/parse-certificate-csv.ts';
import { databaseKinds, type TestDatabase } from '../../support/databases.ts';
import { exampleSetup, freshChatPerTest, TestChat } from '../../support/chat.ts';

const csv = (text: string) => new TextEncoder().encode(text);
const HEADER = '姓名,手机号,学时,证书编号,发证日期,类别,项目\n';
const actor = { personId: null, label: 'test' };

describe('reading a certificate CSV', () => {
  it('when rows are good they are read with the defaults; bad rows are named by line without showing a whole phone', () => {
    const { rows, errors } = parseCertificateCsv(
      csv(`${HEADER}张三,13800001111,20,JX2026-001,2026/3/15,,\n李四,1380000222,20,JX2026-002,2026-03-15,,\n王五,13800003333,二十,JX2026-001,2026-02-30,,\n`),
    );
    expect(rows.map((r) => [r.line, r.name, r.hours, r.certificateNo, r.category, r.earnedOn.toISOString().slice(0, 10)])).toEqual([[2, '张三', 20, 'JX2026-001', '网络研修', '2026-03-15']]);
    expect(errors.map((e) => e.message)).toEqual([
      '第 3 行：手机号“138***0222”不是 11 位手机号',
      '第 4 行：学时“二十”应为 0–500 之间的数；日期“2026-02-30”应写成 2026-03-15；证书编号 JX2026-001 在文件中重复',
    ]);
  });
  it('when a required column is missing the header line says which', () => {
    expect(parseCertificateCsv(csv('姓名,手机号,学时\n')).errors).toEqual([{ line: 1, message: '第 1 行（表头）缺少列：证书编号、日期' }]);
  });
});

describe.each(databaseKinds())('importing certificates on %s', (kind) => {
  const ctx = freshChatPerTest(kind, () => ({ at: '2026-11-23T10:00:00+08:00', setup: { ...exampleSetup(), policy: { profile: 'dali-2017' } } }));
  let db: TestDatabase;
  let chat: TestChat;
  beforeEach(() => {
    db = ctx.db();
    chat = ctx.chat();
  });

  it('when one row names someone not on the roster nothing is imported', async () => {
    const { rows } = parseCertificateCsv(csv(`${HEADER}张三,13800001111,20,JX-1,2026-03-15,,\n路人,13900009999,20,JX-2,2026-03-15,,\n`));
    const result = await importCertificates(chat.app, actor, rows, { level: 'COUNTY', accredited: false });
    expect(result).toEqual({ ok: false, errors: [{ line: 3, message: '第 3 行：手机号 139****9999 不在名单中' }] });
    expect(await db.prisma.hourRecord.count()).toBe(0);
  });

  it('when the file is imported twice the certificates are recorded once, and they count as online hours in Dali', async () => {
    const { rows } = parseCertificateCsv(csv(`${HEADER}张三,13800001111,20,JX-1,2026-03-15,,\n张三,13800001111,10,JX-2,2026-10-08,,\n`));
    expect(await importCertificates(chat.app, actor, rows, { level: 'COUNTY', accredited: true })).toEqual({ ok: true, created: 2, skipped: 0 });
    expect(await importCertificates(chat.app, actor, rows, { level: 'COUNTY', accredited: true })).toEqual({ ok: true, created: 0, skipped: 2 });
    await chat.as('u-zhang3', '张三').says('绑定 张三 1111');
    const report = (await chat.as('u-zhang3', '张三', { private: true }).says('学时'))[0]?.text.split('\n');
    expect(report?.slice(1, 4)).toEqual(['合计 30 学时（已认定 30，待认定 0）', '· 校本+网络研修 30/300 ▓░░░░░░░░░ 10%', '· 本年度（2026年） 30/60 ▓▓▓▓▓░░░░░ 50%']);
  });
});
