import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { robotSecretBox } from '../../../src/features/notices/robot-store.ts';
import { SecretBox } from '../../../src/core/robots/secret-box.ts';
import { checkWebhook, redactRobotSecrets } from '../../../src/core/robots/webhook-url.ts';

const OFFICIAL = { wecom: 'https://qyapi.weixin.qq.com', dingtalk: 'https://oapi.dingtalk.com' };
const KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa';

describe('a pasted robot webhook', () => {
  it('when it is the official WeCom or DingTalk endpoint it is accepted as it is', () => {
    expect(checkWebhook('wecom', ` https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY} `, OFFICIAL)).toEqual({ ok: true, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` });
    expect(checkWebhook('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=b2c4e6f8a0b2c4e6f8a0b2c4', OFFICIAL)).toMatchObject({ ok: true });
  });

  it.each([
    ['http (not https)', `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['a look-alike host', `https://qyapi.weixin.qq.com.evil.example/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['credentials before the host', `https://qyapi.weixin.qq.com@127.0.0.1/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['the cloud metadata address', `https://169.254.169.254/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['loopback', `https://127.0.0.1/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['another port', `https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=${KEY}`, 'wrongHost'],
    ['the other platform', `https://oapi.dingtalk.com/robot/send?access_token=${'a'.repeat(20)}`, 'wrongHost'],
    ['another path', `https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=${KEY}`, 'wrongPath'],
    ['a dot-segment path', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send/../../x?key=${KEY}`, 'wrongPath'],
    ['an extra parameter', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}&debug=1`, 'badCredential'],
    ['a key with odd characters', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc%0d%0aHost:x', 'badCredential'],
    ['not a URL', 'qyapi.weixin.qq.com/cgi-bin/webhook/send', 'notUrl'],
    ['javascript', 'javascript:alert(1)', 'wrongHost'],
  ])('when it is %s it is refused', (_label, url, problem) => {
    expect(checkWebhook('wecom', url, OFFICIAL)).toEqual({ ok: false, problem });
  });

  it('when a test configures a local server, only that origin is accepted', () => {
    const local = { wecom: 'http://127.0.0.1:4567', dingtalk: OFFICIAL.dingtalk };
    expect(checkWebhook('wecom', `http://127.0.0.1:4567/cgi-bin/webhook/send?key=${KEY}`, local)).toMatchObject({ ok: true });
    expect(checkWebhook('wecom', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`, local)).toMatchObject({ ok: false });
  });

  it('when the parameter name is percent-encoded it is read decoded and rebuilt in the official spelling', () => {
    expect(checkWebhook('wecom', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?%6Bey=${KEY}`, OFFICIAL)).toEqual({ ok: true, url: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}` });
    expect(checkWebhook('wecom', `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?%6Bey=${KEY}&key=${KEY}`, OFFICIAL)).toEqual({ ok: false, problem: 'badCredential' });
  });

  it.each([`?%6Bey=${KEY}`, `?%6b%65%79=${KEY}`, `?KEY=${KEY}`, `?Key=${encodeURIComponent(KEY)}`, `?x=1&%6Bey=${KEY}`, `?access%5Ftoken=${KEY}`, `?ACCESS_TOKEN=${KEY}`])('when a key is spelt %s, redaction hides it too', (query) => {
    const redacted = redactRobotSecrets(`设置群机器人 城关小学 企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send${query} 谢谢`);
    expect(redacted).not.toContain(KEY);
    expect(redacted).toMatch(/=\*\*\* 谢谢$/);
  });

  it('when text holds a key, token or signing secret, redaction hides each', () => {
    const text = `设置群机器人 城关小学 钉钉 https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcd 加签 SEC${'0a'.repeat(32)} 和 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;
    const redacted = redactRobotSecrets(text);
    expect(redacted).toBe('设置群机器人 城关小学 钉钉 https://oapi.dingtalk.com/robot/send?access_token=*** 加签 SEC*** 和 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
  });
});

describe('the secret box', () => {
  it('when sealed and opened with the same key the secret comes back; another key or a changed byte fails', () => {
    const box = new SecretBox('a passphrase of at least thirty-two characters');
    const sealed = box.seal(KEY);
    expect(sealed).not.toContain(KEY);
    expect(box.seal(KEY)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(KEY);
    expect(() => new SecretBox('another passphrase of at least thirty-two chars').open(sealed)).toThrow();
    const parts = sealed.split('.');
    parts[2] = `${parts[2]!.slice(0, -2)}${parts[2]!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('when no SECRET_KEY is set a key is generated once under DATA_DIR, owner-only, and reused', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yanxiu-secret-'));
    try {
      const sealed = robotSecretBox({ secretKey: undefined, dataDir: dir }).seal(KEY);
      const file = path.join(dir, 'secret.key');
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(new SecretBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')).open(sealed)).toBe(KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
