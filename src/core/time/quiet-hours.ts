// Quiet hours in China time, e.g. "22:30-06:30": the bot holds messages back until they end.

const DAY = 24 * 60;

/** Parses "HH:MM-HH:MM" (may wrap midnight) into a function giving the ms left to wait at a time; null if malformed. */
export function parseQuietHours(spec: string): ((nowMs: number) => number) | null {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(spec.trim());
  if (!m) return null;
  const [from, to] = [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])];
  if (from >= DAY || to >= DAY || from === to) return null;
  return (nowMs) => {
    const minuteOfDay = ((nowMs + 8 * 3600_000) / 60_000) % DAY;
    const inside = from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
    if (!inside) return 0;
    const untilEnd = (to - minuteOfDay + DAY) % DAY;
    return Math.ceil(untilEnd * 60_000);
  };
}
