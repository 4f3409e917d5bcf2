import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, type App } from '../app/app.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { isAdminPassword, linkIsOpen, redeemCode, redeemLink, startSession } from '../features/access/console-accounts.ts';
import { sameSite } from './guards.ts';
import { html, sendPage, type Markup } from './html.ts';

// The sign-in pages: a one-time code with the phone number, the administrator's password, and the
// one-time link the bot sends. Opening a link only shows a button; pressing it (a POST from this site)
// signs in, so neither a chat app's link preview nor another site's page signs anybody in.

export const SESSION_COOKIE = 'yanxiu_session';

/** The sign-in page, with a message above the forms when given. */
export const loginPage = (message?: string): Markup => html`<h1>登录网页控制台</h1>
    ${message ? html`<p class="error">${message}</p>` : ''}
    <div class="grid">
      <form class="card" method="post" action="/console/login/code">
        <p class="muted">在与研修助手的私聊中发送「登录」，会收到一次性登录码。</p>
        <label for="phone">手机号</label><input id="phone" name="phone" inputmode="numeric" autocomplete="tel" required>
        <label for="code">登录码</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
        <button>登录</button>
      </form>
      <form class="card" method="post" action="/console/login/password">
        <p class="muted">管理员用密码登录。</p>
        <label for="password">管理员密码</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <button>登录</button>
      </form>
    </div>`;

const USED_LINK = '这个登录链接已用过或已过期。请在私聊中重新发送「登录」。';

/** The sign-in routes; `secureCookies` when the console is served over https. */
export function signInRoutes(app: App, options: { secureCookies: boolean }) {
  const codeLimit = rateLimit({ max: 10, windowMs: 60_000 });
  const passwordLimit = rateLimit({ max: 5, windowMs: 60_000 });

  // A sign-in posted from another site would sign the visitor in as someone else (login CSRF).
  const fromThisSite = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!sameSite(request.headers.origin, request.headers.host)) return reply.status(403).type('text/plain; charset=utf-8').send('跨站请求已拒绝。');
  };

  const signIn = async (reply: FastifyReply, personId: number | null) => {
    const token = await startSession(app, personId);
    await audit(app.db, { personId, label: personId === null ? 'console:admin' : `console:${personId}` }, 'console.signIn', 'ConsoleSession', null);
    void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, maxAge: 12 * 3600 });
    return reply.redirect('/console', 303);
  };

  return (server: FastifyInstance) => {
    server.get('/console/login', async (_request, reply) => sendPage(reply, '登录', loginPage()));

    server.post('/console/login/code', { preHandler: [codeLimit, fromThisSite] }, async (request, reply) => {
      const { phone = '', code = '' } = (request.body ?? {}) as { phone?: string; code?: string };
      const personId = await redeemCode(app, String(phone).replace(/\D/g, ''), String(code).trim());
      if (personId === null) return sendPage(reply, '登录', loginPage('手机号或登录码不对，或登录码已过期。请在私聊中重新发送「登录」。'), undefined, 401);
      return signIn(reply, personId);
    });

    server.post('/console/login/password', { preHandler: [passwordLimit, fromThisSite] }, async (request, reply) => {
      const { password = '' } = (request.body ?? {}) as { password?: string };
      if (!isAdminPassword(app.config.console.adminPassword, String(password))) return sendPage(reply, '登录', loginPage('密码不对。'), undefined, 401);
      return signIn(reply, null);
    });

    server.get('/console/login/link/:token', { preHandler: codeLimit }, async (request, reply) => {
      const token = (request.params as { token: string }).token;
      if (!(await linkIsOpen(app, token))) return sendPage(reply, '登录', loginPage(USED_LINK), undefined, 401);
      const body = html`<h1>登录网页控制台</h1>
        <form class="card" method="post" action="/console/login/link/${token}">
          <p>这是您在私聊中收到的登录链接。确认是您本人在登录，再点下面的按钮。</p>
          <button id="confirm-link">登录</button>
        </form>`;
      return sendPage(reply, '确认登录', body);
    });

    server.post('/console/login/link/:token', { preHandler: [codeLimit, fromThisSite] }, async (request, reply) => {
      const personId = await redeemLink(app, (request.params as { token: string }).token);
      if (personId === null) return sendPage(reply, '登录', loginPage(USED_LINK), undefined, 401);
      return signIn(reply, personId);
    });
  };
}
