import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';

describe('parseConfig', () => {
  it('when nothing is set it gives the embedded defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, dataDir: './data', locale: 'zh-CN', ackBatchSeconds: 5, playground: 'console' });
  });
  it('when a value is bad it names the variable and what is expected in one line', () => {
    expect(() => parseConfig({ ACK_BATCH_SECONDS: 'soon' })).toThrow(ConfigError);
    try {
      parseConfig({ ACK_BATCH_SECONDS: 'soon', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('ACK_BATCH_SECONDS: expected an integer between 1 and 60 (got "soon")');
      expect(message).toContain('DATABASE_URL: expected a postgresql:// URL');
    }
  });
  it('when DATABASE_URL is empty it falls back to the embedded database', () => {
    expect(parseConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });
  it('when a Telegram webhook URL is set without a secret it refuses to start and says which variable is missing', () => {
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/telegram' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: expected 16–256 letters, digits, _ or - \(required with TELEGRAM_WEBHOOK_URL\)/,
    );
    const ok = parseConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TELEGRAM_WEBHOOK_URL: 'https://bot.example.cn/telegram', TELEGRAM_WEBHOOK_SECRET: 'a-long-secret-123' });
    expect(ok.telegram).toMatchObject({ webhookUrl: 'https://bot.example.cn/telegram', webhookSecret: 'a-long-secret-123' });
  });
  it('when WeChat is switched on without a puppet the web-protocol puppet is chosen, and bad quiet hours are refused', () => {
    expect(parseConfig({ WECHAT: 'on' }).wechat).toMatchObject({ puppet: 'wechaty-puppet-wechat4u', maxMessageAgeSeconds: 300 });
    expect(parseConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't' }).wechat).toMatchObject({ puppet: 'wechaty-puppet-service', token: 't' });
    expect(parseConfig({}).wechat).toBeUndefined();
    expect(() => parseConfig({ WECHAT: 'on', WECHAT_QUIET_HOURS: 'night' })).toThrow(/WECHAT_QUIET_HOURS: expected HH:MM-HH:MM in China time/);
  });
});
