import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Bot } from '../bot/create-bot.ts';
import type { ChatRef, OutboundMessage } from '../core/message.ts';
import type { Outbox } from '../core/ports.ts';
import type { App } from '../app/app.ts';
import { openEventStream } from '../http/event-stream.ts';
import { rateLimit } from '../http/rate-limit.ts';
import type { WebPlugin } from '../http/web-server.ts';
import { html, page } from './html.ts';

// The playground in the browser: a simulated class group (演示班) where a visitor plays a trainee or
// the tutor — the demo a county centre sees first. It runs on the real bot and database, inside a
// class of its own (fake teachers, fake phone numbers), so nothing it does touches real classes.

export const DEMO_GROUP = 'demo-group';
const TUTOR = { id: 'demo-tutor', name: '演示老师' };
const TRAINEES = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊'].map((name, i) => ({ id: `demo-${i + 1}`, name }));
export const DEMO_PERSONAS = [TUTOR, ...TRAINEES];

/** The demo's chats: its group and each persona's private chat with the bot. */
export const isDemoChat = (chatId: string) => chatId === DEMO_GROUP || DEMO_PERSONAS.some((p) => p.id === chatId);

export interface FeedItem {
  seq: number;
  chat: string;
  from: string;
  text: string;
  bot: boolean;
  files: string[];
}

/** What the demo chats said, kept in memory (the last 300 lines), for the page and its live feed. */
export class DemoFeed implements Outbox {
  private readonly items: FeedItem[] = [];
  private readonly listeners = new Set<(item: FeedItem) => void>();
  private seq = 0;

  async send(message: OutboundMessage): Promise<void> {
    const mentions = message.mentions?.length ? `${message.mentions.map((m) => `@${m.name}`).join(' ')} ` : '';
    this.add({ chat: message.chat.id, from: '研修助手', text: mentions + message.text, bot: true, files: (message.attachments ?? []).map((a) => a.name ?? '文件') });
  }

  add(item: Omit<FeedItem, 'seq'>): void {
    const full = { ...item, seq: ++this.seq };
    this.items.push(full);
    if (this.items.length > 300) this.items.shift();
    for (const listener of this.listeners) listener(full);
  }

  /** The lines a persona sees: the group's and their own private chat's. */
  visibleTo(personaId: string, item: FeedItem): boolean {
    return item.chat === DEMO_GROUP || item.chat === personaId;
  }

  history(personaId: string): FeedItem[] {
    return this.items.filter((i) => this.visibleTo(personaId, i));
  }

