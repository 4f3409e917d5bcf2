import type { Catalogue } from '../../../../i18n/index.ts';

// 证书: 学时证明 and 结业证书 (PDF with a serial and a QR code), their revocation and verification page.
export const certificates = {
  'certificate.hoursReady': '📄「{className}」学时证明（共 {total} 学时），编号 {serial}。扫描证书上的二维码可核验真伪。',
  'certificate.completionReady': '🎓「{className}」结业证书，编号 {serial}。扫描证书上的二维码可核验真伪。',
  'certificate.sentPrivately': '证书已私信发给您，请查收。',
  'certificate.notYetCompleted': '结业证书在培训班结业后发放；现在可以发「证明」领取学时证明。',
  'certificate.notCompleted': '按结业条件，您这个班未能结业（{reasons}），所以没有结业证书；可以发「证明」领取学时证明。如有疑问请联系辅导老师。',
  'certificate.noFont': '抱歉，服务器上还没有中文字体，暂时无法生成证书。已记下原因，请联系管理员处理。',
  'certificate.badSeal': '抱歉，证书的印章图片设置有误，暂时无法生成证书。已记下原因，请联系管理员处理。',
  'certificate.notYourClass': '您不在「{name}」的名单里，请检查班级名称。',
  'certificate.revokeUsage': '请这样写：撤销证书 编号 原因，例如「撤销证书 YX-7K3M-… 信息有误，已重新发放」。',
  'certificate.unknownSerial': '没有找到编号为「{serial}」的证书，请核对编号。',
  'certificate.alreadyRevoked': '证书 {serial} 已经撤销过了。',
  'certificate.revoked': '已撤销证书 {serial}（{name}），原因：{reason}。核验页面会显示为已撤销。',
  'registration.ready': '📋「{title}」学时登记表（{count} 行）。身份证号只在县级负责人导出的表里。',
  'registration.readyWithIds': '📋「{title}」学时登记表（{count} 行，含身份证号）。请妥善保管，勿转发到群里。',
  'registration.badMapping': '抱歉，登记表的列设置文件有误，暂时无法导出。已记下原因，请联系管理员检查。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof certificates> {}
}
