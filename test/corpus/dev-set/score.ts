// Scoring as the dev set's README says: intent accuracy, per-intent precision and recall, `none`
// lines that acted, and slot accuracy on lines with the right intent (dates and times normalised,
// names as sets, free text without spaces and punctuation; a slot the handler did not fill is wrong).
import type { PlannedSession } from '../../../src/core/timetable/timetable-phrase.ts';

/** Where a command's arguments keep what a slot names (the commands' own argument names). */
const ALIASES: Record<string, string[]> = {
  names: ['names', 'name', 'who'],
  name: ['name'],
  from: ['from', 'fromName', 'name'],
  to: ['to', 'toName'],
  phone: ['phone', 'toPhone'],
  // A decision's words after the verb that name no one are its remark (decisionArguments' `whole`).
  remark: ['remark', 'note', 'whole'],
  reason: ['reason', 'note', 'whole'],
  school: ['school', 'schoolName', 'qualifier'],
  className: ['className', 'name'],
  session: ['session', 'ref'],
  date: ['date', 'day', 'ref'],
  half: ['half', 'ref'],
  mention: ['mention', 'targets'],
  title: ['title'],
};

const HALF: Record<string, string> = { 上午: '上午', 下午: '下午', 晚上: '晚上', am: '上午', pm: '下午', evening: '晚上', morning: '上午', afternoon: '下午', day: '全天' };
const textOf = (v: unknown): string => String(v).normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

interface LocalDay {
  year: number;
  month: number;
  day: number;
}
const isDay = (v: unknown): v is LocalDay => typeof v === 'object' && v !== null && 'month' in v && 'day' in v;
const dayText = (d: LocalDay) => `${d.month}月${d.day}日`;

/** One argument value in the slots' own notation. */
function notation(slot: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) {
    const local = new Date(value.getTime() + 8 * 3600_000);
    return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  }
  if (isDay(value)) return dayText(value);
  if (typeof value === 'object' && !Array.isArray(value)) {
    const ref = value as { ordinal?: number; day?: LocalDay; half?: string };
    if (slot === 'session' && (ref.ordinal || ref.day)) return ref.ordinal ? `第${ref.ordinal}次课` : `${dayText(ref.day!)}${HALF[ref.half ?? 'day']}`;
    if (slot === 'date' && ref.day) return dayText(ref.day);
    if (slot === 'half' && 'half' in ref) return ref.half === 'am' ? 'morning' : ref.half === 'pm' ? 'afternoon' : ref.half;
    if (slot === 'mention' && 'name' in value) return (value as { name: string }).name;
  }
  if (slot === 'half' && typeof value === 'string') return { 上午: 'morning', 早上: 'morning', 下午: 'afternoon', 晚上: 'evening', 全天: 'day' }[value] ?? value;
  if (slot === 'mention' && Array.isArray(value)) return (value[0] as { name?: string } | undefined)?.name;
  return value;
}

function same(expected: unknown, got: unknown): boolean {
  if (got === undefined) return false;
  if (Array.isArray(expected)) {
    const list = Array.isArray(got) ? got : [got];
    const a = new Set(expected.map(textOf));
    const b = new Set(list.map(textOf));
    return a.size === b.size && [...a].every((x) => b.has(x));
  }
  if (typeof expected === 'number' || typeof expected === 'boolean') return String(expected) === String(got);
  const e = textOf(expected).replace(/^0/, '');
  const g = textOf(Array.isArray(got) ? got.join('') : got).replace(/^0/, '');
  return e === g || (/^\d{1,2}月\d{1,2}日$/.test(String(expected)) && g.startsWith(e) && /^\d{1,2}月\d{1,2}日(?:\d|$)/.test(String(got).replace(/\s/g, '')));
}

/** Intents whose reason or remark the set writes as a summary (「孩子发烧去医院」) of what the user typed. */
const SUMMARISED = new Set(['leave', 'requestMakeup', 'approveLeave', 'rejectLeave', 'correctAttendance']);

/** Characters of `a` found in order in `b`. */
function common(a: string, b: string): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const c of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(c === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return row[b.length]!;
}

/** The user's own words for a summarised reason: most of the summary's characters, in order, and not much more. */
function summarised(expected: unknown, got: unknown): boolean {
  if (typeof expected !== 'string' || typeof got !== 'string') return false;
  const e = textOf(expected);
  const g = textOf(got);
  return e.length > 0 && common(e, g) >= 0.8 * e.length && g.length <= 2 * e.length + 6;
}

/** Whether the arguments carry the slot's value (looked up by the slot's name and its aliases). */
export function slotFilled(slot: string, expected: unknown, args: Record<string, unknown> | undefined, intent = ''): boolean {
  if (!args) return false;
  const free = SUMMARISED.has(intent) && (slot === 'reason' || slot === 'remark');
  for (const key of [slot, ...(ALIASES[slot] ?? [])]) if (key in args && (same(expected, notation(slot, args[key])) || (free && summarised(expected, args[key])))) return true;
  return false;
}

export interface Outcome {
  id: string;
  text: string;
  expected: string;
  got: string;
  acted: boolean;
  slots: { slot: string; ok: boolean }[];
}