  subscribe(listener: (item: FeedItem) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Creates the demo county, school, class, teachers, tutor and group once. */
export async function ensureDemoClass(app: App): Promise<number> {
  const existing = await app.db.groupChat.findUnique({ where: { platform_chatId: { platform: 'playground', chatId: DEMO_GROUP } } });
  if (existing?.classId) return existing.classId;
  return app.db.$transaction(async (tx) => {
    const county = (await tx.region.findFirst({ where: { name: '演示县', level: 'COUNTY' } })) ?? (await tx.region.create({ data: { name: '演示县', level: 'COUNTY' } }));
    const school = await tx.school.upsert({ where: { regionId_name: { regionId: county.id, name: '演示小学' } }, create: { regionId: county.id, name: '演示小学' }, update: {} });
    const project = await tx.project.create({ data: { name: '演示项目', level: 'COUNTY', year: app.clock.now().getUTCFullYear(), regionId: county.id } });
    const cls = await tx.trainingClass.create({ data: { name: '演示班', projectId: project.id } });
    for (const [i, persona] of DEMO_PERSONAS.entries()) {
      // 100… is no mobile prefix: these numbers can never belong to anyone.
      const phone = `1000000${String(i).padStart(4, '0')}`;
      const person = await tx.person.upsert({ where: { phone }, create: { name: persona.name, phone, phoneLast4: phone.slice(-4), schoolId: school.id }, update: {} });
      await tx.identity.upsert({
        where: { platform_platformUserId: { platform: 'playground', platformUserId: persona.id } },
        create: { platform: 'playground', platformUserId: persona.id, displayName: persona.name, personId: person.id },
        update: { personId: person.id },
      });
      if (persona === TUTOR) await tx.roleGrant.create({ data: { personId: person.id, role: 'TUTOR', classId: cls.id } });
      else await tx.enrolment.create({ data: { classId: cls.id, personId: person.id } });
    }
    await tx.groupChat.upsert({
      where: { platform_chatId: { platform: 'playground', chatId: DEMO_GROUP } },
      create: { platform: 'playground', chatId: DEMO_GROUP, title: '演示班群', scope: 'CLASS', classId: cls.id },
      update: { classId: cls.id, scope: 'CLASS' },
    });
    return cls.id;
  });
}

export function demoRoutes(bot: Bot, feed: DemoFeed): WebPlugin {
  const group: ChatRef = { platform: 'playground', id: DEMO_GROUP, kind: 'group', title: '演示班群' };
  const sayLimit = rateLimit({ max: 30, windowMs: 60_000 });
  return (server: FastifyInstance) => {
    server.get('/demo', async (_request, reply) => {
      await ensureDemoClass(bot.app);
      const body = html`<h1>演示群：演示班群</h1>
        <p class="muted">选一个身份，像在班级群里一样发消息：学员发「签到」「学时」「请假 家中有事」；演示老师发「创建课次 今天 8:30-11:30 学时3」「签到情况」「帮助」。</p>
        <label for="persona">我是</label>
        <select id="persona">${DEMO_PERSONAS.map((p) => html`<option value="${p.id}">${p.name}${p === TUTOR ? '（辅导老师）' : '（学员）'}</option>`)}</select>
        <div class="chat" id="chat" aria-live="polite"></div>
        <form id="say"><label for="text">消息</label><input id="text" name="text" maxlength="500" autocomplete="off" required>
          <label><input type="checkbox" id="private" style="width:auto"> 私聊研修助手</label><button>发送</button></form>
        <script src="/demo/demo.js"></script>`;
      return reply.type('text/html; charset=utf-8').send(page('演示群', body));
    });

    // A file of its own: the Content-Security-Policy runs no inline script.
    server.get('/demo/demo.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(DEMO_SCRIPT));

    server.get('/demo/feed', async (request, reply) => {
      const persona = DEMO_PERSONAS.find((p) => p.id === (request.query as { as?: string }).as) ?? TRAINEES[0]!;
      let off = () => {};
      const send = openEventStream(request, reply, () => off());
      for (const item of feed.history(persona.id)) send('line', item);
      off = feed.subscribe((item) => feed.visibleTo(persona.id, item) && send('line', item));
    });

    server.post('/demo/say', { preHandler: sayLimit }, async (request, reply) => {
      const { as, text, private: privately } = (request.body ?? {}) as { as?: string; text?: string; private?: boolean };
      const persona = DEMO_PERSONAS.find((p) => p.id === as);
      const line = String(text ?? '').trim().slice(0, 500);
      if (!persona || !line) return reply.status(400).send({ error: '请选择身份并输入消息。' });
      await ensureDemoClass(bot.app);
      const chat: ChatRef = privately ? { platform: 'playground', id: persona.id, kind: 'private' } : group;
      feed.add({ chat: chat.id, from: persona.name, text: line, bot: false, files: [] });
      await bot.handler.handle({
        chat,
        sender: { id: persona.id, name: persona.name },
        text: line,
        mentions: [],
        addressedToBot: privately === true,
        attachments: [],
        messageId: `demo-${randomBytes(8).toString('hex')}`,
        sentAt: bot.app.clock.now(),
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
    const me = persona.value;
    const div = document.createElement('div');
    div.className = 'msg' + (item.bot ? ' bot' : '') + (!item.bot && item.from === persona.selectedOptions[0].text.replace(/（.*/, '') ? ' mine' : '');
    const who = document.createElement('span'); who.className = 'who';
    who.textContent = item.from + (item.chat === me ? '（私聊）' : '');
    const text = document.createElement('span'); text.className = 'text';
    text.textContent = item.text + (item.files.length ? '\\n📎 ' + item.files.join('、') : '');
    div.append(who, text); chat.appendChild(div); chat.scrollTop = chat.scrollHeight;
  };
  const connect = () => {
    if (source) source.close();
    chat.textContent = '';
    source = new EventSource('/demo/feed?as=' + encodeURIComponent(persona.value));
    source.addEventListener('line', (e) => show(JSON.parse(e.data)));
  };
  persona.addEventListener('change', connect);
  connect();
  document.getElementById('say').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('text');
    const body = { as: persona.value, text: input.value, private: document.getElementById('private').checked };
    input.value = '';
    const res = await fetch('/demo/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) show({ from: '提示', text: res.status === 429 ? '发得太快了，请稍后再试。' : '没有发出去，请重试。', bot: true, files: [], chat: 'demo-group' });
  });
})();`;
