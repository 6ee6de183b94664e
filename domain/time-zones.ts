// Which time-zone names Closeloop accepts (branch calendars, report queries), and what a stored name
// that no longer passes becomes. zod-free: the workflow bundle's business-time arithmetic imports it.
//
// The rule: "UTC", or an IANA Area/Location name (Europe/Berlin, America/Argentina/Salta, Etc/GMT+1,
// and the tz database's backward links such as US/Eastern or Asia/Calcutta) that Intl.DateTimeFormat
// accepts. Not Intl.supportedValuesOf('timeZone') alone: that list holds only ICU's canonical spelling,
// which differs between Node versions (Asia/Calcutta vs Asia/Kolkata, Europe/Kiev vs Europe/Kyiv), so a
// name the admin's browser offers would be refused. Not everything Intl accepts either, because ICU
// keeps names the tz database — and so Postgres, which runs the reports with AT TIME ZONE — does not
// know (the schemathesis finding: a 500): Java's three-letter ids ("AET", "IST", "PST"), SystemV/*,
// and links dropped from tzdata (US/Pacific-New, Canada/East-Saskatchewan). Single-word legacy names
// ("CET", "EST5EDT", "Japan") go too: Postgres reads several of them as fixed-offset abbreviations
// ("CET", "PST" without summer time) while Intl applies the zone's rules, so reports and SLA clocks
// would disagree. A refused name is a 400 naming the field; the admin picks the Area/Location name.

const REMOVED_FROM_TZDATA = new Set(['US/Pacific-New', 'Canada/East-Saskatchewan']);
const AREA_LOCATION = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/;

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
  if (tz.length > 64 || !AREA_LOCATION.test(tz) || tz.startsWith('SystemV/') || REMOVED_FROM_TZDATA.has(tz)) return false;
  return intlZone(tz) !== null;
}

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
