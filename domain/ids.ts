// Integers that reach a Postgres `integer` (int4) column — ticket numbers, dev-mailbox ids, escalation
// levels, positions — checked at the edge with one schema, so a value beyond the column's range is a 400
// naming the field instead of a failed query (a 500) or a projection the database refuses (issue 18).
// Every such field in a path, a query or a JSON body uses these helpers; none spells the bound again.
// (No id column is bigint; the text ids — users, rules, macros, views, webhooks, tokens, points,
// notifications — are random strings and need no range.)
import { z } from 'zod';

/** The largest value of a Postgres `integer` column. */
export const INT4_MAX = 2_147_483_647;

const bounds = (min: number, max: number) => ({ min, max, message: `must be a whole number from ${min} to ${max}` });

/** A whole number in a JSON body that a Postgres integer column holds; ids (the default) start at 1. */
export function pgInt(opts: { min?: number; max?: number } = {}) {
  const { min, max, message } = bounds(opts.min ?? 1, opts.max ?? INT4_MAX);
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** The same in a path or query parameter (text coerced to a number, as the OpenAPI document says). */
export function pgIntParam(opts: { min?: number; max?: number } = {}) {
  const { min, max, message } = bounds(opts.min ?? 1, opts.max ?? INT4_MAX);
  // An empty parameter (`?escalationLevel=`) is no number: coerced it would read as 0 (schemathesis).
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v), z.coerce.number({ error: message }).int(message).min(min, message).max(max, message));
}

/** Whether a whole number fits a Postgres integer id (for ids parsed out of a longer text, e.g. `ticket-12`). */
export const isPgIntId = (n: number) => Number.isInteger(n) && n >= 1 && n <= INT4_MAX;

// A day that exists, from 1970 to 9999: month lengths and leap years spelt out, so the OpenAPI document
// carries the whole rule as its pattern and a generator (schemathesis) never builds "0000-00-00" or
// "2026-02-30" (which Date.parse rolls over into March).
const YEAR = '(?:19[7-9]\\d|[2-9]\\d{3})';
const LEAP_YEAR = '(?:19(?:7[26]|8[048]|9[26])|[2-9]\\d(?:0[48]|[2468][048]|[13579][26])|[2468][048]00|[3579][26]00)';
const MONTH_DAY = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const DAY = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
export const CALENDAR_DATE = new RegExp(`^${DAY}$`);

/** A calendar date (YYYY-MM-DD) that exists, 1970–9999; anything else is a 400 naming the field. */
export const calendarDate = () => z.string().regex(CALENDAR_DATE, 'a date that exists, YYYY-MM-DD, between 1970 and 9999').meta({ format: 'date' });

/** An ISO instant from outside (with its offset) that a Postgres timestamp holds the same: from 1970 to
 * the year 9999. Postgres has no year 0 ("0000-01-01T00:00:00Z" was a 500 in the rule simulation, and
 * feedback dated so was lost at its intake); earlier dates are no customer's answer either. One pattern —
 * a day that exists, 1970–9999, then zod's ISO time with seconds and an offset — so the OpenAPI document
 * carries the years too (a generator built year 0001 from `format: date-time` alone: ST202). Only an
 * offset across the first or last day (1970-01-01T00:30+01:00) is left to the refine. */
export const INSTANT = new RegExp(`^${DAY}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`);
export const pgInstant = () =>
  z
    .string()
    .regex(INSTANT, 'an ISO time with its offset (e.g. 2026-03-01T09:30:00Z), between 1970 and 9999')
    .refine((s) => {
      const ms = Date.parse(s);
      return ms >= 0 && ms < Date.UTC(10_000, 0, 1);
    }, 'must be between 1970 and 9999')
    .meta({ format: 'date-time' });
