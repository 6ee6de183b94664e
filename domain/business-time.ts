// Business-time arithmetic over a branch calendar (time zone, weekly hours, holidays). Pure: local
// times are resolved with Intl, so DST changes move the UTC instants of opening hours correctly.
// zod-free, because the ticket workflow imports it: the schema that checks a calendar from outside is
// domain/calendar-schema.ts (it must produce this very type, checked there).

/** A branch's business hours: `weekly` keys 0 (Sunday) … 6 (Saturday) with "HH:MM" intervals; a missing
 * or empty day is closed. `holidays` are local dates (YYYY-MM-DD). */
export interface Calendar {
  timeZone: string;
  weekly: Record<string, Array<{ start: string; end: string }>>;
  holidays: string[];
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 3 * 366; // a calendar with no open hours must not loop forever

export function minutesOf(t: string): number {
  const [h, m] = t.split(':').map(Number);
  return h * 60 + m;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** A zone Intl does not know (a calendar saved under an older ICU, carried in a ticket's workflow input)
 * counts as UTC: a RangeError here would fail the ticket's workflow task on every retry. Only a name
 * that threw before behaves differently, so no recorded history changes (no patch needed). */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      if (tz === 'UTC') throw new Error('Intl without UTC');
      f = formatter('UTC');
    }
    formatters.set(tz, f);
  }
  return f;
}

interface LocalDate {
  y: number;
  m: number; // 1–12
  d: number;
}

function localParts(ms: number, tz: string) {
  const parts = Object.fromEntries(formatter(tz).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { y: +parts.year, m: +parts.month, d: +parts.day, h: +parts.hour, min: +parts.minute, s: +parts.second };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time; a time skipped by DST resolves forward. */
export function zonedTimeToUtc(date: LocalDate, minutes: number, tz: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * 60_000;
  let guess = wall - offsetAt(wall, tz);
  guess = wall - offsetAt(guess, tz);
  return guess;
}

const dateKey = (d: LocalDate) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
const nextDate = (d: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d) + DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const weekday = (d: LocalDate) => new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();

/** Open intervals of one local day as UTC instants, in order. */
function openIntervals(cal: Calendar, date: LocalDate): Array<[number, number]> {
  if (cal.holidays.includes(dateKey(date))) return [];
  const hours = cal.weekly[String(weekday(date))] ?? [];
  return [...hours]
    .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
    .map((i) => [zonedTimeToUtc(date, minutesOf(i.start), cal.timeZone), zonedTimeToUtc(date, minutesOf(i.end), cal.timeZone)] as [number, number]);
}

function hasOpenHours(cal: Calendar): boolean {
  return Object.values(cal.weekly).some((day) => day.length > 0);
}

/** The instant `durationMs` of business time after `start` (plain addition without a calendar). */
export function addBusinessTime(start: number, durationMs: number, cal: Calendar | null): number {
  if (!cal || !hasOpenHours(cal)) return start + durationMs;
  let remaining = durationMs;
  let cursor = start;
  const p = localParts(start, cal.timeZone);
  let date: LocalDate = { y: p.y, m: p.m, d: p.d };
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [open, close] of openIntervals(cal, date)) {
      if (cursor >= close) continue;
      const from = Math.max(cursor, open);
      if (remaining <= close - from) return from + remaining;
      remaining -= close - from;
      cursor = close;
    }
  }
  return start + durationMs; // only reached when every day is a holiday
}

/** Business time between two instants (0 if `to` ≤ `from`). */
export function businessTimeBetween(from: number, to: number, cal: Calendar | null): number {
  if (to <= from) return 0;
  if (!cal || !hasOpenHours(cal)) return to - from;
  let total = 0;
  const p = localParts(from, cal.timeZone);
  let date: LocalDate = { y: p.y, m: p.m, d: p.d };
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    for (const [open, close] of openIntervals(cal, date)) {
      if (open >= to) return total;
      const s = Math.max(open, from);
      const e = Math.min(close, to);
      if (e > s) total += e - s;
    }
  }
  return total;
}
