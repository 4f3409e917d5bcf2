import { UserError } from '../../core/errors.ts';
import { jobId } from '../../core/job-id.ts';
import { parseScores, satisfaction } from '../../core/survey/satisfaction.ts';
import { formatChinaDateTime } from '../../core/time/parse-time-phrase.ts';
import { audit, type App } from '../../app/app.ts';
import { countyContactsOf, sendToClassGroups, sendToPerson, tutorsOf } from '../../app/notify.ts';
import { scheduleAllOrUndo } from '../../app/scheduling.ts';

export const SURVEY_CHASE_JOB = 'survey.chase';
export const SURVEY_CLOSE_JOB = 'survey.close';
const EXPECTED = ['SELECTED', 'CONFIRMED', 'COMPLETED'] as const;

const enrolledIds = async (app: App, classId: number) =>
  (await app.db.enrolment.findMany({ where: { classId, status: { in: [...EXPECTED] } }, select: { personId: true } })).map((e) => e.personId);

function questionText(app: App, className: string, items: string[], closesAt: Date): string {
  return app.t('survey.question', {
    className,
    items: items.map((item, i) => `${i + 1}. ${item}`).join('\n'),
    example: items.map(() => '5').join(' '),
    closes: formatChinaDateTime(closesAt),
  });
}

/**
 * Opens a satisfaction survey for a class: each trainee is asked privately (and the class groups are
 * told, for those the bot cannot reach privately); the silent are chased once, and at the close the
 * rate goes to the tutors — and, below the threshold, to the county contacts with the tutors named.
 */
/** Who starts a survey: a tutor or contact from chat, or the class's end on a tutor's behalf. */
export interface SurveyStarter {
  personId: number;
  platform?: string;
  label: string;
}

export async function startSurvey(app: App, by: SurveyStarter, classId: number): Promise<{ asked: number; closesAt: Date }> {
  const now = app.clock.now();
  if (await app.db.survey.findFirst({ where: { classId, status: 'OPEN' } })) throw new UserError('survey.alreadyOpen');
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: classId } });
  const { items, chaseHours, closeHours } = app.config.survey;
  const closesAt = new Date(now.getTime() + closeHours * 3600_000);
  const survey = await app.db.survey.create({ data: { classId, items, createdById: by.personId, createdAt: now, closesAt } });
  await scheduleAllOrUndo(app, [
    { id: jobId('survey', survey.id, 'chase'), name: SURVEY_CHASE_JOB, at: new Date(now.getTime() + chaseHours * 3600_000), data: { surveyId: survey.id } },
    { id: jobId('survey', survey.id, 'close'), name: SURVEY_CLOSE_JOB, at: closesAt, data: { surveyId: survey.id } },
  ], () => app.db.survey.delete({ where: { id: survey.id } }));
  await audit(app.db, { personId: by.personId, label: by.label }, 'survey.start', 'Survey', survey.id, { classId });
  const question = questionText(app, cls.name, items, closesAt);
  let asked = 0;
  for (const personId of await enrolledIds(app, classId)) {
    if (await sendToPerson(app, personId, by.platform, question, { delivery: { key: `survey:${survey.id}:ask:${personId}`, source: `survey:${survey.id}` } })) asked++;
  }
  await sendToClassGroups(app, classId, app.t('survey.groupNotice', { className: cls.name, closes: formatChinaDateTime(closesAt) }));
  return { asked, closesAt };
}

/** Records (or replaces) a trainee's answer to the open survey of their class. */
export async function answerSurvey(app: App, personId: number, text: string): Promise<string> {
  const classIds = (await app.db.enrolment.findMany({ where: { personId }, select: { classId: true } })).map((e) => e.classId);
  const survey = await app.db.survey.findFirst({ where: { classId: { in: classIds }, status: 'OPEN' }, orderBy: { id: 'desc' } });
  if (!survey) throw new UserError('survey.noneOpen');
  const parsed = parseScores(text, survey.items.length);
  if (!parsed) throw new UserError('survey.badScores', { count: survey.items.length, example: survey.items.map(() => '5').join(' ') });
  const now = app.clock.now();
  await app.db.surveyResponse.upsert({
    where: { surveyId_personId: { surveyId: survey.id, personId } },
    create: { surveyId: survey.id, personId, scores: parsed.scores, comment: parsed.comment, answeredAt: now },
    update: { scores: parsed.scores, comment: parsed.comment, answeredAt: now },
  });
  return app.t('survey.thanks');
}

