// The projection's notification hook: turns a ticket's new timeline events into agents' notifications
// (domain/notifications.ts) inside the projection's transaction — once per (event, user) by a unique
// key, so a retried projection adds none — says what to announce on the live channel (the projection
// sends it with the ticket's change, in one NOTIFY), and after the commit e-mails those whose recipient asked for e-mail. Never to deactivated or unavailable users: their
// ticket news goes to a colleague who stands in (domain/notification-handoff.ts), saying for whom.
import { createHash } from 'node:crypto';
import { insertNotifications, markEmailed, mentionDirectory, notificationPeople, standInPool } from '../db/agent-notifications';
import type { Db } from '../db/client';
import { HANDED_ON_KINDS, isReachable, routeNotifications } from '../domain/notification-handoff';
import { emailedByEscalationNotice, handleOf, notificationIntents } from '../domain/notifications';
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import type { NotificationSignal } from '../domain/live';
import type { Mailer } from './mailer';
import { log, safeError } from '../platform/logger';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'execute'>;

/** What to e-mail once the transaction committed. */
export interface PendingMail {
  id: string;
  to: string;
  title: string;
  ticketNumber: number | null;
}

const mentionsSomeone = (e: TimelineEvent) => e.type === 'comment' && typeof e.data?.body === 'string' && e.data.body.includes('@');
const idOf = (sourceKey: string, userId: string) => `ntf_${createHash('sha256').update(`${sourceKey}|${userId}`).digest('hex').slice(0, 24)}`;

/** The new notifications: what to e-mail after the commit, and what to announce on the live channel. */
export interface RecordedNotifications {
  mail: PendingMail[];
  live: NotificationSignal[];
}

const NONE: RecordedNotifications = { mail: [], live: [] };

export async function recordAgentNotifications(tx: Tx, view: TicketView, events: TimelineEvent[]): Promise<RecordedNotifications> {
  if (!events.length) return NONE;
  const directory = events.some(mentionsSomeone) ? await mentionDirectory(tx) : [];
  const intents = notificationIntents(view, events, new Map(directory.map((u) => [handleOf(u.email), u.id])));
  if (!intents.length) return NONE;
  const people = new Map((await notificationPeople(tx, [...new Set(intents.map((i) => i.userId))])).map((u) => [u.id, u]));
  // Stand-ins are looked up only when someone cannot be reached.
  const handOn = intents.some((i) => HANDED_ON_KINDS.has(i.kind) && people.has(i.userId) && !isReachable(people.get(i.userId)!));
  const pool = handOn ? await standInPool(tx) : [];
  for (const p of pool) people.set(p.id, p);
  const now = new Date();
  const noticed = emailedByEscalationNotice(events);
  const wanted = routeNotifications(intents, view.branch, people, pool).flatMap((d) => {
    const person = people.get(d.userId);
    const choice = person?.preferences[d.kind];
    if (!person || !choice || (!choice.inApp && !choice.email)) return [];
    // E-mail only: kept (once-only, and listed) but already read, so the bell stays quiet.
    const row = { id: idOf(d.sourceKey, d.userId), userId: d.userId, kind: d.kind, sourceKey: d.sourceKey, ticketNumber: d.ticketNumber, title: d.title, createdAt: now, readAt: choice.inApp ? null : now, onBehalfOf: d.onBehalfOf?.id ?? null };
    const mailed = d.kind === 'escalated' && noticed.has(d.userId);
    return [{ row, email: choice.email && !mailed ? person.email : null }];
  });
  const inserted = await insertNotifications(tx, wanted.map((w) => w.row));
  const fresh = new Set(inserted.map((n) => n.id));
  return {
    mail: wanted.flatMap((w) => (w.email && fresh.has(w.row.id) ? [{ id: w.row.id, to: w.email, title: w.row.title, ticketNumber: w.row.ticketNumber }] : [])),
    live: inserted.map((n) => ({ type: 'notification' as const, userId: n.userId, notificationId: n.id })),
  };
}

/**
 * Best effort after the commit: a failed send is logged (without the address) and not retried, since
 * a retried projection would not find the notification new again; the bell still shows it.
 */
export async function sendNotificationMails(db: Db, mail: { mailer: Mailer; publicUrl: string; mailDomain: string }, pending: PendingMail[]): Promise<void> {
  for (const p of pending) {
    const link = p.ticketNumber === null ? mail.publicUrl : `${mail.publicUrl}/tickets/${p.ticketNumber}`;
    try {
      await mail.mailer.sendMail({
        to: p.to,
        subject: `[Closeloop] ${p.title}`,
        text: `${p.title}\n\n${link}\n\nYou get this because of your notification settings: ${mail.publicUrl}/account`,
        messageId: `<${p.id}@${mail.mailDomain}>`,
      });
      await markEmailed(db, p.id, new Date());
    } catch (e) {
      log('notifications').warn({ notificationId: p.id, error: safeError(e) }, 'notification not e-mailed');
    }
  }
}
