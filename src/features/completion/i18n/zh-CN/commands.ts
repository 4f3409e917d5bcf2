import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the completion commands: usage and a one-line summary.
export const completionCommands = {
  'commands.myCompletion.usage': '我能结业吗',
  'commands.myCompletion.summary': '按结业条件看自己目前能否结业，差在哪里（私信）',
  'commands.completionStatus.usage': '结业情况 [班级名称]',
  'commands.completionStatus.summary': '全班谁符合结业条件、谁有风险及原因（私信）',
  'commands.hoursCertificate.usage': '证明 [班级名称]',
  'commands.hoursCertificate.summary': '私信领取本班的学时证明（PDF，带编号和核验二维码）',
  'commands.completionCertificate.usage': '结业证书 [班级名称]',
  'commands.completionCertificate.summary': '结业后私信领取结业证书（PDF，带编号和核验二维码）',
  'commands.revokeCertificate.usage': '撤销证书 编号 原因',
  'commands.revokeCertificate.summary': '撤销一份证书，核验页面随即显示已撤销（记入审计日志）',
  'commands.endClass.usage': '结业 [班级名称]',
  'commands.endClass.summary': '培训结束：未发满意度评价的先发起，评价截止后记录每位学员是否结业及原因，名单私信给辅导老师和县负责人',
  'commands.registrationExport.usage': '导出登记表 [班级名称] [csv]',
  'commands.registrationExport.summary': '省级培训管理系统用的学时登记表（XLSX 或 CSV，列按映射文件）；身份证号只给县级负责人',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof completionCommands> {}
}
