import type { Catalogue } from '../../../../i18n/index.ts';

// Decisions answered in the prompt's own words: a remark after 同意/驳回, a bare 批准 for the one pending request.
export const decisions = {
  'decision.approvedLeaveWithNote': '您「{title}」的请假已批准。{decider}：{note}',
  'decision.approvedSubstitutionWithNote': '✅ 换人申请已批准：「{className}」{from} → {to}。{decider}：{note}',
  'decision.readingApprove': '，将批准 {name} 的申请',
  'decision.readingReject': '，将驳回 {name} 的申请',
  'decision.noPendingSubstitution': '目前没有待审批的换人申请。',
  'decision.whichSubstitution': '有 {count} 条待审批的换人申请：{list}。请写上原学员姓名，例如「同意换人 {example}」。',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof decisions> {}
}
