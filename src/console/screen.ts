import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { App } from '../app/app.ts';
import { currentCode, DEFAULT_STEP_SECONDS } from '../core/checkin/rotating-code.ts';
import { formatChinaClock } from '../core/time/parse-time-phrase.ts';
import { routeId } from './guards.ts';
import { html, sendPage } from './html.ts';
import type { ClassAccess } from './scope.ts';

// The 签到大屏 for the projector: the session's current rotating code, big, with a countdown to the
// next one, a QR code carrying 「签到 <code>」 (scanned, it is text to send in the chat: a phone cannot
// check anyone in by itself), and the live count. Only those who manage the class see it: the code is
// in the JSON feed the page's script polls, never in the page itself, and the secret never leaves
// the server. A school contact (who only sees their own teachers) is refused.

const EXPECTED = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

// Polls the feed every 3 s and when the code is due to change; counts down in between.
export const SCREEN_SCRIPT = `
(() => {
  const me = document.currentScript;
  const feed = me && me.dataset.feed;
  if (!feed) return;
  const el = (id) => document.getElementById(id);
  let changesAt = 0;
  async function refresh() {
    try {
      const r = await fetch(feed, { cache: 'no-store', credentials: 'same-origin' });
      if (!r.ok) { el('status').textContent = r.status === 401 ? '登录已过期，请重新登录。' : '暂时无法更新，正在重试…'; return; }
      const d = await r.json();
      el('code').textContent = d.code || '——';
      el('qr').innerHTML = d.qrSvg || '';
      el('count').textContent = String(d.checkedIn);
      el('expected').textContent = String(d.expected);
      el('status').textContent = d.open ? '' : '现在不在签到时间内';
      changesAt = d.code ? Date.now() + d.changesInMs : 0;
    } catch (e) { el('status').textContent = '网络中断，正在重试…'; }
  }
  function tick() {
    el('countdown').textContent = changesAt ? String(Math.max(0, Math.ceil((changesAt - Date.now()) / 1000))) : '—';
    if (changesAt && Date.now() >= changesAt) { changesAt = 0; void refresh(); }
  }
  void refresh();
  setInterval(tick, 250);
  setInterval(refresh, 3000);
})();`;

type ClassFor = (request: FastifyRequest, reply: FastifyReply) => Promise<{ id: number; access: ClassAccess } | null>;

/** The screen page and its feed, inside the console's signed-in routes. */
export function screenRoutes(app: App, classFor: ClassFor) {
  /** The class's session of the route, for someone who manages the class; else a refusal is sent and null returned. */
  const sessionFor = async (request: FastifyRequest, reply: FastifyReply) => {
    const target = await classFor(request, reply);
    if (!target) return null;
    if (target.access.kind !== 'manage') {
      await reply.status(403).type('text/plain; charset=utf-8').send('只有本班的辅导老师和管理员可以打开签到大屏。');
      return null;
    }
    const id = routeId((request.params as { sessionId: string }).sessionId);
    const session = id === null ? null : await app.db.trainingSession.findFirst({ where: { id, classId: target.id } });
    if (!session) {
      await sendPage(reply, '找不到课次', html`<h1>找不到这个课次</h1>`, request.account, 404);
      return null;
    }
    return session;
  };

  return (secured: FastifyInstance) => {
    secured.get('/console/classes/:id/sessions/:sessionId/screen', async (request, reply) => {
      const session = await sessionFor(request, reply);
      if (!session) return;
      const feed = `/console/classes/${session.classId}/sessions/${session.id}/screen.json`;
      const body = html`<div class="screen" data-screen="${session.id}">
        <h1>${session.title} · 签到</h1>
        <p class="muted">${formatChinaClock(session.checkinOpensAt)}–${formatChinaClock(session.checkinClosesAt)} 签到 · 在群里或私聊机器人发送「签到 口令」</p>
        ${session.codeSecret ? '' : html`<p class="card error">这个课次没有开启动态口令：在班级群里发送「开启动态口令」。</p>`}
        <div class="grid"><div class="card"><p class="muted">当前口令</p><p id="code" style="font-size:5rem;font-weight:700;letter-spacing:.4rem;margin:0;font-variant-numeric:tabular-nums">——</p>
          <p><span id="countdown" style="font-size:1.6rem">—</span> 秒后更换</p></div>
          <div class="card"><div id="qr" style="max-width:320px" aria-label="签到二维码"></div></div></div>
        <p class="card" style="font-size:2rem">已签到 <strong id="count">0</strong> / <span id="expected">0</span> 人</p>
        <p id="status" class="muted"></p></div>
        <script src="/console/assets/screen.js" data-feed="${feed}"></script>`;
      return sendPage(reply, `${session.title} 签到大屏`, body, request.account);
    });

    secured.get('/console/classes/:id/sessions/:sessionId/screen.json', async (request, reply) => {
      const session = await sessionFor(request, reply);
      if (!session) return;
      const now = app.clock.now();
      const open = session.status === 'SCHEDULED' && session.checkinOpensAt <= now && now < session.checkinClosesAt;
      const [checkedIn, expected] = await Promise.all([
        app.db.checkIn.count({ where: { sessionId: session.id, status: { in: ['PRESENT', 'LATE'] } } }),
        app.db.enrolment.count({ where: { classId: session.classId, status: { in: [...EXPECTED] } } }),
      ]);
      const rotating = session.codeSecret && open ? currentCode(session.codeSecret, session.codeStepSeconds ?? DEFAULT_STEP_SECONDS, now) : null;
      const qrSvg = rotating ? await QRCode.toString(`签到 ${rotating.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : '';
      return reply.send({
        title: session.title,
        open,
        code: rotating?.code ?? null,
        changesInMs: rotating ? rotating.changesAt.getTime() - now.getTime() : null,
        stepSeconds: session.codeStepSeconds,
        checkedIn,
        expected,
        qrSvg,
      });
    });
  };
}
