import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CjkFont } from './cjk-font.ts';

/** What a certificate shows, frozen at issue; the verification page shows the same (never a phone or ID number). */
export interface CertificateRecord {
  kind: 'HOURS' | 'COMPLETION';
  name: string;
  school: string;
  className: string;
  projectName: string;
  projectNumber: string | null;
  level: string;
  dates: string;
  hours: { category: string; hours: number }[];
  total: number;
  accredited: number;
  pending: number;
  issuer: string;
  issuedOn: string;
}

export const CERTIFICATE_TITLES = { HOURS: '学时证明', COMPLETION: '结业证书' } as const;

/** The lines of a certificate (and of its verification page), label and value. */
export function certificateLines(r: CertificateRecord): [string, string][] {
  return [
    ['姓名', r.name],
    ['学校', r.school],
    ['培训项目', r.projectNumber ? `${r.projectName}（项目编号 ${r.projectNumber}）` : r.projectName],
    ['培训班', r.className],
    ['培训级别', r.level],
    ['培训日期', r.dates],
    ['学时', `共 ${r.total} 学时（${r.hours.map((h) => `${h.category} ${h.hours}`).join('，') || '无'}）`],
    ['认定状态', `已认定 ${r.accredited} 学时，待认定 ${r.pending} 学时`],
    ['发证单位', r.issuer],
    ['发证日期', r.issuedOn],
  ];
}

/** One A4 page: title, statement, the record, the serial and a QR code to its verification page. */
export async function renderCertificatePdf(r: CertificateRecord, serial: string, verifyUrl: string, font: CjkFont, seal?: Buffer): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: `${CERTIFICATE_TITLES[r.kind]} ${serial}`, Author: r.issuer } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.face);
  doc.font('cjk');
  doc.fontSize(30).text(CERTIFICATE_TITLES[r.kind], { align: 'center', characterSpacing: 8 });
  doc.moveDown(1.2);
  const statement = r.kind === 'COMPLETION'
    ? `${r.name}同志参加「${r.projectName}」${r.className}的学习，完成规定的培训内容，经考核合格，准予结业。`
    : `兹证明${r.name}同志参加「${r.projectName}」${r.className}的学习，培训学时记录如下。`;
  doc.fontSize(14).text(statement, { lineGap: 6 });
  doc.moveDown(1);
  for (const [label, value] of certificateLines(r)) {
    doc.fontSize(12).text(`${label}：`, { continued: true }).text(value, { lineGap: 4 });
  }
  const bottom = doc.page.height - doc.page.margins.bottom;
  doc.image(qr, doc.page.margins.left, bottom - 130, { width: 110 });
  doc.fontSize(10).text(`证书编号：${serial}`, doc.page.margins.left + 125, bottom - 100);
  doc.text('扫描二维码或打开下面的地址核验真伪：', doc.page.margins.left + 125, bottom - 82);
  doc.text(verifyUrl, doc.page.margins.left + 125, bottom - 66, { width: 330 });
  if (seal) doc.image(seal, doc.page.width - doc.page.margins.right - 130, bottom - 250, { width: 120 });
  doc.fontSize(13).text(r.issuer, doc.page.margins.left, bottom - 200, { align: 'right' });
  doc.text(r.issuedOn, { align: 'right' });
  doc.end();
  return done;
}
