import { z } from 'zod';
import { parseQuietHours } from './core/time/quiet-hours.ts';
import { parseProxyList, type ProxyTrust } from './http/trusted-proxies.ts';
import type { LogLevel } from './logger.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const integer = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `an integer between ${min} and ${max}` })
    .int({ error: `an integer between ${min} and ${max}` })
    .min(min, { error: `an integer between ${min} and ${max}` })
    .max(max, { error: `an integer between ${min} and ${max}` })
    .default(fallback);

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const configSchema = z.object({
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    error: 'a postgresql:// URL (or unset for the embedded database)',
  }),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  BOT_NAME: z.string().trim().min(1).max(32).default('研修助手'),
  LOCALE: z.enum(['zh-CN', 'en'], { error: 'zh-CN or en' }).default('zh-CN'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'debug, info, warn, error or silent' }).default('info'),
  ACK_BATCH_SECONDS: integer(1, 60, 5),
  CHECKIN_EARLY_MINUTES: integer(0, 240, 30),
  LATE_AFTER_MINUTES: integer(0, 240, 10),
  CHECKIN_REMINDER_MINUTES: integer(0, 240, 15),
  NOTICE_REMIND_HOURS: integer(1, 24 * 14, 24),
  NOTICE_ESCALATE_SCHOOL_HOURS: integer(1, 24 * 14, 48),
  NOTICE_ESCALATE_COUNTY_HOURS: integer(1, 24 * 14, 72),
  ASSIGNMENT_REMIND_HOURS: z
    .string()
    .trim()
    .default('24,2')
    .refine((v) => /^\d{1,3}(,\d{1,3})*$/.test(v), { error: 'hours before the due time, comma-separated, e.g. 24,2' }),
  ASSIGNMENT_OVERDUE_HOURS: integer(0, 24 * 14, 12),
  CONSECUTIVE_ABSENCES: integer(1, 20, 2),
  LOG_REMINDER_WEEKDAY: integer(1, 7, 5),
  SURVEY_ITEMS: z
    .string()
    .trim()
    .default('培训内容,专家讲授,组织管理,总体满意度')
    .refine((v) => v.split(',').filter((x) => x.trim()).length >= 1 && v.split(',').length <= 8, { error: '1 to 8 item names, comma-separated' }),
  SURVEY_CHASE_HOURS: integer(1, 24 * 14, 24),
  SURVEY_CLOSE_HOURS: integer(1, 24 * 30, 48),
  SATISFACTION_THRESHOLD: integer(0, 100, 80),
  DIGEST_TIME: z
    .string()
    .trim()
    .default('07:00')
    .refine((v) => v === 'off' || /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), { error: 'HH:MM in China time, or off' }),
  NOTICE_QUIET_HOURS: z
    .string()
    .trim()
    .default('22:00-07:30')
    .refine((v) => v === 'off' || parseQuietHours(v) !== null, { error: 'HH:MM-HH:MM in China time, or off' }),
  PLAYGROUND: z.enum(['console', 'off'], { error: 'console or off' }).default('console'),
  TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[A-Za-z0-9_-]{20,}$/.test(v), { error: 'a bot token from @BotFather such as 123456:ABC-DEF…' }),
  TELEGRAM_API_ROOT: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), { error: 'an http(s) URL of a Bot API server' }),
  TELEGRAM_WEBHOOK_URL: optionalString.refine((v) => v === undefined || /^https:\/\//.test(v), { error: 'the public https:// URL Telegram should post updates to' }),
  TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), { error: '16–256 letters, digits, _ or -' }),
  WECHAT: z.enum(['on', 'off'], { error: 'on or off' }).default('off'),
  WECHATY_PUPPET: optionalString,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  WECHATY_PUPPET_SERVICE_AUTHORITY: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v), { error: 'a host[:port] of the puppet service, e.g. token-service.example.com' }),
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: z.enum(['true', 'false'], { error: 'true or false' }).optional(),
  SECRET_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, { error: 'at least 32 characters (e.g. openssl rand -hex 32)' }),
  WECOM_ROBOT_API: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/?#]+$/.test(v), { error: 'an origin such as https://qyapi.weixin.qq.com (tests only)' }),
  DINGTALK_ROBOT_API: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/?#]+$/.test(v), { error: 'an origin such as https://oapi.dingtalk.com (tests only)' }),
  WECHAT_QUIET_HOURS: optionalString.refine((v) => v === undefined || parseQuietHours(v) !== null, { error: 'HH:MM-HH:MM in China time, e.g. 22:30-06:30' }),
  WECHAT_MAX_MESSAGE_AGE_SECONDS: integer(10, 86_400, 300),
  REDIS_URL: optionalString.refine((v) => v === undefined || /^rediss?:\/\//.test(v), { error: 'a redis:// URL (or unset to start a local redis-server)' }),
  REDIS: z.enum(['on', 'off'], { error: 'on or off' }).default('on'),
  LOCAL_REDIS_PORT: integer(1, 65535, 6390),
  SENDING_PROCESSES: integer(1, 64, 3),
  HTTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  HTTP_PORT: integer(0, 65535, 8080),
  HTTP_TRUST_PROXY: z.enum(['on', 'off', '1', '2', '3'], { error: 'on (one reverse proxy on this machine, which appends to X-Forwarded-For), a number of proxies 1–3, or off' }).default('off'),
  HTTP_TRUSTED_PROXIES: optionalString.refine((v) => v === undefined || parseProxyList(v) !== undefined, { error: 'the reverse proxies\' own addresses, comma-separated: IPv4 or IPv6, optionally a range such as 10.0.0.0/24' }),
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  METRICS_PORT: z
    .string()
    .trim()
    .default('9464')
    .refine((v) => v === 'off' || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), { error: 'a port for /metrics (0–65535), or off' }),
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9._~+/=-]{16,256}$/.test(v), { error: '16–256 letters, digits or ._~+/=- (the bearer token Prometheus sends)' }),
  CONSOLE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/]+/.test(v), { error: 'the address people open the web console at, e.g. https://yanxiu.example.cn' }),
  QQ: z.enum(['on', 'off'], { error: 'on or off' }).default('off'),
  ONEBOT_WS_URL: optionalString.refine((v) => v === undefined || /^wss?:\/\/[^/]+/.test(v), { error: "the ws:// address of NapCat's WebSocket server, e.g. ws://127.0.0.1:3001" }),
  ONEBOT_ACCESS_TOKEN: optionalString.refine((v) => v === undefined || /^[\x21-\x7e]{8,256}$/.test(v), { error: 'the token set in NapCat (8–256 visible characters, no spaces)' }),
  ONEBOT_REVERSE_PORT: optionalString.refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), { error: 'a port (1–65535) for NapCat to connect to (reverse WebSocket)' }),
  ONEBOT_REVERSE_HOST: z.string().trim().min(1).default('127.0.0.1'),
  FONT_PATH: optionalString,
  CERT_ISSUER: optionalString.refine((v) => v === undefined || v.length <= 60, { error: 'the issuing body printed on certificates, at most 60 characters' }),
  CERT_SEAL: optionalString,
  REGISTRATION_MAPPING: optionalString,
  ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 12, { error: 'at least 12 characters (or a scrypt:… hash from `npm run cli -- hash-password`)' }),
}).superRefine((c, ctx) => {
  if ((c.QQ === 'on' || c.ONEBOT_WS_URL || c.ONEBOT_REVERSE_PORT) && !c.ONEBOT_ACCESS_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['ONEBOT_ACCESS_TOKEN'], message: "the token of NapCat's WebSocket server (set one there; QQ is not run without it)" });
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: '16–256 letters, digits, _ or - (required with TELEGRAM_WEBHOOK_URL)' });
  }
  // Metrics name classes, platforms and queue depths: reachable from outside only with a token.
  if (c.METRICS_PORT !== 'off' && !LOOPBACK.has(c.METRICS_HOST) && !c.METRICS_TOKEN) {
    ctx.addIssue({ code: 'custom', path: ['METRICS_HOST'], message: '127.0.0.1 (or ::1, localhost), or set METRICS_TOKEN to serve /metrics on another address' });
  }
});

