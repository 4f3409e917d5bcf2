import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import archiver from 'archiver';
import { audit, type App } from '../app/app.ts';
import { UserError } from '../core/errors.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { evaluateClass, reasonText } from '../features/completion/completion.ts';
import { certificateFont, issueCertificate, sealImage } from '../features/completion/certificates.ts';
import { attachmentHeader } from './export-download.ts';
import { html, sendPage, type Markup } from './html.ts';
import type { ClassAccess } from './scope.ts';

// The class page's 结业 column (the same live evaluation as 「结业情况」 in chat) and the bulk download
// of a class's certificates as one zip: a 学时证明 for every trainee, a 结业证书 for each who completed.

type ClassFor = (request: FastifyRequest, reply: FastifyReply) => Promise<{ id: number; access: ClassAccess } | null>;

const STANDING = { meets: '✅ 符合结业条件', atRisk: '⚠️ 有风险', fails: '❌ 不能结业' } as const;

/** Each trainee the page shows (`shown`: a school contact sees only their own) with their standing and why. */
export async function completionSection(app: App, classId: number, shown: { personId: number; name: string; school: string }[], access: ClassAccess, account: ConsoleAccount): Promise<Markup> {
  const c = await evaluateClass(app, classId);
  const byPerson = new Map(c.evaluations.map((e) => [e.personId, e]));
  const rows = shown.flatMap((p) => {
    const e = byPerson.get(p.personId);
    return e ? [{ ...p, standing: e.standing, why: e.reasons.map((r) => reasonText(app, r)).join('；') }] : [];
  });
  const download = access.kind === 'manage'
    ? html`<form method="post" action="/console/classes/${classId}/certificates"><input type="hidden" name="_csrf" value="${account.csrfToken}">
        <button id="certificates-zip">下载本班全部证书（zip：学时证明，已结业的另含结业证书）</button></form>`
    : '';
  return html`<h2>结业情况</h2>
    <div class="card" id="completion"><p class="muted">已结束 ${c.closed} / ${c.progress.planned} 次课 · 与群里发「结业情况」看到的一致</p>
    <table><thead><tr><th>姓名</th><th>学校</th><th>结业</th></tr></thead><tbody>
    ${rows.map((r) => html`<tr data-person="${r.personId}" data-standing="${r.standing}"><td>${r.name}</td><td>${r.school}</td><td>${STANDING[r.standing]}${r.why ? html`：${r.why}` : ''}</td></tr>`)}
    </tbody></table>${download}</div>`;
}

/**
 * POST /console/classes/:id/certificates: the zip, for those who manage the class (its tutor, its
 * county contact, an admin). Certificates are issued (or re-sent) one after another and each PDF is
 * streamed from its file as the zip is written, so memory stays flat however large the class.
 */
export function certificateZipRoute(app: App, secured: FastifyInstance, classFor: ClassFor) {
  secured.post('/console/classes/:id/certificates', async (request, reply) => {
    const target = await classFor(request, reply);
    if (!target) return;
    const account = request.account!;
    if (target.access.kind !== 'manage') return reply.status(403).type('text/plain; charset=utf-8').send('只有本班的辅导老师、县级负责人和管理员可以下载全班证书。');
    try {
      await certificateFont(app);
      sealImage(app);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return sendPage(reply, '证书', html`<h1>无法生成证书</h1><p class="error card">${app.t(error.key, error.params)}</p><p><a href="/console/classes/${target.id}">返回班级</a></p>`, account, 503);
    }
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: target.id }, select: { name: true } });
    const trainees = await app.db.enrolment.findMany({ where: { classId: target.id, status: { in: ['SELECTED', 'CONFIRMED', 'COMPLETED'] } }, select: { personId: true, person: { select: { name: true } } }, orderBy: { personId: 'asc' } });
    const completed = new Set((await app.db.classCompletion.findMany({ where: { classId: target.id, completed: true }, select: { personId: true } })).map((c) => c.personId));
    const actor = auditActorOf(account);
    await audit(app.db, actor, 'certificate.bulkDownload', 'TrainingClass', target.id, { trainees: trainees.length, completion: completed.size, via: 'console' });

    const archive = archiver('zip', { store: true }); // PDFs are compressed already
    void (async () => {
      for (const t of trainees) {
        for (const kind of completed.has(t.personId) ? (['HOURS', 'COMPLETION'] as const) : (['HOURS'] as const)) {
          const { serial, file } = await issueCertificate(app, actor, t.personId, target.id, kind);
          archive.file(file, { name: `${kind === 'HOURS' ? '学时证明' : '结业证书'}/${t.person.name}-${serial}.pdf` });
        }
      }
      await archive.finalize();
    })().catch((error: unknown) => {
      app.log.error('certificate zip failed part-way', { classId: target.id, error: String(error) });
      archive.abort();
      reply.raw.destroy();
    });
    return reply.type('application/zip').header('content-disposition', attachmentHeader(`${cls.name}-证书.zip`)).send(archive);
  });
}
