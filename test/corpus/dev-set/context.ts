// A small, general reader of the dev set's `context` text (see ../shared/domain/dev-set/README.md):
// the clock, the sessions' state, codes, pending requests, notices and who speaks where. It reads
// the context's words, never a line's id or its expected answer.

export interface DevLine {
  id: string;
  role: 'tutor' | 'trainee' | 'school' | 'county';
  where: 'group' | 'private';
  context: string;
  text: string;
  intent: string;
  slots: Record<string, unknown>;
}

export interface Mark {
  name: string | 'sender';
  status: 'PRESENT' | 'LATE' | 'ABSENT';
  /** `12-09am` style key of the session, or undefined for the latest closed one. */
  session?: string;
}

export interface Pending {
  name: string | 'sender';
  kind: 'LEAVE' | 'MAKEUP';
  session?: string;
  reason: string;
  status: 'PENDING' | 'REJECTED';
}

export interface Context {
  /** The clock, China time `2026-12-09T08:20`. */
  now: string;
  sessions: 'all' | 'none' | { upTo: string };
  evening?: string;
  code?: string;
  rotating: boolean;
  lateAfter?: string;
  checkinClosedAt?: string;
  marks: Mark[];
  pending: Pending[];
  substitutions: [string, string][];
  notice?: { confirmed: boolean; forSender: boolean; clause: string };
  preview?: 'notice' | 'timetable';
  senderName?: string;
  senderBound: boolean;
  /** The chat: the main class group, another class's group (by the clause naming it), a new unbound group, a school's group. */
  chat: 'class' | 'other' | 'unbound' | 'school' | 'private';
  classClause?: string;
  schoolOf?: string;
  notOnRoster: string[];
  /** Names the county has twice (「two 罗文斌 in the county roster」), with the shared phone tail if said. */
  twins: { name: string; tail?: string }[];
  /** Trainees the context says are bound (「周晓燕 bound」). */
  boundNames: string[];
  classDatesUnset: boolean;
}

const NAME = '[\\u4e00-\\u9fa5]{2,4}';
const pad = (n: number | string) => String(n).padStart(2, '0');
export const dayKey = (m: number | string, d: number | string) => `2026-${pad(m)}-${pad(d)}`;
const HALF: Record<string, string> = { 上午: 'am', 下午: 'pm', 晚上: 'evening', morning: 'am', afternoon: 'pm', evening: 'evening' };

/** The day and time the context says it is, with a time that fits the state it describes. */
function clock(c: string): string {
  const day = /(?:today|first day|last day)?\s*(\d{1,2})月(\d{1,2})日/.exec(/today|first day/.test(c) ? c : '') ?? null;
  const date = day ? dayKey(day[1]!, day[2]!) : '2026-12-09';
  const time = /(?:today|first day)[^;]*?\b(\d{1,2}):(\d{2})\b/.exec(c);
  if (time) return `${date}T${pad(time[1]!)}:${time[2]}`;
  const fallback =
    /afternoon session[^;]*open|afternoon session open/.test(c) ? '14:20'
    : /(?:morning|rotating-code|\b)session[^;]*open|session open/.test(c) ? '08:20'
    : /afternoon session[^;]*closed/.test(c) ? '17:45'
    : /session[^;]*closed/.test(c) ? '12:05'
    : /scheduled/.test(c) ? '07:30'
    : /evening/.test(c) ? '20:00'
    : '12:30';
  return `${date}T${fallback}`;
}

/** `12月9日上午` / `第3次课 = 12月9日上午` / `this morning` / `today afternoon` → a session key. */
function sessionKey(clause: string, now: string): string | undefined {
  const explicit = new RegExp('(\\d{1,2})月(\\d{1,2})日\\s*(上午|下午|晚上)').exec(clause);
  if (explicit) return `${dayKey(explicit[1]!, explicit[2]!)}${HALF[explicit[3]!]}`;
  const today = now.slice(0, 10);
  const rel = /(this|today|yesterday)\s*(morning|afternoon|evening)/.exec(clause);
  if (rel) return `${rel[1] === 'yesterday' ? shift(today, -1) : today}${HALF[rel[2]!]}`;
  if (/\bfor tomorrow\b/.test(clause)) return `${shift(today, 1)}am`;
  const half = /(morning|afternoon|evening) (?:session|check-in)/.exec(clause);
  if (half) return `${today}${HALF[half[1]!]}`;
  return undefined;
}

