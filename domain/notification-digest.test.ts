import { describe, expect, it } from 'vitest';
import { digestDueDay, digestMail, localDayHour, notificationSettingsInputSchema } from './notification-digest';
import { DEFAULT_NOTIFICATION_PREFERENCES } from './notifications';

const at = (iso: string) => Date.parse(iso);

describe('digest timing', () => {
  it('reads the local day and hour in the time zone', () => {
    expect(localDayHour(at('2026-03-01T23:30:00Z'), 'UTC')).toEqual({ day: '2026-03-01', hour: 23 });
    expect(localDayHour(at('2026-03-01T23:30:00Z'), 'Europe/Berlin')).toEqual({ day: '2026-03-02', hour: 0 });
    expect(localDayHour(at('2026-03-01T03:00:00Z'), 'America/New_York')).toEqual({ day: '2026-02-28', hour: 22 });
  });

  it('is off without an hour; due from the chosen local hour on, for that local day', () => {
    expect(digestDueDay(null, 'UTC', at('2026-03-01T12:00:00Z'))).toBeNull();
    expect(digestDueDay(8, 'UTC', at('2026-03-01T07:59:00Z'))).toBeNull();
    expect(digestDueDay(8, 'UTC', at('2026-03-01T08:00:00Z'))).toBe('2026-03-01');
    expect(digestDueDay(8, 'UTC', at('2026-03-01T17:00:00Z'))).toBe('2026-03-01'); // a missed run catches up that day
    expect(digestDueDay(8, 'Europe/Berlin', at('2026-03-01T07:00:00Z'))).toBe('2026-03-01'); // 08:00 in Berlin
    expect(digestDueDay(8, 'Europe/Berlin', at('2026-03-01T06:59:00Z'))).toBeNull();
  });
});

describe('digestMail', () => {
  const base = { name: 'Ava', day: '2026-03-01', publicUrl: 'https://cl.example', unread: [], atRisk: [], atRiskTotal: 0 };
  it('says nothing when there is nothing to say', () => {
    expect(digestMail(base)).toBeNull();
  });

  it('lists unread notifications and tickets at SLA risk, with links', () => {
    const m = digestMail({ ...base, unread: [{ title: '#1001 assigned to you: Cold coffee', ticketNumber: 1001 }], atRisk: [{ number: 1002, title: 'Rude waiter' }], atRiskTotal: 3 })!;
    expect(m.subject).toBe('[Closeloop] Your digest for 2026-03-01: 1 unread, 3 at SLA risk');
    expect(m.text).toContain('- #1001 assigned to you: Cold coffee\n  https://cl.example/tickets/1001');
    expect(m.text).toContain('Your open tickets at SLA risk (3):\n- #1002 Rude waiter\n  https://cl.example/tickets/1002\n- and 2 more');
    expect(digestMail({ ...base, atRisk: [{ number: 1002, title: 'x' }], atRiskTotal: 1 })!.text).not.toContain('Unread notifications');
  });
});

describe('settings input', () => {
  it('takes an hour 0–23 or null, and may leave it out', () => {
    expect(notificationSettingsInputSchema.safeParse(DEFAULT_NOTIFICATION_PREFERENCES).success).toBe(true);
    expect(notificationSettingsInputSchema.safeParse({ ...DEFAULT_NOTIFICATION_PREFERENCES, digestHour: 7 }).success).toBe(true);
    expect(notificationSettingsInputSchema.safeParse({ ...DEFAULT_NOTIFICATION_PREFERENCES, digestHour: null }).success).toBe(true);
    expect(notificationSettingsInputSchema.safeParse({ ...DEFAULT_NOTIFICATION_PREFERENCES, digestHour: 24 }).success).toBe(false);
  });
});
