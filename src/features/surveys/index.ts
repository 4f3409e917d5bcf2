// 问卷 Surveys: the satisfaction survey, answers and results.

export { answerSurveyCommand } from './commands/answer-survey.ts';
export { startSurveyCommand } from './commands/start-survey.ts';
export { surveyResultsCommand } from './commands/survey-results.ts';
