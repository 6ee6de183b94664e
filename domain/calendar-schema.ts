// The zod schema of a branch calendar, for what comes from outside (API, database); the arithmetic and
// the type itself are in domain/business-time.ts, which stays free of zod for the workflow bundle.
import { z } from 'zod';
import { minutesOf, type Calendar } from './business-time';
import type { SameType } from './same-type';
import { isSupportedTimeZone, TIME_ZONE_MESSAGE, usableTimeZone } from './time-zones';

/** The names the OpenAPI document lists: UTC and every canonical name this Node's Intl knows that the
 * rule accepts. A subset of what is accepted: aliases pass isSupportedTimeZone, but Intl has no list of
 * them. Here, not in time-zones.ts, which the workflow bundle evaluates in every cached workflow. */
export const DOCUMENTED_TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((tz) => tz !== 'UTC' && isSupportedTimeZone(tz))];

/** A time-zone name from outside (domain/time-zones.ts has the rule and why): anything else is a 400.
 * The OpenAPI document lists the names as an enum (DOCUMENTED_TIME_ZONES: what this Node's Intl lists,
 * through the same rule), so a generator reading it (schemathesis) sends names the server takes. */
export const timeZoneSchema = z
  .string()
  .max(64, TIME_ZONE_MESSAGE)
  .refine(isSupportedTimeZone, TIME_ZONE_MESSAGE)
  .meta({
    id: 'TimeZone',
    description: 'UTC or an IANA Area/Location name (the list is the canonical names of this server\'s Intl; the tz database\'s older aliases such as US/Eastern or Asia/Calcutta are accepted too and kept as sent)',
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
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
// The schema must produce exactly the hand-written type (a mismatch fails the type check here).
export const calendarSchemaMatchesType: SameType<z.infer<typeof calendarSchema>, Calendar> = true;

/** A calendar as stored: the same checks, but a time zone saved before today's rule is made usable
 * (usableTimeZone) rather than refused, so reading a branch — and starting its tickets — never throws. */
export const storedCalendarSchema = calendarSchema.extend({ timeZone: z.string().transform(usableTimeZone) });
