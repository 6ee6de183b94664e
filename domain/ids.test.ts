import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALENDAR_DATE, calendarDate, INSTANT, INT4_MAX, isPgIntId, pgInstant, pgInt, pgIntParam } from './ids';

describe('Postgres integer fields', () => {
  it('bodies: whole numbers within int4, from 1 unless told', () => {
    expect(pgInt().safeParse(1).success).toBe(true);
    expect(pgInt().safeParse(INT4_MAX).success).toBe(true);
    for (const v of [0, -1, INT4_MAX + 1, 1.5, 1e20, Number.MAX_SAFE_INTEGER, '1', null]) expect(pgInt().safeParse(v).success, String(v)).toBe(false);
    expect(pgInt({ min: 0 }).safeParse(0).success).toBe(true);
    expect(pgInt().safeParse(INT4_MAX + 1).error?.issues[0].message).toBe(`must be a whole number from 1 to ${INT4_MAX}`);
  });

  it('parameters: text coerced, the same bounds', () => {
    expect(pgIntParam().parse('42')).toBe(42);
    for (const v of ['0', '2147483648', '99999999999999999999', '1.5', 'abc']) expect(pgIntParam().safeParse(v).success, v).toBe(false);
    expect(pgIntParam({ min: 0 }).parse('0')).toBe(0);
  });

  it('ids parsed from text', () => {
    expect(isPgIntId(INT4_MAX)).toBe(true);
    expect(isPgIntId(INT4_MAX + 1)).toBe(false);
    expect(isPgIntId(0)).toBe(false);
  });

  it('instants: 1970 to 9999 with an offset', () => {
    for (const v of ['1970-01-01T00:00:00Z', '2026-11-30T12:00:00+01:00', '9999-12-31T23:59:59Z']) expect(pgInstant().safeParse(v).success, v).toBe(true);
    for (const v of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-14:00', '2026-11-30T12:00:00']) expect(pgInstant().safeParse(v).success, v).toBe(false);
  });

  it('instants: the pattern the document carries is what zod\'s ISO check takes, with years 1970–9999', () => {
    const iso = z.iso.datetime({ offset: true });
    const samples = ['2026-11-30T12:00:00Z', '2026-11-30T12:00:00.123456+05:30', '2024-02-29T00:00:00-00:00', '2026-02-29T00:00:00Z', '2026-11-30T24:00:00Z', '2026-11-30T12:00Z', '2026-11-30t12:00:00z', '2026-11-30T12:00:00+1:00', ' 2026-11-30T12:00:00Z'];
    for (const v of samples) expect(INSTANT.test(v), v).toBe(iso.safeParse(v).success);
    for (const v of ['0001-01-01T00:00:00Z', '1969-06-01T00:00:00Z', '10000-01-01T00:00:00Z']) expect(INSTANT.test(v), v).toBe(false);
  });
});

describe('calendarDate', () => {
  it('takes exactly the days that exist from 1970 to 9999 (every day checked against Date)', () => {
    const schema = calendarDate();
    const wrong: string[] = [];
    for (let t = Date.UTC(1965, 0, 1); t < Date.UTC(10_000, 0, 1); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (CALENDAR_DATE.test(d) !== d >= '1970') wrong.push(d);
    }
    expect(wrong).toEqual([]);
    for (const d of ['0000-00-00', '2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '10000-01-01', '2026-1-01']) expect(schema.safeParse(d).success, d).toBe(false);
    for (const d of ['2024-02-29', '2000-02-29', '2400-02-29', '1970-01-01', '9999-12-31']) expect(schema.safeParse(d).success, d).toBe(true);
  });
});
