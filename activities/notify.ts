// Escalation and "nobody available" notifications by email or Slack. Each (ticket, level, user) has an
// idempotency key: a retried activity or a replayed workflow never sends the same notification twice.
import { WebClient } from '@slack/web-api';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { TemplateKey, TemplateVars } from '../domain/templates';
import type { EscalationLevel } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import type { Mailer } from './mailer';
import { EMAIL_DELIVERY, SLACK_DELIVERY, sendOnce, type Delivery } from './outbox';
import { renderStoredTemplate } from '../db/templates';
import { activeAdmins } from '../db/webhooks';

export interface NotifyDeps {
  db: Db;
  mailer: Mailer;
  slack: WebClient | null;
  publicUrl: string;
  mailDomain: string; // for stable Message-IDs
}

/** What the timeline records per recipient: a refused or unconfirmed notification is reported, not retried. */
export interface NotifiedRecipient {
  userId: string;
  channel: string;
  target: string;
  delivery: Delivery;
  error?: string;
  /** The level asked for Slack but no SLACK_TOKEN is configured: it went by e-mail instead. */
  fallback?: string;
}

/** What could not be saved: a ticket's timeline from event `seq` on, or a feedback. */
export type SaveFailure = { ticketNumber: number; seq: number; sqlState: string } | { feedbackId: string; sqlState: string };

export const SLACK_FALLBACK = 'Slack asked for, but no Slack token (SLACK_TOKEN) is configured: sent by e-mail instead';

export const notificationKey = (ticket: number, event: string, userId: string) => `t${ticket}:${event}:${userId}`;

export function createSlackClient(token: string | undefined, apiUrl: string | undefined): WebClient | null {
  if (!token) return null;
  // Retries are Temporal's job (with backoff); the client fails fast so an activity attempt is short.
  return new WebClient(token, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 } });
}

export function createNotifyActivities(deps: NotifyDeps) {
  const link = (t: TicketView) => `${deps.publicUrl}/tickets/${t.number}`;
  async function deliver(ticket: TicketView, event: string, recipients: EscalationLevel['users'], template: TemplateKey, vars: TemplateVars) {
    const { subject, text, html } = await renderStoredTemplate(deps.db, template, { ticketNumber: ticket.number, ticketTitle: ticket.title, priority: ticket.priority, ticketUrl: link(ticket), ...vars });
    const ids = recipients.map((r) => r.userId);
    const people = ids.length ? await deps.db.select().from(users).where(inArray(users.id, ids)) : [];
    const sent: NotifiedRecipient[] = [];
    for (const r of recipients) {
      const person = people.find((p) => p.id === r.userId);
      if (!person) continue;
      const key = notificationKey(ticket.number, event, r.userId);
      const channel = r.channel === 'slack' && deps.slack ? 'slack' : 'email';
      const target = channel === 'slack' ? (r.slackTarget ?? person.slackTarget ?? person.email) : person.email;
      const messageId = channel === 'email' ? `<${key}@${deps.mailDomain}>` : undefined;
      const outcome = await sendOnce(
        deps.db,
        key,
        { ticketNumber: ticket.number, channel, target, payload: { subject }, messageId },
        async () => {
          if (messageId) await deps.mailer.sendMail({ to: target, subject, text, html, messageId });
          else await deps.slack!.chat.postMessage({ channel: target, text: `${subject}\n${text}`, unfurl_links: false });
        },
        channel === 'slack' ? SLACK_DELIVERY : EMAIL_DELIVERY,
      );
      const fellBack = r.channel === 'slack' && channel === 'email';
      sent.push({ userId: r.userId, channel, target, delivery: outcome.delivery, ...(outcome.error ? { error: outcome.error } : {}), ...(fellBack ? { fallback: SLACK_FALLBACK } : {}) });
    }
    return sent;
  }

  return {
    async notifyEscalation(ticket: TicketView, level: number, recipients: EscalationLevel['users']) {
      return deliver(ticket, `escalation-L${level}`, recipients, 'escalation_notice', { level });
    },
    async notifyAssignee(ticket: TicketView, reason: string) {
      if (!ticket.assigneeId) return [];
      return deliver(ticket, `reopened-${ticket.reopenCount}`, [{ userId: ticket.assigneeId, channel: 'email' }], 'reopened_notice', { reason });
    },
    async notifyUnassigned(ticket: TicketView, recipients: EscalationLevel['users']) {
      return deliver(ticket, 'unassigned', recipients, 'unassigned_notice', {});
    },
    /** Tells every active admin, once per failure (`key`), that Postgres refused a save (activities/data-errors.ts).
     * Names what and the SQLSTATE only: the refused text may be a customer's. */
    async notifySaveFailure(failure: SaveFailure): Promise<NotifiedRecipient[]> {
      const subjectOf = 'ticketNumber' in failure ? `the timeline of ticket #${failure.ticketNumber}` : `feedback ${failure.feedbackId}`;
      const link = 'ticketNumber' in failure ? `${deps.publicUrl}/tickets/${failure.ticketNumber}` : `${deps.publicUrl}/admin`;
      const mail = await renderStoredTemplate(deps.db, 'save_failed_notice', { what: subjectOf, reason: `SQLSTATE ${failure.sqlState}`, link });
      const base = 'ticketNumber' in failure ? `t${failure.ticketNumber}:save-failed-${failure.seq}` : `fb:${failure.feedbackId}:save-failed`;
      const sent: NotifiedRecipient[] = [];
      for (const admin of await activeAdmins(deps.db)) {
        const key = `${base}:${admin.id}`;
        const outcome = await sendOnce(
          deps.db,
          key,
          { ticketNumber: 'ticketNumber' in failure ? failure.ticketNumber : null, channel: 'email', target: admin.email, payload: { subject: mail.subject } },
          () => deps.mailer.sendMail({ to: admin.email, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<${key.replace(/:/g, '.')}@${deps.mailDomain}>` }).then(() => undefined),
          EMAIL_DELIVERY,
        );
        sent.push({ userId: admin.id, channel: 'email', target: admin.email, delivery: outcome.delivery, ...(outcome.error ? { error: outcome.error } : {}) });
      }
      return sent;
    },
  };
}

export type NotifyActivities = ReturnType<typeof createNotifyActivities>;
