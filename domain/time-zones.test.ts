import { describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from './business-time';
import { acceptedTimeZones, isSupportedTimeZone, usableTimeZone } from './time-zones';

describe('time-zone names', () => {
  it('accepts UTC and IANA Area/Location names Intl knows, canonical or linked', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Eastern', 'Etc/GMT+1', 'America/Argentina/Salta', 'America/Port-au-Prince']) expect(isSupportedTimeZone(tz), tz).toBe(true);
  });

  it('refuses ICU-only ids, names dropped from tzdata, single-word legacy names, offsets and unknown zones', () => {
    for (const tz of ['AET', 'PST', 'IST', 'CET', 'EST5EDT', 'Japan', 'GMT', 'SystemV/AST4', 'US/Pacific-New', 'Canada/East-Saskatchewan', '+01:00', 'Mars/Olympus', '', 'Europe/Berlin\u0000', `Europe/${'x'.repeat(80)}`]) {
      expect(isSupportedTimeZone(tz), tz).toBe(false);
    }
  });

  it('lists every accepted name (the OpenAPI enum): the tz database\'s, aliases included, and nothing else', () => {
    const listed = acceptedTimeZones();
    expect(listed[0]).toBe('UTC');
    for (const tz of ['Europe/Berlin', 'Asia/Calcutta', 'US/Eastern', 'Europe/Kiev', 'Etc/GMT+1']) expect(listed, tz).toContain(tz);
    expect(listed.every(isSupportedTimeZone)).toBe(true);
    // Everything Intl lists as canonical and the rule accepts is in the list (a name missing here would be
    // a 200 outside the enum, schemathesis' ST202 the other way round).
    expect(Intl.supportedValuesOf('timeZone').filter((tz) => isSupportedTimeZone(tz) && !listed.includes(tz))).toEqual([]);
    // Intl takes any case; the rule only the tz database's spelling.
    expect(isSupportedTimeZone('europe/berlin')).toBe(false);
  });

  it('makes a stored name usable: itself when supported, else its canonical zone, else UTC', () => {
    expect(usableTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(usableTimeZone('AET')).toBe('Australia/Sydney');
    expect(usableTimeZone('US/Pacific-New')).toBe('America/Los_Angeles');
    expect(usableTimeZone('Japan')).toBe('Asia/Tokyo');
    expect(usableTimeZone('Not/AZone')).toBe('UTC');
  });

  it('business-time arithmetic on a zone Intl does not know counts in UTC instead of throwing', () => {
    expect(zonedTimeToUtc({ y: 2026, m: 6, d: 1 }, 9 * 60, 'Not/AZone')).toBe(Date.UTC(2026, 5, 1, 9));
    expect(zonedTimeToUtc({ y: 2026, m: 6, d: 1 }, 9 * 60, 'Europe/Berlin')).toBe(Date.UTC(2026, 5, 1, 7));
  });
});
