// Which time-zone names Closeloop accepts (branch calendars, report queries), and what a stored name
// that no longer passes becomes. zod-free, like the business-time arithmetic it serves.
//
// The rule: "UTC", or an Area/Location name of the tz database (Europe/Berlin, America/Argentina/Salta,
// Etc/GMT+1, and its backward links such as US/Eastern or Asia/Calcutta) that Intl.DateTimeFormat
// accepts. The names are domain/tz-names.ts, generated from the system's tzdata — the copy Postgres
// reads, since it runs the reports with AT TIME ZONE — so the OpenAPI document can list every accepted
// name, aliases included (schemathesis ST202, issue 18). Not Intl.supportedValuesOf('timeZone'): that
// list holds only ICU's canonical spelling, which differs between Node versions (Asia/Calcutta vs
// Asia/Kolkata, Europe/Kiev vs Europe/Kyiv), so a name the admin's browser offers would be refused. Not
// everything Intl accepts either, because ICU keeps names the tz database does not know (the
// schemathesis finding: a 500): Java's three-letter ids ("AET", "IST", "PST"), SystemV/*, and links
// dropped from tzdata (US/Pacific-New, Canada/East-Saskatchewan). Single-word legacy names ("CET",
// "EST5EDT", "Japan") go too: Postgres reads several of them as fixed-offset abbreviations ("CET", "PST"
// without summer time) while Intl applies the zone's rules, so reports and SLA clocks would disagree.
// A refused name is a 400 naming the field; the admin picks the Area/Location name.
import { TZ_AREA_LOCATION_NAMES } from './tz-names';

const TZ_NAMES = new Set(TZ_AREA_LOCATION_NAMES);

const intlZone = (tz: string): string | null => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};

/** Whether a time-zone name is accepted from outside (see the rule above). */
export function isSupportedTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  return TZ_NAMES.has(tz) && intlZone(tz) !== null;
}

/** Every accepted name, UTC first: the OpenAPI document's TimeZone enum. A tzdata name this Node's ICU
 * does not know (ICU older than the system's tzdata) is refused, so it is left out too. */
export const acceptedTimeZones = (): string[] => ['UTC', ...TZ_AREA_LOCATION_NAMES.filter((tz) => intlZone(tz) !== null)];

/**
 * A stored name made safe to compute with (the safe fallback for rows saved before the rule above):
 * a supported name as it is; a name Intl still knows as its canonical zone ("AET" → "Australia/Sydney",
 * "Japan" → "Asia/Tokyo"), which is the same clock; anything else UTC, so no read, report or ticket
 * workflow throws on it.
 */
export function usableTimeZone(tz: string): string {
  if (isSupportedTimeZone(tz)) return tz;
  const canonical = intlZone(tz);
  return canonical !== null && isSupportedTimeZone(canonical) ? canonical : 'UTC';
}

export const TIME_ZONE_MESSAGE = 'unknown time zone: use UTC or an IANA Area/Location name such as Europe/Berlin';
