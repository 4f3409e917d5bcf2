import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeTelegram, textUpdate } from './support/fake-telegram.ts';

// The README's first command on a fresh data directory: the bot comes up on PGlite with the
// playground console, and the CLI works against the same embedded database.

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-smoke-'));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', HTTP_PORT: '0', METRICS_PORT: '0', LOCAL_REDIS_PORT: String(57_000 + Math.floor(Math.random() * 1000)) };
const cli = (...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('running the bot and the CLI on the embedded database', () => {
  it('when an operator creates the first admin and loads a bad roster the CLI says what to fix and imports nothing, and an export shows its progress', async () => {
    const admin = await cli('admin', 'create', '--name', '王主任', '--phone', '13900000009');
    expect(admin).toMatchObject({ code: 0, out: expect.stringContaining('admin ready: 王主任 (139****0009)') });
    expect(await cli('setup', 'load', 'examples/setup.json')).toMatchObject({ code: 0 });
    const csv = path.join(dataDir, 'roster.csv');
    writeFileSync(csv, '姓名,手机号,学校,班级\n周九,13800007777,城关小学,小学数学1班\n吴十,1380000,城关小学,小学数学1班\n');
    const bad = await cli('roster', 'import', csv);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 3 行：手机号“138****”不是 11 位手机号');
    expect(bad.out).toContain('nothing imported: 1 row(s) need fixing');
    expect(await cli('bogus')).toMatchObject({ code: 1, out: expect.stringContaining('usage: npm run cli') });
    const exported = await cli('export', '--class', '小学数学1班', '--format', 'csv', '--out', path.join(dataDir, 'out'));
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ 6/6');
    expect(readdirSync(path.join(dataDir, 'out')).map((f) => f.replace(/^.*-/, '')).sort()).toEqual(['作业.csv', '出勤.csv', '学时汇总.csv', '学时登记.csv'].sort());
  }, 120_000);

  it('when the bot starts without a platform token the playground console answers in Chinese', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.write('/as 王主任\n帮助\n/as 张三\n/group 小学数学1班群\n绑定 张三 1111\n/quit\n');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('研修助手 playground');
    expect(out).toContain('授权 @某人|姓名 角色');
    expect(out).toContain('@张三 绑定成功：张三（城关小学）');
    // The log goes to a file: a JSON line in the terminal would read as part of the conversation.
    expect(out).not.toContain('"level"');
    expect(out).toContain(`日志写入 ${path.join(dataDir, 'playground.log')}`);
    expect(existsSync(path.join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
  }, 120_000);

  it('when TELEGRAM_BOT_TOKEN is set the bot polls Telegram and answers there instead of the console', async () => {
    const telegram = new FakeTelegram();
    const apiRoot = await telegram.start();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...env, TELEGRAM_BOT_TOKEN: '123456:TEST-token-for-the-smoke-test', TELEGRAM_API_ROOT: apiRoot },
    });
    try {
      telegram.pushUpdate(textUpdate({ chatId: 3001, userId: 3001, name: '路人', text: '帮助', messageId: 1 }));
      const deadline = Date.now() + 60_000;
      while (telegram.sentMessages().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(telegram.sentMessages()[0]).toMatchObject({ chatId: '3001', text: expect.stringContaining('【研修助手】您可以使用这些命令') });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      await telegram.stop();
    }
  }, 120_000);
});
