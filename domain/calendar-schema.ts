// The zod schema of a branch calendar, for what comes from outside (API, database); the arithmetic and
// the type itself are in domain/business-time.ts, which stays free of zod for the workflow bundle.
import { z } from 'zod';
import { minutesOf, type Calendar } from './business-time';
import type { SameType } from './same-type';
import { calendarDate, CALENDAR_DATE } from './ids';
import { acceptedTimeZones, isSupportedTimeZone, TIME_ZONE_MESSAGE, usableTimeZone } from './time-zones';
import { TZDATA_VERSION } from './tz-names';

/** The names the OpenAPI document lists: exactly those isSupportedTimeZone accepts — UTC and the tz
 * database's Area/Location names, backward links included, that this Node's Intl knows. */
export const DOCUMENTED_TIME_ZONES: readonly string[] = acceptedTimeZones();

/** A time-zone name from outside (domain/time-zones.ts has the rule and why): anything else is a 400.
 * The OpenAPI document lists the names as an enum, so a generator reading it (schemathesis) sends only
 * names the server takes. */
export const timeZoneSchema = z
  .string()
  .max(64, TIME_ZONE_MESSAGE)
  .refine(isSupportedTimeZone, TIME_ZONE_MESSAGE)
  .meta({
    id: 'TimeZone',
    description: `UTC or an IANA Area/Location name of the tz database (tzdata ${TZDATA_VERSION}), its older aliases such as US/Eastern or Asia/Calcutta included (kept as sent)`,
    enum: [...DOCUMENTED_TIME_ZONES],
  });

const WEEKDAY = /^[0-6]$/;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM');
const intervalSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((i) => minutesOf(i.start) < minutesOf(i.end), 'an interval must end after it starts');

export const calendarSchema = z.object({
  timeZone: timeZoneSchema,
  /** Keys 0 (Sunday) … 6 (Saturday); a missing or empty day is closed. */
  // zod-to-openapi drops a record's key schema: propertyNames carries the same regex to the document.
  weekly: z.record(z.string().regex(WEEKDAY), z.array(intervalSchema)).meta({ propertyNames: { type: 'string', pattern: WEEKDAY.source } }),
  holidays: z.array(calendarDate()).default([]),
});
// The schema must produce exactly the hand-written type (a mismatch fails the type check here).
export const calendarSchemaMatchesType: SameType<z.infer<typeof calendarSchema>, Calendar> = true;

/** A calendar as stored: the same checks, but what was saved before today's rules is made usable rather
 * than refused, so reading a branch — and starting its tickets — never throws: a time zone through
 * usableTimeZone, and a holiday that is no day 1970–9999 (`2026-02-30`, once accepted) dropped. */
export const storedCalendarSchema = calendarSchema.extend({
  timeZone: z.string().transform(usableTimeZone),
  holidays: z
    .array(z.string())
    .default([])
    .transform((days) => days.filter((d) => CALENDAR_DATE.test(d))),
});
