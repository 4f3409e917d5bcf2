import type { FastifyInstance } from 'fastify';
import type { App } from '../app/app.ts';
import { CERTIFICATE_TITLES, certificateLines } from '../features/completion/certificate-pdf.ts';
import { findCertificate } from '../features/completion/certificates.ts';
import { formatChinaDate } from '../core/time/parse-time-phrase.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { html, sendPage } from './html.ts';

// The public page a certificate's QR code opens: anyone (an employer, a school office) may check that
// a 学时证明 or 结业证书 is genuine and not revoked. It shows the record as issued — never a phone or an
// ID number — and is rate-limited, so the random serials cannot be walked.

/** Requests per client address and minute: a reader checking a few certificates never meets it; a walk of serials does. */
export const VERIFY_RATE_LIMIT = { max: 20, windowMs: 60_000 };

export function verifyRoutes(app: App) {
  const limit = rateLimit(VERIFY_RATE_LIMIT);
  return (server: FastifyInstance) => {
    server.get('/verify/:serial', { preHandler: limit }, async (request, reply) => {
      void reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
      const found = await findCertificate(app, (request.params as { serial: string }).serial);
      if (!found) return sendPage(reply, '证书核验', html`<h1>证书核验</h1><p class="error" id="status">未找到这个编号的证书。请核对编号，或联系发证单位。</p>`, undefined, 404);
      const { record, serial, revokedAt, revokedReason } = found;
      const status = revokedAt
        ? html`<p class="error" id="status">❌ 此证书已撤销（${formatChinaDate(revokedAt)}）：${revokedReason ?? ''}</p>`
        : html`<p class="ok" id="status">✅ 此证书有效，由${record.issuer}签发。</p>`;
      const body = html`<h1>${CERTIFICATE_TITLES[record.kind]} 核验</h1>${status}
        <table><tr><th>证书编号</th><td id="serial">${serial}</td></tr>${certificateLines(record).map(([label, value]) => html`<tr><th>${label}</th><td>${value}</td></tr>`)}</table>`;
      return sendPage(reply, '证书核验', body);
    });
  };
}
