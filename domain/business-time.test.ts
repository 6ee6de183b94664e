import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, zonedTimeToUtc, type Calendar } from './business-time';
import { calendarSchema } from './calendar-schema';

const H = 3_600_000;
const weekdays9to17 = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
const berlin: Calendar = calendarSchema.parse({ timeZone: 'Europe/Berlin', weekly: weekdays9to17, holidays: ['2026-12-25'] });
const utc = (iso: string) => Date.parse(iso);

describe('business time', () => {
  it('is plain addition without a calendar', () => {
    expect(addBusinessTime(utc('2026-03-02T10:00:00Z'), 5 * H, null)).toBe(utc('2026-03-02T15:00:00Z'));
  });

  it('stays inside one day when it fits', () => {
    // Monday 2 March 2026, 10:00 Berlin (CET = UTC+1) + 3 h → 13:00 Berlin.
    expect(addBusinessTime(utc('2026-03-02T09:00:00Z'), 3 * H, berlin)).toBe(utc('2026-03-02T12:00:00Z'));
  });

  it('carries over the night', () => {
    // Monday 15:00 Berlin + 4 h → 2 h Monday, 2 h Tuesday → Tuesday 11:00 Berlin.
    expect(addBusinessTime(utc('2026-03-02T14:00:00Z'), 4 * H, berlin)).toBe(utc('2026-03-03T10:00:00Z'));
  });

  it('starts at opening time when created at night', () => {
    // Monday 22:00 Berlin + 1 h → Tuesday 10:00 Berlin.
    expect(addBusinessTime(utc('2026-03-02T21:00:00Z'), 1 * H, berlin)).toBe(utc('2026-03-03T09:00:00Z'));
  });

  it('skips the weekend', () => {
    // Friday 6 March 16:00 Berlin + 2 h → 1 h Friday, 1 h Monday → Monday 10:00 Berlin.
    expect(addBusinessTime(utc('2026-03-06T15:00:00Z'), 2 * H, berlin)).toBe(utc('2026-03-09T09:00:00Z'));
  });

  it('skips holidays', () => {
    // Thursday 24 Dec 16:00 Berlin + 2 h → 1 h on the 24th; Friday 25th is a holiday, then the
    // weekend → Monday 28th 10:00.
    expect(addBusinessTime(utc('2026-12-24T15:00:00Z'), 2 * H, berlin)).toBe(utc('2026-12-28T09:00:00Z'));
    // Without the holiday it would be Friday 25th 10:00.
    expect(addBusinessTime(utc('2026-12-24T15:00:00Z'), 2 * H, { ...berlin, holidays: [] })).toBe(utc('2026-12-25T09:00:00Z'));
  });

  it('follows the DST change (Berlin moves to UTC+2 on 29 March 2026)', () => {
    // Friday 27 March 16:00 CET (15:00Z) + 2 h → Monday 30 March 10:00 CEST = 08:00Z.
    expect(addBusinessTime(utc('2026-03-27T15:00:00Z'), 2 * H, berlin)).toBe(utc('2026-03-30T08:00:00Z'));
    // and back in autumn: Friday 23 Oct 16:00 CEST (14:00Z) + 2 h → Monday 26 Oct 10:00 CET = 09:00Z.
    expect(addBusinessTime(utc('2026-10-23T14:00:00Z'), 2 * H, berlin)).toBe(utc('2026-10-26T09:00:00Z'));
  });

  it('keeps a day with a DST change at its local hours (24/7 desk in New York)', () => {
    const ny = calendarSchema.parse({ timeZone: 'America/New_York', weekly: Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])) });
    // 8 March 2026 has 23 hours in New York: 24 business hours from midnight end at midnight+1 day+1 h UTC-wise.
    const start = zonedTimeToUtc({ y: 2026, m: 3, d: 8 }, 0, 'America/New_York');
    expect(start).toBe(utc('2026-03-08T05:00:00Z'));
    expect(addBusinessTime(start, 23 * H, ny)).toBe(utc('2026-03-09T04:00:00Z'));
  });

  it('measures business time between instants', () => {
    // Friday 16:00 → Monday 10:00 Berlin = 1 h + 1 h.
    expect(businessTimeBetween(utc('2026-03-06T15:00:00Z'), utc('2026-03-09T09:00:00Z'), berlin)).toBe(2 * H);
    expect(businessTimeBetween(utc('2026-03-09T09:00:00Z'), utc('2026-03-06T15:00:00Z'), berlin)).toBe(0);
  });

  it('handles split shifts', () => {
    const split = calendarSchema.parse({ timeZone: 'UTC', weekly: { '1': [{ start: '13:00', end: '17:00' }, { start: '08:00', end: '12:00' }] } });
    // Monday 11:00 + 2 h → 1 h before lunch, 1 h after → 14:00.
    expect(addBusinessTime(utc('2026-03-02T11:00:00Z'), 2 * H, split)).toBe(utc('2026-03-02T14:00:00Z'));
  });

  it('rejects bad calendars', () => {
    expect(calendarSchema.safeParse({ timeZone: 'Mars/Olympus', weekly: {} }).success).toBe(false);
    expect(calendarSchema.safeParse({ timeZone: 'UTC', weekly: { '1': [{ start: '17:00', end: '09:00' }] } }).success).toBe(false);
  });
});
