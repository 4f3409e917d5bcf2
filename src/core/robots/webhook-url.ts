// What a contact pastes as a robot's webhook is attacker-controlled input: the bot will POST notices
// (with teachers' mobiles in the mention list) to it. Only the official endpoints are accepted —
// https, the exact host, the exact path, the credential as the only query parameter — so the bot
// cannot be pointed at an internal address (SSRF), another host, or a look-alike.

export type RobotKind = 'wecom' | 'dingtalk';

/** The origins a webhook may use; the official ones unless configuration overrides them (tests). */
export type RobotApis = Record<RobotKind, string>;

const PATHS: Record<RobotKind, { path: string; param: string; pattern: RegExp }> = {
  wecom: { path: '/cgi-bin/webhook/send', param: 'key', pattern: /^[A-Za-z0-9-]{8,128}$/ },
  dingtalk: { path: '/robot/send', param: 'access_token', pattern: /^[A-Za-z0-9]{16,128}$/ },
};

/** DingTalk's signing secret as shown in the robot's settings (加签): SEC followed by hex digits. */
const DINGTALK_SECRET = /^SEC[0-9a-fA-F]{32,128}$/;

export type WebhookCheck = { ok: true; url: string } | { ok: false; problem: 'notUrl' | 'wrongHost' | 'wrongPath' | 'badCredential' };

/** Checks a pasted webhook against the endpoint of its kind; returns it rebuilt from its parts. */
export function checkWebhook(kind: RobotKind, pasted: string, apis: RobotApis): WebhookCheck {
  let url: URL;
  try {
    url = new URL(pasted.trim());
  } catch {
    return { ok: false, problem: 'notUrl' };
  }
  const allowed = new URL(apis[kind]);
  // Compare parsed parts, never prefixes: https://qyapi.weixin.qq.com.evil.example/ and
  // https://qyapi.weixin.qq.com@evil.example/ must both fail.
  if (url.protocol !== allowed.protocol || url.host !== allowed.host || url.username || url.password) return { ok: false, problem: 'wrongHost' };
  const spec = PATHS[kind];
  if (url.pathname !== spec.path || url.hash) return { ok: false, problem: 'wrongPath' };
  // URLSearchParams decodes names and values: `?%6Bey=` reads as `key`. Check the decoded form and
  // rebuild the URL from it, so what is stored and sent is the one canonical spelling.
  const params = [...url.searchParams.keys()];
  const credential = url.searchParams.get(spec.param) ?? '';
  if (params.length !== 1 || !spec.pattern.test(credential)) return { ok: false, problem: 'badCredential' };
  return { ok: true, url: `${allowed.origin}${spec.path}?${spec.param}=${credential}` };
}

export function isDingtalkSecret(text: string): boolean {
  return DINGTALK_SECRET.test(text);
}

const CREDENTIAL_NAMES = new Set(['key', 'access_token']);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Hides robot credentials in text that is kept or logged (the chat message that set a robot up).
 * A parameter's name is compared decoded and case-blind: `?%6Bey=` is the same key to the URL parser
 * that accepts the webhook, so it must be the same key to the redaction.
 */
export function redactRobotSecrets(text: string): string {
  return text
    .replace(/([?&;])([^\s=&#?;]+)=([^\s&#;]+)/g, (whole, sep: string, name: string) =>
      CREDENTIAL_NAMES.has(decoded(name).trim().toLowerCase()) ? `${sep}${name}=***` : whole)
    .replace(/SEC[0-9a-fA-F]{16,}/g, 'SEC***');
}