/** Reminds, once, the trainees who have not answered. */
export async function chaseSurvey(app: App, surveyId: number): Promise<number> {
  const claimed = await app.db.survey.updateMany({ where: { id: surveyId, status: 'OPEN', chasedAt: null }, data: { chasedAt: app.clock.now() } });
  if (claimed.count === 0) return 0;
  const survey = await app.db.survey.findUniqueOrThrow({ where: { id: surveyId }, include: { responses: { select: { personId: true } } } });
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: survey.classId } });
  const answered = new Set(survey.responses.map((r) => r.personId));
  const silent = (await enrolledIds(app, survey.classId)).filter((id) => !answered.has(id));
  const text = `${app.t('survey.chase')}\n${questionText(app, cls.name, survey.items, survey.closesAt)}`;
  for (const personId of silent) await sendToPerson(app, personId, undefined, text, { delivery: { key: `survey:${surveyId}:chase:${personId}`, source: `survey:${surveyId}` } });
  return silent.length;
}

/** The results as text, for the tutors (and the county contacts when flagged). */
async function resultText(app: App, survey: { id: number; classId: number; items: string[] }, enrolled: number): Promise<{ text: string; rate: number | null }> {
  const responses = await app.db.surveyResponse.findMany({ where: { surveyId: survey.id }, orderBy: { answeredAt: 'asc' } });
  const result = satisfaction(responses, survey.items.length);
  const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: survey.classId } });
  const lines = [
    app.t('survey.resultTitle', { className: cls.name, respondents: result.respondents, enrolled, rate: result.rate === null ? '—' : `${result.rate}%` }),
    survey.items.map((item, i) => `${item} ${result.itemAverages[i]}`).join(' · '),
  ];
  const comments = responses.map((r) => r.comment).filter(Boolean);
  if (comments.length) lines.push(app.t('survey.comments', { comments: comments.map((c) => `「${c}」`).join(' ') }));
  return { text: lines.join('\n'), rate: result.rate };
}

/** Closes a survey: records the rate, tells the tutors, and flags a rate below the threshold to the county contacts. */
export async function closeSurvey(app: App, surveyId: number): Promise<{ rate: number | null; flagged: boolean } | null> {
  const claimed = await app.db.survey.updateMany({ where: { id: surveyId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: app.clock.now() } });
  if (claimed.count === 0) return null;
  const survey = await app.db.survey.findUniqueOrThrow({ where: { id: surveyId } });
  const { text, rate } = await resultText(app, survey, (await enrolledIds(app, survey.classId)).length);
  const flagged = rate !== null && rate < app.config.survey.threshold;
  await app.db.survey.update({ where: { id: surveyId }, data: { rate, flagged } });
  const tutors = await tutorsOf(app, survey.classId);
  for (const tutorId of tutors) await sendToPerson(app, tutorId, undefined, text);
  if (flagged) {
    const cls = await app.db.trainingClass.findUniqueOrThrow({ where: { id: survey.classId } });
    const tutorNames = (await app.db.person.findMany({ where: { id: { in: tutors } }, select: { name: true } })).map((p) => p.name).join('、') || app.t('common.none');
    const flag = app.t('survey.flag', { className: cls.name, rate: `${rate}%`, threshold: `${app.config.survey.threshold}%`, tutors: tutorNames });
    for (const contactId of await countyContactsOf(app, survey.classId)) await sendToPerson(app, contactId, undefined, `${flag}\n${text}`);
  }
  return { rate, flagged };
}

/** The latest survey of a class so far (open or closed), for its tutor. */
export async function surveyResults(app: App, classId: number): Promise<string> {
  const survey = await app.db.survey.findFirst({ where: { classId }, orderBy: { id: 'desc' } });
  if (!survey) throw new UserError('survey.none');
  return (await resultText(app, survey, (await enrolledIds(app, classId)).length)).text;
}
