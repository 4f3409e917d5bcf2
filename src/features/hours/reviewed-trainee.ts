import { UserError } from '../../core/errors.ts';
import { askIfNearName } from '../../core/text/near-names.ts';
import type { App } from '../../app/app.ts';

// Finding the one trainee a reviewer means by a name (登记学时 / 认定学时 / 不予认定). A county has
// several 张伟, and a trainee may be in several classes: when more than one fits, the reviewer is
// asked which (by school, else by class) and answers by sending the command again with the school
// or class after the name — the bot never guesses whose hours to change.

export interface ReviewedTrainee {
  personId: number;
  name: string;
  /** Their classes among the reviewer's, narrowed to the one named when a class was given. */
  classes: { id: number; name: string; projectId: number }[];
}

interface Candidate extends ReviewedTrainee {
  school: string | null;
}

async function candidatesFor(app: App, classIds: number[], name: string): Promise<Candidate[]> {
  const enrolments = await app.db.enrolment.findMany({
    where: { classId: { in: classIds }, person: { name } },
    select: { person: { select: { id: true, name: true, school: { select: { name: true } } } }, class: { select: { id: true, name: true, projectId: true } } },
    orderBy: [{ personId: 'asc' }, { classId: 'asc' }],
  });
  const byPerson = new Map<number, Candidate>();
  for (const { person, class: cls } of enrolments) {
    const candidate = byPerson.get(person.id) ?? { personId: person.id, name: person.name, school: person.school?.name ?? null, classes: [] };
    candidate.classes.push(cls);
    byPerson.set(person.id, candidate);
  }
  return [...byPerson.values()];
}

/** Keeps the candidates whose school or one of whose classes is called `qualifier` (then only that class). */
function narrow(candidates: Candidate[], qualifier: string): Candidate[] {
  return candidates.flatMap((c) => {
    if (c.school === qualifier) return [c];
    const classes = c.classes.filter((k) => k.name === qualifier);
    return classes.length ? [{ ...c, classes }] : [];
  });
}

/** How to tell candidates apart: their school, or where two share one, the school and classes. */
function labels(candidates: Candidate[]): string[] {
  return candidates.map((c) => {
    const sameSchool = candidates.filter((o) => o.school === c.school).length > 1;
    return sameSchool || !c.school ? c.classes.map((k) => k.name).join('、') : c.school;
  });
}

/** True when `word` names the school or a class of someone called `name` in these classes (so it answers "which?"). */
export async function namesSchoolOrClass(app: App, classIds: number[], name: string, word: string | undefined): Promise<boolean> {
  if (!word) return false;
  return narrow(await candidatesFor(app, classIds, name), word).length > 0;
}

/**
 * The one trainee called `name` in these classes (narrowed by a school or class name), or a polite
 * question naming the schools or classes to choose from. With `oneProject`, a trainee in classes of
 * several projects is asked about too (a record belongs to one project).
 */
export async function reviewedTrainee(app: App, classIds: number[], name: string, qualifier: string | undefined, options: { oneProject: boolean }): Promise<ReviewedTrainee> {
  const all = await candidatesFor(app, classIds, name);
  if (all.length === 0) {
    const roster = await app.db.enrolment.findMany({ where: { classId: { in: classIds } }, select: { person: { select: { name: true } } } });
    askIfNearName(name, roster.map((e) => e.person.name), () => '');
  }
  const candidates = qualifier ? narrow(all, qualifier) : all;
  if (candidates.length === 0) throw new UserError(qualifier && all.length ? 'accreditation.noSuchChoice' : 'hours.personNotFound', { name, choice: qualifier ?? '' });
  if (candidates.length > 1) {
    const choices = labels(candidates);
    throw new UserError('accreditation.whichTeacher', { name, count: candidates.length, choices: choices.join('；'), first: choices[0]!.split('、')[0]! });
  }
  const trainee = candidates[0]!;
  if (options.oneProject && new Set(trainee.classes.map((c) => c.projectId)).size > 1) {
    throw new UserError('accreditation.whichClass', { name, classes: trainee.classes.map((c) => c.name).join('、'), first: trainee.classes[0]!.name });
  }
  return { personId: trainee.personId, name: trainee.name, classes: trainee.classes };
}
