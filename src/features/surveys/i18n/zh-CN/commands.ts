import type { Catalogue } from '../../../../i18n/index.ts';

// What help shows for the surveys commands: usage and a one-line summary.
export const surveysCommands = {
  'commands.startSurvey.usage': '发起评价 [班级名称]',
  'commands.startSurvey.summary': '向全班学员发满意度评价（1–5 分），未评价的提醒一次，截止后结果私信给辅导老师',
  'commands.answerSurvey.usage': '评价 5 5 4 5 [意见]',
  'commands.answerSurvey.summary': '填写培训满意度评价',
  'commands.surveyResults.usage': '评价结果 [班级名称]',
  'commands.surveyResults.summary': '查看满意度评价的结果（私信）',
} as const;

declare module '../../../../i18n/index.ts' {
  interface Messages extends Catalogue<typeof surveysCommands> {}
}
