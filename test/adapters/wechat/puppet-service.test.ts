import { describe, expect, it } from 'vitest';
import { missingPuppet, wechatyPuppetOptions } from '../../../src/adapters/wechat/puppet.ts';
import { WechatAdapter } from '../../../src/adapters/wechat/wechat-adapter.ts';
import { parseConfig } from '../../../src/config.ts';
import { systemClock } from '../../../src/core/ports.ts';
import { createLogger } from '../../../src/logger.ts';

// The working WeChat route in 2026 is a paid puppet service (e.g. WorkPro on a WeCom account)
// through wechaty-puppet-service: the bot must hand it the token, the service's authority and the
// TLS switch exactly as configured.

const ENV = {
  WECHATY_PUPPET: 'wechaty-puppet-service',
  WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_0123456789abcdef',
  WECHATY_PUPPET_SERVICE_AUTHORITY: 'token-service.example.cn:8788',
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
};

describe('a WeChat puppet service', () => {
  it('when the puppet-service variables are set, wechaty loads wechaty-puppet-service with that token, authority and TLS switch', async () => {
    const config = parseConfig(ENV);
    expect(config.wechat).toMatchObject({ puppet: 'wechaty-puppet-service', token: ENV.WECHATY_PUPPET_SERVICE_TOKEN, serviceAuthority: 'token-service.example.cn:8788', serviceNoTls: true });
    const adapter = new WechatAdapter({ puppet: config.wechat!.puppet, puppetOptions: wechatyPuppetOptions(config.wechat!), clock: systemClock, log: createLogger('silent') });
    // init() loads the puppet package by name and builds it, without connecting anywhere.
    await (adapter.wechaty as unknown as { init(): Promise<void> }).init();
    const puppet = (adapter.wechaty as unknown as { puppet: { constructor: { name: string }; options: unknown } }).puppet;
    expect(puppet.constructor.name).toBe('PuppetService');
    expect(puppet.options).toEqual({ token: ENV.WECHATY_PUPPET_SERVICE_TOKEN, authority: 'token-service.example.cn:8788', tls: { disable: true } });
  });

  it('when only a token is set, nothing else is invented; a bad authority stops start-up with its name', () => {
    expect(wechatyPuppetOptions(parseConfig({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't' }).wechat!)).toEqual({ token: 't' });
    expect(wechatyPuppetOptions(parseConfig({ WECHAT: 'on' }).wechat!)).toBeUndefined();
    expect(() => parseConfig({ ...ENV, WECHATY_PUPPET_SERVICE_AUTHORITY: 'http://x/y' })).toThrow(/WECHATY_PUPPET_SERVICE_AUTHORITY: expected a host\[:port\]/);
    expect(() => parseConfig({ ...ENV, WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'yes' })).toThrow(/WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: expected true or false/);
  });

  it('when the chosen puppet package is not installed, start-up says which and how to install it', () => {
    expect(missingPuppet('wechaty-puppet-service')).toBeNull();
    const missing = (id: string) => {
      throw new Error(`Cannot find module '${id}'`);
    };
    expect(missingPuppet('wechaty-puppet-service', missing)).toBe('WECHATY_PUPPET: the package "wechaty-puppet-service" is not installed; run: npm install wechaty-puppet-service (a puppet service such as WorkPro also needs WECHATY_PUPPET_SERVICE_TOKEN)');
    expect(missingPuppet('wechaty-puppet-nonexistent-2026')).toMatch(/npm install wechaty-puppet-nonexistent-2026/);
    expect(missingPuppet('../../etc/passwd')).toMatch(/is not a package name/);
  });
});
