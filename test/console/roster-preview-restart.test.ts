import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/features/access/console-accounts.ts';
import { exampleSetup } from '../support/chat.ts';
import { csrfIn, startConsole } from '../support/console.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../support/databases.ts';

// A county contact previews a roster, the bot restarts (or the next request reaches another process),
// and 导入 still imports what was previewed — once.

describe.each(databaseKinds())('a roster preview across a restart on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.close());

  it('when a roster is previewed before a restart, 导入 after it imports every teacher, and a second 导入 finds the preview gone', async () => {
    const serve = async (setup?: unknown) => {
      const { bot, web } = await startConsole(db, { at: '2026-11-23T08:00:00+08:00', ...(setup ? { setup } : {}) });
      return { bot, web, base: await web.listen({ host: '127.0.0.1', port: 0 }) };
    };
    const before = await serve(exampleSetup());
    const contact = await db.prisma.person.findFirstOrThrow({ where: { name: '王主任' } });
    const cookie = `yanxiu_session=${await startSession(before.bot.app, contact.id)}`;
    const csrf = async (base: string) => csrfIn(await (await fetch(`${base}/console/roster`, { headers: { cookie } })).text());
    const form = new FormData();
    form.set('_csrf', await csrf(before.base));
    form.set('file', new Blob(['姓名,手机号,学校,班级\n新教师甲,13700030001,城关小学,小学数学1班\n新教师乙,13700030002,城关小学,小学数学1班\n']), '名单.csv');
    const preview = await (await fetch(`${before.base}/console/roster/preview`, { method: 'POST', body: form, headers: { cookie } })).text();
    const token = /name="upload" value="([^"]+)"/.exec(preview)?.[1] ?? '';
    expect(token).not.toBe('');
    await before.web.close();
    await before.bot.stop();

    const after = await serve();
    const confirm = async () => {
      const response = await fetch(`${after.base}/console/roster/import`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: await csrf(after.base), upload: token }) });
      return { status: response.status, body: await response.text() };
    };
    const imported = await confirm();
    expect(imported.status).toBe(200);
    expect(imported.body).toContain('已导入 2 位教师的报名');
    expect(await db.prisma.person.count({ where: { phone: { in: ['13700030001', '13700030002'] } } })).toBe(2);
    const again = await confirm();
    expect(again.status).toBe(410);
    expect(again.body).toContain('预览已过期，请重新上传文件。');
    await after.web.close();
    await after.bot.stop();
  });
});
