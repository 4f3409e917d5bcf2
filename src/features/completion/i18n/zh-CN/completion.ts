import type { Catalogue } from '../../../../i18n/index.ts';

// 结业: completion standing, its reasons and the warning before the last allowed absence.
export const completion = {
  'completion.title': '🎓「{className}」结业情况（已上 {closed}/{planned} 次课）',
  'completion.rules': '结业条件：{rules}',
  'completion.rule.attendance': '出勤不少于 {share}（共 {planned} 次，最多缺 {allowed} 次）',
  'completion.rule.leaveMissed': '请假计入缺勤',
  'completion.rule.leaveExcused': '请假不计缺勤',
  'completion.rule.assignmentsAll': '作业全部提交',
  'completion.rule.assignmentsAtLeast': '作业至少提交 {count} 项',
  'completion.rule.logs': '研修日志至少 {count} 篇',
  'completion.rule.survey': '填写满意度评价',
  'completion.meets': '✅ 目前符合 {count} 人：{names}',
  'completion.atRisk': '⚠️ 有风险 {count} 人：',
  'completion.fails': '❌ 不能结业 {count} 人：',
  'completion.reason.absencesExceeded': '缺勤 {missed} 次，超过允许的 {allowed} 次',
  'completion.reason.oneMoreAbsence': '缺勤 {missed} 次，再缺 1 次将不能结业',
  'completion.reason.assignmentsMissing': '作业未交 {titles}（已交 {submitted}/{required}）',
  'completion.reason.logsShort': '研修日志 {logs}/{required} 篇',
  'completion.reason.surveyUnanswered': '未填写满意度评价',
  'completion.mine.meets': '🎓「{className}」：目前符合结业条件（缺勤 {missed} 次，最多可缺 {allowed} 次）。',
  'completion.mine.atRisk': '⚠️「{className}」：{reasons}。',
  'completion.mine.fails': '❌「{className}」：{reasons}，按结业条件不能结业；如有疑问请联系辅导老师。',
  'completion.notEnrolled': '您还不在任何培训班的名单里，暂时没有结业情况可查。',
  'completion.warnTrainee': '⚠️ 提醒：您在「{className}」已缺勤 {missed} 次，再缺 1 次将不能结业。如有事请提前请假并联系辅导老师。',
  'completion.warnTutor': '⚠️「{className}」{name}已缺勤 {missed} 次，再缺 1 次将不能结业。',
  'completion.recordedTitle': '🎓「{className}」结业：{completed}/{total} 人结业。',
  'completion.recordedCompleted': '✅ 结业：{names}',
  'completion.recordedNotCompleted': '❌ 未结业 {count} 人：',
  'completion.recordedNext': '学时可以认定了：发「认定学时」。学员可发「结业证书」领取证书。',
  'completion.awaitingSurvey': '已向学员发出满意度评价，{closes} 截止后记录结业情况，名单私信给辅导老师和县负责人。',
  'completion.recorded': '已记录结业情况，名单已私信给辅导老师和县负责人。',
  'completion.alreadyRecorded': '这个班的结业情况已经记录过了。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof completion> {}
}
