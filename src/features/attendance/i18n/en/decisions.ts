// Decisions answered in the prompt's own words: a remark after 同意/驳回, a bare 批准 for the one pending request.
export const decisions = {
  'decision.approvedLeaveWithNote': 'Your leave for 「{title}」 has been approved. {decider}: {note}',
  'decision.approvedSubstitutionWithNote': '✅ Substitution approved: 「{className}」 {from} → {to}. {decider}: {note}',
  'decision.readingApprove': ': the request of {name} is approved',
  'decision.readingReject': ': the request of {name} is rejected',
  'decision.noPendingSubstitution': 'There are no substitution requests waiting for a decision.',
  'decision.whichSubstitution': '{count} substitution requests are waiting: {list}. Please add the trainee being replaced, e.g. 「同意换人 {example}」.',
} as const;