export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  botName: string;
  locale: 'zh-CN' | 'en';
  logLevel: LogLevel;
  ackBatchSeconds: number;
  checkinEarlyMinutes: number;
  lateAfterMinutes: number;
  checkinReminderMinutes: number;
  /** Opening notices: remind the silent trainees, then tell their school, then the county, after these hours. */
  noticeRemindHours: number;
  noticeEscalateSchoolHours: number;
  noticeEscalateCountyHours: number;
  /** Assignments: remind those who have not submitted this many hours before the due time, and once this long after it (0: never). */
  assignmentRemindHours: number[];
  assignmentOverdueHours: number;
  /** Absent this many sessions in a row, a trainee is named to the tutor. */
  consecutiveAbsences: number;
  /** The weekday (1 Monday … 7 Sunday) at 18:00 of which those behind on learning logs are reminded. */
  logReminderWeekday: number;
  /** Satisfaction surveys: the items scored 1–5, when the silent are chased, when it closes, and the rate below which it is flagged. */
  survey: { items: string[]; chaseHours: number; closeHours: number; threshold: number };
  /** When tutors get their morning overview (China time); undefined: never. */
  digestAt: { hour: number; minute: number } | undefined;
  /** Reminders and escalations falling in these hours (China time) wait until they end; undefined: none. */
  noticeQuietHours: string | undefined;
  playground: 'console' | 'off';
  telegram: { token: string; apiRoot: string | undefined; webhookUrl: string | undefined; webhookSecret: string | undefined } | undefined;
  /** trustProxy: which reverse proxies stand in front; the client is the address the outermost of ours saw. */
  http: { host: string; port: number; trustProxy: ProxyTrust };
  /** Prometheus /metrics on a listener of its own (loopback by default); a bearer token when set. */
  metrics: { host: string; port: number; token: string | undefined } | undefined;
  /** The web console: its public address (for sign-in links) and the administrator's password. */
  console: { url: string; adminPassword?: string };
  /** Where scheduled jobs live: an external Redis, a local redis-server we start, or in-process. */
  redis: { mode: 'external'; url: string } | { mode: 'local'; port: number } | { mode: 'off' };
  /** How many processes send for one platform account: each keeps to 1/n of its budget while Redis (the shared budget) is unreachable. */
  sendingProcesses: number;
  wechat: WechatConfig | undefined;
  /** QQ through a OneBot v11 implementation (NapCatQQ): we connect to its WebSocket server, or it to ours (reverse). */
  qq: { connection: { kind: 'forward'; url: string } | { kind: 'reverse'; host: string; port: number }; accessToken: string } | undefined;
  /** Seals robot webhooks and secrets (AES-256-GCM); unset: a key generated once under DATA_DIR. */
  secretKey: string | undefined;
  /** Certificates: a CJK font file (else Debian's Noto Sans CJK), the issuing body (else the project's county), an optional seal image (PNG/JPEG). */
  certificates: { fontPath: string | undefined; issuer: string | undefined; sealPath: string | undefined; registrationMapping?: string };
  /** The only origins a group robot's webhook may point at (the official ones unless a test overrides them). */
  robotApis: { wecom: string; dingtalk: string };
}

