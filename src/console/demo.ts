import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bot } from '../bot/create-bot.ts';
import type { ChatRef } from '../core/message.ts';
import { openEventStream } from '../http/event-stream.ts';
import { rateLimit } from '../http/rate-limit.ts';
import type { WebPlugin } from '../http/web-server.ts';
import { prepareDemoRoom } from './demo-class.ts';
import { DEMO_PERSONAS, DemoFeed, roomGroupId, roomPersonaId, type FeedItem, type Room } from './demo-rooms.ts';
import { html, page } from './html.ts';

// The playground in the browser: a simulated class group where a visitor plays a trainee or the
// tutor — the demo a county centre sees first. It runs on the real bot and database, but as a
// sandbox: each visitor has a room of their own (demo-rooms.ts) with its own sandbox class
// (demo-class.ts), the personas are sandbox persons, and the message handler lets a sandbox person
// run only the demo's commands (features/access/sandbox-commands.ts) in sandbox classes (bot/sandbox.ts).

export { DEMO_PERSONAS, DemoFeed, isDemoChat, type FeedItem } from './demo-rooms.ts';

const VISITOR_COOKIE = 'yanxiu_demo';
const VISITOR_ID = /^[A-Za-z0-9_-]{22}$/;
const MAX_STREAMS_PER_ROOM = 8;

