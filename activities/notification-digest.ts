// The daily digest, I/O half: for each user who chose one and whose hour has come (in their branch's
// time zone), claim the day (a unique key per user and day: never twice), gather their unread
// notifications since the last digest and their open tickets at SLA risk, and mail them; nothing when
// there is nothing to say. Started hourly by the notification-digest schedule.
import { branchTimeZones } from '../db/agent-notifications';
import type { Db } from '../db/client';
import { claimDigest, completeDigest, digestSubscribers, lastDigestSentAt, releaseDigest, unreadSince } from '../db/notification-digests';
import { slaRiskTickets } from '../db/ticket-list';
import { digestDueDay, digestMail, digestTimeZone } from '../domain/notification-digest';
import { log } from '../platform/logger';
import { notificationDigests } from '../platform/metrics';
import type { Mailer } from './mailer';

/** Same horizon as the dashboard's "at risk" panel (api/routes/dashboards.ts). */
const RISK_HORIZON_MS = 2 * 3_600_000;
const MAX_LISTED = 100;
const DAY_MS = 86_400_000;

export interface DigestRunResult {
  sent: number;
  empty: number;
  failed: number;
}

export function createNotificationDigestActivities(deps: { db: Db; mailer: Mailer; publicUrl: string; mailDomain: string }) {
  const { db } = deps;
  return {
    /** Sends the digests due at `now` (the workflow's clock, epoch ms); a failed mail gives its day back and fails the run, so it is retried. */
    async sendDueDigests(now: number): Promise<DigestRunResult> {
      const result: DigestRunResult = { sent: 0, empty: 0, failed: 0 };
      const [subscribers, zones] = await Promise.all([digestSubscribers(db), branchTimeZones(db)]);
      for (const user of subscribers) {
        const day = digestDueDay(user.digestHour, digestTimeZone(user.branches, zones), now);
        if (!day || !(await claimDigest(db, user.id, day, new Date(now)))) continue;
        try {
          const since = (await lastDigestSentAt(db, user.id)) ?? new Date(now - DAY_MS);
          const [unread, risk] = await Promise.all([unreadSince(db, user.id, since, MAX_LISTED), slaRiskTickets(db, user, now, { horizonMs: RISK_HORIZON_MS, limit: MAX_LISTED })]);
          const mail = digestMail({ name: user.name, day, unread, atRisk: risk.items, atRiskTotal: risk.total, publicUrl: deps.publicUrl });
          if (!mail) {
            await completeDigest(db, user.id, day, { sentAt: null, unreadCount: 0, atRiskCount: 0 });
            result.empty++;
            continue;
          }
          await deps.mailer.sendMail({ to: user.email, subject: mail.subject, text: mail.text, messageId: `<digest-${user.id}-${day}@${deps.mailDomain}>` });
          await completeDigest(db, user.id, day, { sentAt: new Date(), unreadCount: unread.length, atRiskCount: risk.total });
          result.sent++;
        } catch (err) {
          await releaseDigest(db, user.id, day);
          log('notifications').warn({ userId: user.id, day, err }, 'digest not sent');
          result.failed++;
        }
      }
      for (const outcome of ['sent', 'empty', 'failed'] as const) if (result[outcome]) notificationDigests.inc({ outcome }, result[outcome]);
      if (result.failed) throw new Error(`${result.failed} digest(s) not sent`);
      return result;
    },
  };
}
export type NotificationDigestActivities = ReturnType<typeof createNotificationDigestActivities>;
