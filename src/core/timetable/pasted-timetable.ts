// A timetable as training centres paste it: several lines — a header (the class or the title), the
// date range, one line per half-day with its title, speaker and venue, 「每节3学时」 said once for all
// slots, and closing lines (「请各位学员准时参加」). Read into the one-line form the phrase parser takes.

/** 「每节3学时」「每半天3学时」「各3学时」「均为3学时」: hours stated once for every slot. */
const HOURS_FOR_ALL = /(?:每节课?|每个?半天|每场|每次课?|每个?时段|各|均为?|都是)\s*[:：]?\s*(?:计|为|算)?\s*(\d+(?:\.\d+)?)\s*个?学时/;
export const CLOCK_RANGE = /(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?::|点|时)[^\n]*?(?:-{1,2}|–|—{1,2}|~|～|至|到)\s*(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?::|点|时)/;
const DATE = /\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{4}[-./]\d{1,2}[-./]\d{1,2}/;

const FIELD_LINE = /^(?:培训|上课|报到)?(?:地点|地址|场地)\s*[:：]\s*(.+)$|^(?:主讲|授课)(?:专家|人|教师|老师)?\s*[:：]\s*(.+)$/;

/** The hours said once for all slots, and the text without them. */
export function hoursForAll(text: string): { hours?: number; text: string } {
  const m = HOURS_FOR_ALL.exec(text);
  return m ? { hours: Number(m[1]), text: text.replace(m[0], ' ') } : { text };
}

/**
 * The parts of a pasted timetable that matter: the first dated line (from its first date on) and
 * the slot lines, each with its title moved after its clocks and brackets and commas as spaces so
 * 主讲 and 地点 read as fields. Header, closing and weekend lines are left out (weekends and
 * 「每节3学时」 are read from the whole text). Null for a single line.
 */
export function pastedParts(input: string): { dates: string | null; slots: string; venue?: string; lecturers?: string } | null {
  const lines = input.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length <= 1) return null;
  let dates: string | null = null;
  let venue: string | undefined;
  let lecturers: string | undefined;
  const slots: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/(上午|下午|晚上|早上|中午)\s*[:：]\s*(?=\d)/g, '$1');
    const clock = CLOCK_RANGE.exec(line);
    if (clock) {
      const before = line.slice(0, clock.index).replace(/[:：]\s*$/, '');
      const slot = `${line.slice(clock.index)} ${before}`.replace(/[()（）【】[\]，,;；]/g, ' ');
      // A colon not between digits separates a field from its value (「主讲：张教授」).
      slots.push(slot.replace(/(\D)[:：]/g, '$1 ').replace(/\s+/g, ' ').trim());
      continue;
    }
    // 「培训地点：…」「主讲：14日覃海燕 15日蒙志强」 on a line of their own hold for every slot (or the days they name).
    const field = FIELD_LINE.exec(line);
    if (field?.[1]) venue ??= field[1].trim();
    else if (field?.[2]) lecturers ??= field[2].trim();
    const date = DATE.exec(line);
    if (date && dates === null && !field) dates = line.slice(date.index);
  }
  return { dates, slots: slots.join('，'), venue, lecturers };
}

/** An activity, not a person, named where a lecturer would be (「16-17日跟岗研修」). */
const ACTIVITY = /(?:研修|研讨|讲座|考察|观摩|实践|活动|交流|总结|结业|考核|自学|培训|课)$/;

export interface DayNote {
  /** Days of the month, first and last. */
  first: number;
  last: number;
  lecturer?: string;
  title?: string;
}

/** 「14日覃海燕 15日蒙志强 16-17日跟岗研修」: who teaches (or what happens) on which days; [] when no day is named. */
export function dayNotes(text: string): DayNote[] {
  const notes: DayNote[] = [];
  for (const m of text.matchAll(/(\d{1,2})\s*(?:[日号])?\s*(?:-|~|～|至|到|—)?\s*(\d{1,2})?\s*[日号]\s*[:：]?\s*([^\s,，;；、]+)/g)) {
    const first = Number(m[1]);
    const value = m[3]!;
    notes.push({ first, last: m[2] ? Number(m[2]) : first, ...(ACTIVITY.test(value) ? { title: value } : { lecturer: value }) });
  }
  return notes;
}
