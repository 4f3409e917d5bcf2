// The class page's roll for one session: who has not checked in, by school, with a correction form per row.
import { correctAttendance } from '../features/attendance/attendance-corrections.ts';
import type { App } from '../app/app.ts';
import { findSessionFor } from '../features/attendance/sessions.ts';
import { groupBy } from '../core/group-by.ts';
import { formatChinaClock, formatChinaDate } from '../core/time/parse-time-phrase.ts';
import { UserError } from '../core/errors.ts';
import { sessionListFilter } from '../app/roster-of-record.ts';
import { auditActorOf, type ConsoleAccount } from '../features/access/console-accounts.ts';
import { routeId } from './guards.ts';
import { html, type Markup } from './html.ts';
import type { ClassAccess } from './scope.ts';

const MARK_NAMES: Record<string, string> = { ABSENT: '缺勤', LEAVE: '请假' };
/** The marks a correction form may set. */
const MARKS = ['PRESENT', 'LATE', 'LEAVE', 'ABSENT'] as const;
const CHOICES: [string, string][] = [['PRESENT', '出勤（补签）'], ['LATE', '迟到'], ['LEAVE', '请假'], ['ABSENT', '缺勤']];

export interface AttendanceRoll {
  sessions: { id: number; label: string }[];
  session: { id: number; title: string; when: string; status: string };
  /** Enrolled trainees (within the account's schools) with no PRESENT or LATE mark, by school. */
  missing: { school: string; people: { personId: number; name: string; mark: string; remark: string | null }[] }[];
  count: number;
}

/** The roll of the chosen session, else the one open now, else the latest begun, else the next; null without sessions. */
export async function attendanceRoll(app: App, classId: number, access: ClassAccess, chosen: number | null): Promise<AttendanceRoll | null> {
  const sessions = await app.db.trainingSession.findMany({ where: { classId, status: { not: 'CANCELLED' } }, orderBy: { startsAt: 'asc' } });
  let session = sessions.find((s) => s.id === chosen);
  if (!session) {
    const { open, last, next } = await findSessionFor(app.db, [classId], app.clock.now());
    session = (open ?? last ?? next) || undefined;
  }
  if (!session) return null;
  const schoolFilter = access.kind === 'school' ? { schoolId: { in: access.schoolIds } } : {};
  const marks = new Map((await app.db.checkIn.findMany({ where: { sessionId: session.id } })).map((c) => [c.personId, c]));
  // A closed session's list is fixed at its close (roster-of-record.ts); an open one follows the roster.
  const enrolments = (await app.db.person.findMany({ where: { ...sessionListFilter(session), ...schoolFilter }, select: { id: true, name: true, school: { select: { name: true } } }, orderBy: { id: 'asc' } })).map((person) => ({ personId: person.id, person }));
  const leaves = new Map((await app.db.leaveRequest.findMany({ where: { sessionId: session.id, kind: 'LEAVE', status: 'APPROVED' } })).map((l) => [l.personId, l]));
  const missing = enrolments
    .filter((e) => !['PRESENT', 'LATE'].includes(marks.get(e.personId)?.status ?? ''))
    .map((e) => {
      const mark = marks.get(e.personId);
      return {
        school: e.person.school?.name ?? '—',
        personId: e.person.id,
        name: e.person.name,
        mark: mark ? MARK_NAMES[mark.status]! : leaves.has(e.personId) ? '请假（已批准）' : '未签到',
        remark: mark?.remark ?? null,
      };
    });
  const bySchool = groupBy(missing, (p) => p.school);
  const when = (s: { startsAt: Date; endsAt: Date }) => `${formatChinaDate(s.startsAt)} ${formatChinaClock(s.startsAt)}–${formatChinaClock(s.endsAt)}`;
  return {
    sessions: sessions.map((s) => ({ id: s.id, label: `${when(s)} ${s.title}` })),
    session: { id: session.id, title: session.title, when: when(session), status: session.status },
    missing: [...bySchool].map(([school, people]) => ({ school, people })).sort((a, b) => a.school.localeCompare(b.school, 'zh-CN')),
    count: missing.length,
  };
}

/** The roll section: a session chooser, then per school the trainees not checked in, each with a form when the account manages the class. */
export function rollSection(classId: number, roll: AttendanceRoll, access: ClassAccess, account: ConsoleAccount): Markup {
  const manage = access.kind === 'manage';
  return html`<h2>未签到名单</h2>
    <form class="card" method="get" action="/console/classes/${classId}" id="roll-chooser"><label for="roll-session">课次</label>
      <select id="roll-session" name="session">${roll.sessions.map((s) => html`<option value="${s.id}"${s.id === roll.session.id ? html` selected` : ''}>${s.label}</option>`)}</select><button class="secondary">查看</button></form>
    <div class="card" id="roll" data-session="${roll.session.id}"><p><strong>${roll.session.title}</strong> <span class="muted">${roll.session.when}</span> · 未签到 <strong class="roll-count">${roll.count}</strong> 人${roll.session.status === 'CLOSED' ? '（已结束，更正后学时随之调整）' : ''}</p>
    ${roll.count === 0 ? html`<p class="muted">全部已签到。</p>` : ''}
    ${roll.missing.map(
      (group) => html`<section class="roll-school"><h3>${group.school}（<span class="school-count">${group.people.length}</span> 人）</h3>
      <table><thead><tr><th>姓名</th><th>当前</th><th>备注</th>${manage ? html`<th>更正</th>` : ''}</tr></thead><tbody>
      ${group.people.map(
        (p) => html`<tr data-person="${p.personId}"><td>${p.name}</td><td class="mark">${p.mark}</td><td>${p.remark ?? ''}</td>${manage
          ? html`<td><form method="post" action="/console/classes/${classId}/sessions/${roll.session.id}/attendance" class="correct"><input type="hidden" name="_csrf" value="${account.csrfToken}"><input type="hidden" name="personId" value="${p.personId}">
              <select name="status" aria-label="${p.name} 的考勤">${CHOICES.map(([value, label]) => html`<option value="${value}">${label}</option>`)}</select>
              <input name="remark" maxlength="100" placeholder="备注（如 手机没电）" aria-label="${p.name} 的备注"><button>更正</button></form></td>`
          : ''}</tr>`,
      )}
      </tbody></table></section>`,
    )}</div>`;
}

/** The work of a posted correction form: the session must be the class's, the trainee on its roster, the mark one of four. */
export function correctionFromForm(app: App, sessionId: number | null, body: unknown) {
  return async (classId: number, account: ConsoleAccount): Promise<void> => {
    const session = sessionId === null ? null : await app.db.trainingSession.findFirst({ where: { id: sessionId, classId } });
    if (!session) throw new UserError('console.noSuchSession');
    const form = (body ?? {}) as Record<string, string>;
    const status = MARKS.find((m) => m === form.status);
    if (!status) throw new UserError('console.badStatus');
    const personId = routeId(form.personId);
    // The session's own list (roster-of-record.ts): a trainee swapped out later stays correctable for the sessions they were on.
    const listed = personId === null ? null : await app.db.person.findFirst({ where: { id: personId, ...sessionListFilter(session) }, select: { id: true } });
    if (!listed) throw new UserError('console.notOnClass');
    const remark = String(form.remark ?? '').trim().slice(0, 100) || undefined;
    await correctAttendance(app, auditActorOf(account), { sessionId: session.id, personId: listed.id, status, remark });
  };
}