export function report(outcomes: Outcome[]): string {
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '—');
  const table = new Map<string, { tp: number; fp: number; fn: number }>();
  const row = (intent: string) => table.get(intent) ?? table.set(intent, { tp: 0, fp: 0, fn: 0 }).get(intent)!;
  for (const o of outcomes) {
    if (o.got === o.expected) row(o.expected).tp++;
    else {
      row(o.expected).fn++;
      row(o.got).fp++;
    }
  }
  const right = outcomes.filter((o) => o.got === o.expected).length;
  const slots = outcomes.filter((o) => o.got === o.expected).flatMap((o) => o.slots);
  const nones = outcomes.filter((o) => o.expected === 'none');
  const acted = nones.filter((o) => o.acted);
  const rows = [...table]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([intent, r]) => `${intent.padEnd(22)} ${String(r.tp + r.fn).padStart(4)}  precision ${pct(r.tp, r.tp + r.fp).padStart(7)}  recall ${pct(r.tp, r.tp + r.fn).padStart(7)}`);
  return [
    `dev set: ${outcomes.length} lines`,
    `intent accuracy ${pct(right, outcomes.length)} (${right}/${outcomes.length})`,
    `slot accuracy   ${pct(slots.filter((s) => s.ok).length, slots.length)} (${slots.filter((s) => s.ok).length}/${slots.length} slots on lines with the right intent)`,
    `none lines that acted: ${acted.length} of ${nones.length}${acted.length ? ` (${acted.map((o) => `${o.id} → ${o.got}`).join(', ')})` : ''}`,
    `${'intent'.padEnd(22)} size`,
    ...rows,
  ].join('\n');
}

/** The misses, one line each, for whoever works on the understanding step. */
export function misses(outcomes: Outcome[]): string {
  return outcomes
    .filter((o) => o.got !== o.expected || o.slots.some((s) => !s.ok))
    .map((o) => `${o.id} ${JSON.stringify(o.text).slice(0, 60)}: ${o.got === o.expected ? `slots wrong: ${o.slots.filter((s) => !s.ok).map((s) => s.slot).join(', ')}` : `expected ${o.expected}, got ${o.got}`}`)
    .join('\n');
}

/**
 * What a leave or 补签 request filed, in the slots' notation: the sessions it was stored against (the
 * command's `ref` is empty when it means the current, next or latest one, and a day without a half
 * means both halves). A leave's day and half (`day` when both halves of one day); a 补签's (or a
 * correction's) one session.
 */
export function storedRequestSlots(intent: string, sessions: Date[]): Record<string, string> {
  if (sessions.length === 0) return {};
  const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
  const day = (d: Date) => `${local(d).getUTCMonth() + 1}月${local(d).getUTCDate()}日`;
  const half = (d: Date) => (local(d).getUTCHours() < 12 ? 'morning' : local(d).getUTCHours() < 18 ? 'afternoon' : 'evening');
  const days = [...new Set(sessions.map(day))];
  const halves = [...new Set(sessions.map(half))];
  if (intent === 'requestMakeup') return sessions.length === 1 ? { session: `${day(sessions[0]!)}${{ morning: '上午', afternoon: '下午', evening: '晚上' }[half(sessions[0]!)]}` } : {};
  if (days.length !== 1) return {};
  return { date: days[0]!, half: halves.length === 1 ? halves[0]! : halves.includes('morning') && halves.includes('afternoon') ? 'day' : '' };
}

/**
 * What the bot read from a timetable message, in the slots' notation: its `setTimetable` arguments
 * are the raw text, so the sessions the preview would create (the sender's waiting draft) are what
 * it understood — the days, the daily slots with their 学时, the weekdays kept, titles, lecturers, venue.
 */
export function timetableSlots(planned: PlannedSession[], className?: string): Record<string, unknown> {
  if (planned.length === 0) return {};
  const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
  const clock = (d: Date) => `${String(local(d).getUTCHours()).padStart(2, '0')}:${String(local(d).getUTCMinutes()).padStart(2, '0')}`;
  const day = (d: Date) => `${local(d).getUTCMonth() + 1}月${local(d).getUTCDate()}日`;
  const span = (p: PlannedSession) => `${clock(p.startsAt)}-${clock(p.endsAt)}`;
  const slots = [...new Set(planned.map(span))].sort();
  const hours = slots.map((s) => planned.find((p) => span(p) === s)!.hours);
  const weekdays = [...new Set(planned.map((p) => local(p.startsAt).getUTCDay() || 7))].sort();
  const first = planned[0]!.startsAt;
  const last = planned.at(-1)!.startsAt;
  const spanned = (last.getTime() - first.getTime()) / 86_400_000 >= 6;
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return {
    className,
    start: day(first),
    end: day(last),
    slots,
    hoursEach: hours.every((h) => h === hours[0]) ? hours[0] : hours,
    // Weekends off and only some weekdays are visible only over a week or more.
    skipWeekends: spanned ? weekdays.every((w) => w < 6) : undefined,
    weekdays: spanned ? weekdays : undefined,
    titles: distinct(planned.map((p) => p.title)),
    speakers: distinct(planned.map((p) => p.lecturer)).map(personal),
    venue: distinct(planned.map((p) => p.place)).join(' ') || undefined,
  };
}

/** A lecturer as the slots name them: the name without 教授/老师 or an affiliation in brackets. */
const personal = (lecturer: string) => lecturer.replace(/[（(][^）)]*[）)]/g, '').replace(/(?:教授|老师|博士|专家|主任|校长)$/, '').trim();
