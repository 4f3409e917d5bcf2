import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { consoleRoutes } from '../../../src/console/console-routes.ts';
import { buildWebServer } from '../../../src/http/web-server.ts';
import { createLogger } from '../../../src/logger.ts';
import { bindClassOfThree, TestChat, texts, threeTraineeSetup } from '../../support/chat.ts';
import { haveChromium, launchChromium } from '../../support/chromium.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../support/databases.ts';

// 张三 attends the first morning of 小学数学1班 (3 hours) and asks for his 学时证明: a PDF in Chinese
// with a serial and a QR code to /verify/<serial>. A stranger opens that page in Chromium; the tutor
// revokes the certificate and the page says so; the page, mounted as the console mounts it, refuses
// the 21st request of a minute.

const pdfText = (file: string) => spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
/** The images the page draws: the image XObjects its resources name (a PNG's alpha mask is not one of them). */
const imagesIn = (file: string) => [...readFileSync(file, 'latin1').matchAll(/\/XObject <<([^>]*)>>/g)].flatMap((m) => m[1]!.match(/\/I\d+ \d+ 0 R/g) ?? []).length;

describe('certificates and their verification page', () => {
  let db: TestDatabase;
  let chat: TestChat;
  let dataDir: string;
  let web: FastifyInstance;
  let base: string;
  let browser: Browser | undefined;
  let serial = '';
  let pdf = '';
  const zhang = () => chat.as('u-zhang3', '张三', { private: true });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yanxiu-certificates-'));
    db = await openTestDatabase(databaseKinds().at(-1)!);
    chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), dataDir, config: { certificates: { fontPath: undefined, issuer: '谯城区教师发展中心', sealPath: undefined } } });
    await bindClassOfThree(chat);
    await chat.as('tutor-li', '李老师').says('课表 12月7日-12月8日 每天 8:30-11:30 学时3');
    await chat.as('tutor-li', '李老师').says('确认');
    await chat.at('2026-12-07T08:35:00+08:00');
    await chat.as('u-zhang3', '张三').says('签到');
    await chat.at('2026-12-07T20:00:00+08:00');
    web = await buildWebServer([consoleRoutes(chat.app)], { log: createLogger('silent') });
    base = await web.listen({ host: '127.0.0.1', port: 0 });
    if (haveChromium) browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await chat?.close();
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when a trainee asks 证明 they get a PDF privately whose text is Chinese and carries their hours and the serial', async () => {
    const sent = await zhang().says('证明');
    const reply = sent.find((r) => r.chat === 'u-zhang3' && r.files?.length);
    expect(reply?.text).toMatch(/^📄「小学数学1班」学时证明（共 3 学时），编号 YX-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}。/);
    serial = /编号 (YX-[0-9A-Z-]{19})/.exec(reply!.text)![1]!;
    pdf = reply!.files![0]!.path!;
    const text = pdfText(pdf);
    for (const expected of ['学时证明', '张三', '城关小学', '2026年谯城区小学数学骨干教师培训', '小学数学1班', '县级', '2026年12月7日', '集中培训 3', '待认定 3 学时', '谯城区教师发展中心', serial]) expect(text).toContain(expected);
    expect(text).toContain(`/verify/${serial}`);
    expect(text).not.toMatch(/1380000\d{4}/);
    // Without CERT_SEAL the only image is the QR code.
    expect(imagesIn(pdf)).toBe(1);
    // Kept after the run for a look at the page: $TMPDIR/yanxiu-certificate-page.png.
    const png = path.join(tmpdir(), 'yanxiu-certificate-page');
    expect(spawnSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, png]).status).toBe(0);
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
  });

  it('when the same trainee asks again with nothing changed the serial stays the same; 结业证书 waits for the class to end', async () => {
    const again = (await zhang().says('学时证明')).find((r) => r.files?.length);
    expect(again?.text).toContain(`编号 ${serial}`);
    expect(await db.prisma.certificate.count()).toBe(1);
    expect(texts(await zhang().says('结业证书'))).toEqual(['结业证书在培训班结业后发放；现在可以发「证明」领取学时证明。']);
  });

  it.skipIf(!haveChromium)('when a stranger opens the verification page in Chromium it shows the record and the same serial, without a phone number', async () => {
    const page = await (await browser!.newContext({ locale: 'zh-CN' })).newPage();
    const response = await page.goto(`${base}/verify/${serial.toLowerCase().replace(/-/g, '')}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#status').textContent()).toBe('✅ 此证书有效，由谯城区教师发展中心签发。');
    expect(await page.locator('#serial').textContent()).toBe(serial);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('张三');
    expect(body).not.toMatch(/1380000\d{4}|1111/);
    await page.context().close();
  });

  it('when the tutor revokes the certificate it is audited and the page says revoked, with the reason', async () => {
    expect(texts(await chat.as('u-li4', '李四', { private: true }).says(`撤销证书 ${serial} 冒领`))).toEqual(['抱歉，您没有权限执行这个操作。']);
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says(`撤销证书 ${serial}`))[0]).toContain('请这样写：撤销证书 编号 原因');
    expect(texts(await chat.as('tutor-li', '李老师', { private: true }).says(`撤销证书 ${serial} 学校名称有误`))).toEqual([`已撤销证书 ${serial}（张三），原因：学校名称有误。核验页面会显示为已撤销。`]);
    expect(await db.prisma.auditLog.count({ where: { action: 'certificate.revoke', entityId: serial } })).toBe(1);
    const page = await (await fetch(`${base}/verify/${serial}`)).text();
    expect(page).toContain('❌ 此证书已撤销（12月7日）：学校名称有误');
    const next = (await zhang().says('证明')).find((r) => r.files?.length);
    expect(next?.text).not.toContain(serial);
  });

  it.skipIf(!haveChromium)('when a stranger walks serials the page mounted by the console answers 20 unknown ones in a minute with 404 and refuses the 21st with 429', { timeout: 120_000 }, async () => {
    // A server of its own, so the requests of the tests above do not count against this address.
    const fresh = await buildWebServer([consoleRoutes(chat.app)], { log: createLogger('silent') });
    const address = await fresh.listen({ host: '127.0.0.1', port: 0 });
    const page = await (await browser!.newContext({ locale: 'zh-CN' })).newPage();
    try {
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await page.goto(`${address}/verify/YX-0000-0000-0000-${String(i).padStart(4, '0')}`))?.status());
      expect(statuses).toEqual([...Array<number>(20).fill(404), 429]);
      expect(await page.locator('body').textContent()).toBe('请求太频繁，请稍后再试。');
    } finally {
      await page.context().close();
      await fresh.close();
    }
  });
});

describe('a seal image on certificates', () => {
  it('when CERT_SEAL names a PNG the certificate draws it beside the QR code; when the file is not an image the trainee hears so and the log names the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-seal-'));
    const seal = path.join(dir, 'seal.png');
    await QRCode.toFile(seal, '谯城区教师发展中心', { type: 'png', width: 200 });
    const db = await openTestDatabase('pglite');
    const logged: string[] = [];
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), dataDir: dir, log: createLogger('debug', {}, (line) => void logged.push(line)), config: { certificates: { fontPath: undefined, issuer: undefined, sealPath: seal } } });
    try {
      await bindClassOfThree(chat);
      const sent = (await chat.as('u-zhang3', '张三', { private: true }).says('证明')).find((r) => r.files?.length);
      expect(imagesIn(sent!.files![0]!.path!)).toBe(2);
      writeFileSync(seal, 'not an image');
      expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('证明'))).toEqual(['抱歉，证书的印章图片设置有误，暂时无法生成证书。已记下原因，请联系管理员处理。']);
      expect(logged.join('\n')).toContain('CERT_SEAL is not a PNG or JPEG image');
      rmSync(seal);
      expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('证明'))).toEqual(['抱歉，证书的印章图片设置有误，暂时无法生成证书。已记下原因，请联系管理员处理。']);
      expect(logged.join('\n')).toContain('CERT_SEAL cannot be read');
    } finally {
      await chat.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('certificates without a Chinese font', () => {
  it('when FONT_PATH names a missing file the trainee hears clearly that certificates cannot be made, and nothing is issued', async () => {
    const db = await openTestDatabase('pglite');
    const chat = await TestChat.start(db, { at: '2026-12-03T20:00:00+08:00', setup: threeTraineeSetup(), config: { certificates: { fontPath: '/nonexistent/font.ttc', issuer: undefined, sealPath: undefined } } });
    try {
      await bindClassOfThree(chat);
      expect(texts(await chat.as('u-zhang3', '张三', { private: true }).says('证明'))).toEqual(['抱歉，服务器上还没有中文字体，暂时无法生成证书。已记下原因，请联系管理员处理。']);
      expect(await db.prisma.certificate.count()).toBe(0);
    } finally {
      await chat.close();
      await db.close();
    }
  }, 120_000);
});
