// The zod schema of a branch calendar, for what comes from outside (API, database); the arithmetic and
// the type itself are in domain/business-time.ts, which stays free of zod for the workflow bundle.
import { z } from 'zod';
import { minutesOf, type Calendar } from './business-time';
import type { SameType } from './same-type';
import { isSupportedTimeZone, TIME_ZONE_MESSAGE, usableTimeZone } from './time-zones';

/** A time-zone name from outside (domain/time-zones.ts has the rule and why): anything else is a 400. */
export const timeZoneSchema = z.string().max(64, TIME_ZONE_MESSAGE).refine(isSupportedTimeZone, TIME_ZONE_MESSAGE);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM');
const intervalSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((i) => minutesOf(i.start) < minutesOf(i.end), 'an interval must end after it starts');

export const calendarSchema = z.object({
  timeZone: timeZoneSchema,
  /** Keys 0 (Sunday) … 6 (Saturday); a missing or empty day is closed. */
  weekly: z.record(z.string().regex(/^[0-6]$/), z.array(intervalSchema)),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
// The schema must produce exactly the hand-written type (a mismatch fails the type check here).
export const calendarSchemaMatchesType: SameType<z.infer<typeof calendarSchema>, Calendar> = true;

/** A calendar as stored: the same checks, but a time zone saved before today's rule is made usable
 * (usableTimeZone) rather than refused, so reading a branch — and starting its tickets — never throws. */
export const storedCalendarSchema = calendarSchema.extend({ timeZone: z.string().transform(usableTimeZone) });