/** The demo's pages: /demo (opens the visitor's room), /demo/feed (their lines, live) and /demo/say. */
export function demoRoutes(bot: Bot, feed: DemoFeed): WebPlugin {
  const app = bot.app;
  feed.share(app.db);
  const secure = app.config.console.url.startsWith('https://');
  const pageLimit = rateLimit({ max: 20, windowMs: 60_000 });
  const sayLimit = rateLimit({ max: 30, windowMs: 60_000 });

  const visitorOf = (request: FastifyRequest) => {
    const id = request.cookies[VISITOR_COOKIE];
    return id && VISITOR_ID.test(id) ? id : undefined;
  };
  const ready = (room: Room) => (room.ready ??= prepareDemoRoom(app, room.slot, room.reused));

  return (server: FastifyInstance) => {
    server.get('/demo', { preHandler: pageLimit }, async (request, reply) => {
      const visitor = visitorOf(request) ?? randomBytes(16).toString('base64url');
      const room = await feed.open(visitor, request.ip);
      if (!room) return reply.status(503).header('retry-after', '300').type('text/html; charset=utf-8').send(page('演示群', html`<h1>演示群</h1><p>${app.t('demo.allRoomsBusy')}</p>`));
      await ready(room);
      void reply.setCookie(VISITOR_COOKIE, visitor, { path: '/demo', httpOnly: true, sameSite: 'lax', secure, maxAge: 24 * 3600 });
      const body = html`<h1>演示群：演示班群</h1>
        <p class="muted">这是您自己的演示房间，别人看不到您发的消息。选一个身份，像在班级群里一样发消息：学员发「签到」「学时」「请假 家中有事」「帮助」；演示老师发「创建课次 今天 8:30-11:30 学时3」「签到情况」「结束签到」。</p>
        <label for="persona">我是</label>
        <select id="persona">${DEMO_PERSONAS.map((p) => html`<option value="${p.id}">${p.name}${p.tutor ? '（辅导老师）' : '（学员）'}</option>`)}</select>
        <div class="chat" id="chat" aria-live="polite" data-gone="${app.t('demo.roomGone')}"></div>
        <form id="say"><label for="text">消息</label><input id="text" name="text" maxlength="500" autocomplete="off" required>
          <label><input type="checkbox" id="private" style="width:auto"> 私聊研修助手</label><button>发送</button></form>
        <script src="/demo/demo.js"></script>`;
      return reply.type('text/html; charset=utf-8').send(page('演示群', body));
    });

    // A file of its own: the Content-Security-Policy runs no inline script.
    server.get('/demo/demo.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(DEMO_SCRIPT));

    server.get('/demo/feed', async (request, reply: FastifyReply) => {
      const room = await feed.roomOf(visitorOf(request));
      if (room && room.listeners.size >= MAX_STREAMS_PER_ROOM) return reply.status(429).type('text/plain; charset=utf-8').send('请求太频繁，请稍后再试。');
      const persona = DEMO_PERSONAS.find((p) => p.id === (request.query as { as?: string }).as) ?? DEMO_PERSONAS[1]!;
      let off = () => {};
      const send = openEventStream(request, reply, () => off());
      if (!room) {
        send('gone', {});
        return reply.raw.end();
      }
      const line = (item: FeedItem) => ({ ...item, private: item.chat !== roomGroupId(room.slot) });
      for (const item of feed.history(room, persona.id)) send('line', line(item));
      send('ready', {});
      off = feed.subscribe(room, (item) => {
        if (item === null) {
          send('gone', {});
          reply.raw.end();
        } else if (feed.visibleTo(room, persona.id, item)) send('line', line(item));
      });
    });

    server.post('/demo/say', { preHandler: sayLimit }, async (request, reply) => {
      const { as, text, private: privately } = (request.body ?? {}) as { as?: string; text?: string; private?: boolean };
      const persona = DEMO_PERSONAS.find((p) => p.id === as);
      const line = String(text ?? '').trim().slice(0, 500);
      if (!persona || !line) return reply.status(400).send({ error: app.t('demo.badRequest') });
      const room = await feed.roomOf(visitorOf(request));
      if (!room) return reply.status(409).send({ error: app.t('demo.roomGone') });
      await ready(room);
      const sender = { id: roomPersonaId(room.slot, persona.id), name: persona.name };
      const chat: ChatRef = privately === true ? { platform: 'playground', id: sender.id, kind: 'private' } : { platform: 'playground', id: roomGroupId(room.slot), kind: 'group', title: '演示班群' };
      feed.add(room, { chat: chat.id, from: persona.name, text: line, bot: false, files: [] });
      await bot.handler.handle({
        chat,
        sender,
        text: line,
        mentions: [],
        addressedToBot: privately === true,
        attachments: [],
        messageId: `demo-${randomBytes(8).toString('hex')}`,
        sentAt: app.clock.now(),
      });
      return reply.send({ ok: true });
    });
  };
}

const DEMO_SCRIPT = `
(() => {
  const chat = document.getElementById('chat');
  const persona = document.getElementById('persona');
  let source;
  const show = (item) => {
    const div = document.createElement('div');
    div.className = 'msg' + (item.bot ? ' bot' : '') + (!item.bot && item.from === persona.selectedOptions[0].text.replace(/（.*/, '') ? ' mine' : '');
    const who = document.createElement('span'); who.className = 'who';
    who.textContent = item.from + (item.private ? '（私聊）' : '');
    const text = document.createElement('span'); text.className = 'text';
    text.textContent = item.text + (item.files.length ? '\\n📎 ' + item.files.join('、') : '');
    div.append(who, text); chat.appendChild(div); chat.scrollTop = chat.scrollHeight;
  };
  const notice = (text) => show({ from: '提示', text, bot: true, files: [], private: false });
  const connect = () => {
    if (source) source.close();
    chat.textContent = '';
    source = new EventSource('/demo/feed?as=' + encodeURIComponent(persona.value));
    source.addEventListener('line', (e) => show(JSON.parse(e.data)));
    source.addEventListener('gone', () => { source.close(); notice(chat.dataset.gone); });
  };
  persona.addEventListener('change', connect);
  connect();
  document.getElementById('say').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('text');
    const body = { as: persona.value, text: input.value, private: document.getElementById('private').checked };
    input.value = '';
    const res = await fetch('/demo/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) notice(res.status === 429 ? '发得太快了，请稍后再试。' : res.status === 409 ? chat.dataset.gone : '没有发出去，请重试。');
  });
})();`;
