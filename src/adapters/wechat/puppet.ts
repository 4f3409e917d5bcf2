import { createRequire } from 'node:module';
import type { WechatConfig } from '../../config.ts';

// Which wechaty puppet logs the bot into WeChat, and with what. In 2026 the web/UOS puppet
// (wechaty-puppet-wechat4u, the default) still starts but logs in only old real-name accounts and
// drops every day or two; the working paid route is a puppet service (e.g. WorkPro, a WeCom account)
// through wechaty-puppet-service, configured by token, authority and TLS.

export const PUPPET_SERVICE = 'wechaty-puppet-service';

/** The puppet options wechaty passes to the puppet: the service's token, authority and TLS switch. */
export function wechatyPuppetOptions(wechat: Pick<WechatConfig, 'token' | 'serviceAuthority' | 'serviceNoTls'>): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (wechat.token) options.token = wechat.token;
  if (wechat.serviceAuthority) options.authority = wechat.serviceAuthority;
  if (wechat.serviceNoTls !== undefined) options.tls = { disable: wechat.serviceNoTls };
  return Object.keys(options).length ? options : undefined;
}

/**
 * Null when the puppet package can be loaded, else a message saying how to install it. wechaty
 * loads the puppet itself by name, late and with an obscure error; this says it at start-up.
 */
export function missingPuppet(name: string, resolve: (id: string) => string = createRequire(import.meta.url).resolve): string | null {
  if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(name)) return `WECHATY_PUPPET: "${name}" is not a package name`;
  try {
    resolve(name);
    return null;
  } catch {
    const hint = name === PUPPET_SERVICE ? ' (a puppet service such as WorkPro also needs WECHATY_PUPPET_SERVICE_TOKEN)' : '';
    return `WECHATY_PUPPET: the package "${name}" is not installed; run: npm install ${name}${hint}`;
  }
}