export interface WechatConfig {
  puppet: string;
  token: string | undefined;
  /** wechaty-puppet-service: the service's host[:port] and whether to talk to it without TLS. */
  serviceAuthority: string | undefined;
  serviceNoTls: boolean | undefined;
  quietHours: string | undefined;
  maxMessageAgeSeconds: number;
}

/** Variables whose values never appear in an error message. */
const SECRETS = new Set(['ONEBOT_ACCESS_TOKEN', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET', 'WECHATY_PUPPET_SERVICE_TOKEN', 'SECRET_KEY', 'METRICS_TOKEN', 'ADMIN_PASSWORD']);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses configuration from an environment; throws ConfigError with one line per bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${String(i.path[0])}: expected ${i.message} (got ${SECRETS.has(String(i.path[0])) ? 'a hidden value' : JSON.stringify(env[String(i.path[0])] ?? '')})`);
    throw new ConfigError(`Invalid configuration — ${lines.join('; ')}`);
  }
  const c = result.data;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    botName: c.BOT_NAME,
    locale: c.LOCALE,
    logLevel: c.LOG_LEVEL,
    ackBatchSeconds: c.ACK_BATCH_SECONDS,
    checkinEarlyMinutes: c.CHECKIN_EARLY_MINUTES,
    lateAfterMinutes: c.LATE_AFTER_MINUTES,
    checkinReminderMinutes: c.CHECKIN_REMINDER_MINUTES,
    noticeRemindHours: c.NOTICE_REMIND_HOURS,
    noticeEscalateSchoolHours: c.NOTICE_ESCALATE_SCHOOL_HOURS,
    noticeEscalateCountyHours: c.NOTICE_ESCALATE_COUNTY_HOURS,
    noticeQuietHours: c.NOTICE_QUIET_HOURS === 'off' ? undefined : c.NOTICE_QUIET_HOURS,
    assignmentRemindHours: c.ASSIGNMENT_REMIND_HOURS.split(',').map(Number),
    assignmentOverdueHours: c.ASSIGNMENT_OVERDUE_HOURS,
    consecutiveAbsences: c.CONSECUTIVE_ABSENCES,
    logReminderWeekday: c.LOG_REMINDER_WEEKDAY,
    survey: { items: c.SURVEY_ITEMS.split(',').map((x) => x.trim()).filter(Boolean), chaseHours: c.SURVEY_CHASE_HOURS, closeHours: c.SURVEY_CLOSE_HOURS, threshold: c.SATISFACTION_THRESHOLD },
    digestAt: c.DIGEST_TIME === 'off' ? undefined : { hour: Number(c.DIGEST_TIME.split(':')[0]), minute: Number(c.DIGEST_TIME.split(':')[1]) },
    playground: c.PLAYGROUND,
    telegram: c.TELEGRAM_BOT_TOKEN
      ? { token: c.TELEGRAM_BOT_TOKEN, apiRoot: c.TELEGRAM_API_ROOT, webhookUrl: c.TELEGRAM_WEBHOOK_URL, webhookSecret: c.TELEGRAM_WEBHOOK_SECRET }
      : undefined,
    http: { host: c.HTTP_HOST, port: c.HTTP_PORT, trustProxy: { addresses: parseProxyList(c.HTTP_TRUSTED_PROXIES ?? '') ?? [], hops: c.HTTP_TRUST_PROXY === 'off' ? 0 : c.HTTP_TRUST_PROXY === 'on' ? 1 : Number(c.HTTP_TRUST_PROXY) } },
    metrics: c.METRICS_PORT === 'off' ? undefined : { host: c.METRICS_HOST, port: Number(c.METRICS_PORT), token: c.METRICS_TOKEN },
    certificates: { fontPath: c.FONT_PATH, issuer: c.CERT_ISSUER, sealPath: c.CERT_SEAL, registrationMapping: c.REGISTRATION_MAPPING },
    console: { url: (c.CONSOLE_URL ?? `http://localhost:${c.HTTP_PORT}`).replace(/\/$/, ''), adminPassword: c.ADMIN_PASSWORD },
    redis: c.REDIS === 'off' ? { mode: 'off' } : c.REDIS_URL ? { mode: 'external', url: c.REDIS_URL } : { mode: 'local', port: c.LOCAL_REDIS_PORT },
    sendingProcesses: c.SENDING_PROCESSES,
    wechat:
      c.WECHAT === 'on' || c.WECHATY_PUPPET
        ? {
            puppet: c.WECHATY_PUPPET ?? 'wechaty-puppet-wechat4u',
            token: c.WECHATY_PUPPET_SERVICE_TOKEN,
            serviceAuthority: c.WECHATY_PUPPET_SERVICE_AUTHORITY,
            serviceNoTls: c.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT === undefined ? undefined : c.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT === 'true',
            quietHours: c.WECHAT_QUIET_HOURS,
            maxMessageAgeSeconds: c.WECHAT_MAX_MESSAGE_AGE_SECONDS,
          }
        : undefined,
    qq:
      (c.QQ === 'on' || c.ONEBOT_WS_URL || c.ONEBOT_REVERSE_PORT) && c.ONEBOT_ACCESS_TOKEN
        ? {
            connection: c.ONEBOT_REVERSE_PORT ? { kind: 'reverse', host: c.ONEBOT_REVERSE_HOST, port: Number(c.ONEBOT_REVERSE_PORT) } : { kind: 'forward', url: c.ONEBOT_WS_URL ?? 'ws://127.0.0.1:3001' },
            accessToken: c.ONEBOT_ACCESS_TOKEN,
          }
        : undefined,
    secretKey: c.SECRET_KEY,
    robotApis: { wecom: c.WECOM_ROBOT_API ?? 'https://qyapi.weixin.qq.com', dingtalk: c.DINGTALK_ROBOT_API ?? 'https://oapi.dingtalk.com' },
  };
}
