import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app/app.ts';
import { UserError } from '../core/errors.ts';
import { formatChinaClock, formatChinaDate } from '../core/time/parse-time-phrase.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { decideCorrection, decidesCorrections, pendingCorrections } from '../features/roster/detail-corrections.ts';
import { routeId } from './guards.ts';
import { html, sendPage } from './html.ts';

// 教师信息更正: the differences tutors' roster uploads found with teachers on record, listed for the
// county contact of the teacher's county and for admins, each applied or dismissed by a button.

const DONE: Record<string, string> = { applied: '已按名单更正这位教师的信息。', dismissed: '已忽略这条更正，记录不变。' };

/** The home page's link for those who decide corrections, with how many wait. */
export async function correctionsLink(app: App, account: ConsoleAccount) {
  if (!decidesCorrections(account.grants)) return '';
  const waiting = (await pendingCorrections(app, account.grants)).length;
  return html`<p><a href="/console/corrections">教师信息更正</a>${waiting ? html`（<strong id="corrections-waiting">${waiting}</strong> 条待处理）` : ''}</p>`;
}

export function correctionRoutes(app: App, server: FastifyInstance): void {
  const refuse = (reply: FastifyReply, account: ConsoleAccount) => sendPage(reply, '教师信息更正', html`<h1>教师信息更正</h1><p class="error card">只有县区联系人或管理员可以处理教师信息更正。</p>`, account, 403);

  server.get('/console/corrections', async (request, reply) => {
    const account = request.account!;
    if (!decidesCorrections(account.grants)) return refuse(reply, account);
    const query = request.query as { done?: unknown; error?: unknown };
    const list = await pendingCorrections(app, account.grants);
    const side = (changes: (typeof list)[number]['changes'], which: 'onRecord' | 'inFile') => changes.map((c) => html`<div>${app.t(`roster.field.${c.field}`)}：${c[which]}</div>`);
    const button = (id: number, action: 'apply' | 'dismiss', label: string) =>
      html`<form method="post" action="/console/corrections/${id}/${action}" style="display:inline"><input type="hidden" name="_csrf" value="${account.csrfToken}"><button${action === 'dismiss' ? html` class="secondary"` : ''}>${label}</button></form>`;
    const body = html`<h1>教师信息更正</h1>
      ${typeof query.done === 'string' && DONE[query.done] ? html`<p class="card" id="notice" role="status">${DONE[query.done]}</p>` : ''}
      ${query.error === 'gone' ? html`<p class="error card">这条更正已处理，或不在您的管理范围内。</p>` : ''}
      <p class="muted">辅导老师导入名单时，与已有记录不同的教师信息不会直接修改，列在这里由县区联系人或管理员核对：「按名单更正」才修改记录。</p>
      ${list.length === 0
        ? html`<p class="card muted" id="no-corrections">没有待处理的更正。</p>`
        : html`<div class="card"><table id="corrections"><thead><tr><th>教师</th><th>手机号</th><th>记录中</th><th>名单中</th><th>来自</th><th>处理</th></tr></thead><tbody>
          ${list.map(
            (c) => html`<tr data-correction="${c.id}"><td>${c.personName}</td><td>${c.maskedPhone}</td><td>${side(c.changes, 'onRecord')}</td><td>${side(c.changes, 'inFile')}</td><td>${c.proposedBy}（${c.className}）<br><span class="muted">${formatChinaDate(c.createdAt)} ${formatChinaClock(c.createdAt)}</span></td>
              <td>${button(c.id, 'apply', '按名单更正')} ${button(c.id, 'dismiss', '忽略')}</td></tr>`,
          )}</tbody></table></div>`}`;
    return sendPage(reply, '教师信息更正', body, account);
  });

  for (const action of ['apply', 'dismiss'] as const) {
    server.post(`/console/corrections/:id/${action}`, async (request: FastifyRequest, reply) => {
      const account = request.account!;
      if (!decidesCorrections(account.grants)) return refuse(reply, account);
      const id = routeId((request.params as { id: string }).id);
      try {
        if (id === null) throw new UserError('correctionQueue.notFound');
        await decideCorrection(app, auditActorOf(account), account.grants, id, action === 'apply');
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return reply.redirect('/console/corrections?error=gone', 303);
      }
      return reply.redirect(`/console/corrections?done=${action === 'apply' ? 'applied' : 'dismissed'}`, 303);
    });
  }
}