export function shift(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const names = (text: string) => [...text.matchAll(new RegExp(NAME, 'g'))].map((m) => m[0]);

export function readContext(line: DevLine): Context {
  const c = line.context;
  const now = clock(c);
  const clauses = c.split(/;\s*/);
  const ctx: Context = {
    now,
    sessions: /no sessions|has no sessions/.test(c) ? 'none' : 'all',
    rotating: /rotating/.test(c),
    marks: [],
    pending: [],
    substitutions: [],
    senderBound: !/sender not bound/.test(c),
    chat: line.where === 'private' ? 'private' : /school's teacher group|in a school group/.test(c) ? 'school' : /new (?:\w+ )?group|unbound group/.test(c) ? 'unbound' : 'class',
    notOnRoster: [...c.matchAll(new RegExp(`(${NAME}) not on the roster`, 'g'))].map((m) => m[1]!),
    classDatesUnset: /class dates not set/.test(c),
    twins: [...c.matchAll(new RegExp(`two (${NAME})(?: with tail (\\d{4}))?`, 'g'))].map((m) => ({ name: m[1]!, tail: m[2] })),
    boundNames: [...c.matchAll(new RegExp(`(${NAME}) bound`, 'g'))].map((m) => m[1]!),
  };
  const upTo = /sessions (?:exist )?only up to (\d{1,2})月(\d{1,2})日/.exec(c);
  if (upTo) ctx.sessions = { upTo: dayKey(upTo[1]!, upTo[2]!) };
  const evening = /evening seminar (\d{1,2}:\d{2})-(\d{1,2}:\d{2})/.exec(c);
  if (evening) ctx.evening = `${evening[1]}-${evening[2]}`;
  ctx.code = /(?:code|口令)\s*(\d{4,6})/.exec(c)?.[1];
  const late = /late after (\d{1,2}:\d{2})/.exec(c);
  if (late) ctx.lateAfter = late[1];
  const closed = /check-in (?:window [^;]*?)?closed at (\d{1,2}:\d{2})/.exec(c);
  if (closed) ctx.checkinClosedAt = closed[1];
  else if (/check-in closed/.test(c)) ctx.checkinClosedAt = now.slice(11);
  ctx.senderName = new RegExp(`the sender is (${NAME})`).exec(c)?.[1];
  for (const clause of clauses) {
    const at = sessionKey(clause, now);
    // 「陈静 marked absent」「罗文斌, 梁静, 韦丽萍 marked absent」「the sender is marked absent」
    const marked = new RegExp(`((?:${NAME}(?:\\s*\\([^)]*\\))?(?:,\\s*|\\s+and\\s+)?)+|the sender is|sender) marked (absent|late|present)`).exec(clause);
    if (marked) {
      const status = marked[2]!.toUpperCase() as Mark['status'];
      const who = /sender/.test(marked[1]!) ? ['sender'] : names(marked[1]!.replace(/\([^)]*\)/g, ''));
      for (const name of who) ctx.marks.push({ name, status, session: at });
    }
    const leave = /(leave|makeup \(补签\)) requests? (?:pending, )?from (.+?)(?: pending|$|,? for |\s*\()/.exec(clause);
    if (leave) {
      const kind = leave[1] === 'leave' ? 'LEAVE' : 'MAKEUP';
      const reason = /\(([^)]*)\)/.exec(clause)?.[1]?.replace(/^today \w+$/, '') || /「([^」]+)」/.exec(clause)?.[1] || '家里有事';
      for (const name of names(leave[2]!)) ctx.pending.push({ name, kind, session: at, reason, status: 'PENDING' });
    }
    const own = /sender's own leave request is (pending|rejected)|sender's leave request was (rejected)/.exec(clause);
    if (own) ctx.pending.push({ name: 'sender', kind: 'LEAVE', reason: '家里有事', status: own[1] === 'pending' ? 'PENDING' : 'REJECTED' });
    if (/substitution requests? pending/.test(clause)) for (const m of clause.matchAll(new RegExp(`(${NAME})→(${NAME})`, 'g'))) ctx.substitutions.push([m[1]!, m[2]!]);
    if (/opening notice/.test(clause) && !/no opening notice/.test(clause)) ctx.notice = { confirmed: /(?<!not yet )confirmed/.test(clause) && !/unconfirmed/.test(clause), forSender: /to the sender/.test(clause), clause };
    if (/notice preview waits/.test(clause)) ctx.preview = 'notice';
    if (/timetable preview[^;]* waits/.test(clause)) ctx.preview = 'timetable';
    if (/group of|class \S*[\u4e00-\u9fa5]|tutor of (?:a|the|that) /.test(clause) && !/school contact/.test(clause)) ctx.classClause ??= clause;
    const school = /school contact of (?:the sender's school|([\u4e00-\u9fa5]+))/.exec(clause);
    if (school?.[1]) ctx.schoolOf = school[1];
    const selected = new RegExp(`(${NAME})(?: \\([^)]*\\))? selected`).exec(clause);
    if (selected && !ctx.schoolOf) ctx.schoolOf = `@${selected[1]}`;
  }
  return ctx;
}

/** Roster names a context or a line's slots mention (used to build one roster for the whole set). */
export function namesIn(line: DevLine): string[] {
  const s = line.slots;
  const fromSlots = [...((s.names as string[] | undefined) ?? []), s.name, s.from, s.to, s.mention].filter((n): n is string => typeof n === 'string');
  const c = line.context;
  const fromContext = [
    ...c.matchAll(new RegExp(`(${NAME})(?=\\s*(?:\\(|marked|unmarked|selected|not checked|handed|has pending|bound|on the|already|of the same|is a |is in|teaches|→|and |,|mentioned|walked))`, 'g')),
    ...c.matchAll(new RegExp(`(?:from|and|→|sender is|, ) ?(${NAME})`, 'g')),
  ].map((m) => m[1]!);
  return [...fromSlots, ...fromContext].filter((n) => !/小学|中学|学校|班|培训|项目|课|报告|设计|反思/.test(n));
}

export { HALF };
