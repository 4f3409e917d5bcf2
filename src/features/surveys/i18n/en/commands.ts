import type { MessageKey } from '../../../../i18n/index.ts';

// What help shows for the surveys commands: usage and a one-line summary.
export const surveysCommands = {
  'commands.startSurvey.usage': '发起评价 [class name]',
  'commands.startSurvey.summary': 'send the class a satisfaction survey (1–5); the silent are reminded once; results go to the tutors',
  'commands.answerSurvey.usage': '评价 5 5 4 5 [comment]',
  'commands.answerSurvey.summary': 'answer the satisfaction survey',
  'commands.surveyResults.usage': '评价结果 [class name]',
  'commands.surveyResults.summary': 'the survey results (privately)',
} satisfies Partial<Record<MessageKey, string>>;
