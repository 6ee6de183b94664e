// What an agent is told about, and how (in the app, by e-mail), per their own preference. Pure.
import { UNHAPPY_CSAT_REOPEN } from './csat';
import { z } from 'zod';

export const NOTIFICATION_KINDS = ['assigned', 'customer_replied', 'unhappy_csat', 'sla_warning', 'sla_breached', 'escalated', 'mentioned'] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: 'A ticket is assigned to you',
  customer_replied: 'The customer replied on your ticket',
  unhappy_csat: 'An unhappy CSAT answer on your ticket',
  sla_warning: 'SLA warning on your ticket',
  sla_breached: 'SLA breach on your ticket',
  escalated: 'A ticket is escalated to you',
  mentioned: 'You are @mentioned in an internal note',
};

export const channelChoiceSchema = z.object({ inApp: z.boolean(), email: z.boolean() });
export type ChannelChoice = z.infer<typeof channelChoiceSchema>;
export const notificationPreferencesSchema = z
  .object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelChoiceSchema])) as Record<NotificationKind, typeof channelChoiceSchema>)
  .meta({ id: 'NotificationPreferences', description: 'Per kind: shown in the app, sent by e-mail' });
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** Everything in the app; e-mail for what cannot wait (assignment, escalation, breach, unhappy CSAT). */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  assigned: { inApp: true, email: true },
  customer_replied: { inApp: true, email: false },
  unhappy_csat: { inApp: true, email: false }, // the ticket's own reopen notice already mails the assignee
  sla_warning: { inApp: true, email: false },
  sla_breached: { inApp: true, email: true },
  escalated: { inApp: true, email: true },
  mentioned: { inApp: true, email: true },
};

/** CSAT answers at or below this (of 5) are unhappy: the same line that reopens a ticket (workflows/ticket-csat.ts). */

/** Who is told what about one timeline event; the source key makes it once-only per user. */
export interface NotificationIntent {
  userId: string;
  kind: NotificationKind;
  sourceKey: string;
  ticketNumber: number;
  title: string;
  /** Who caused it: never told of it, not even when standing in for someone (domain/notification-handoff.ts). */
  actorId: string;
}

interface TicketFacts {
  number: number;
  title: string;
  assigneeId: string | null;
}
interface EventFacts {
  seq: number;
  type: string;
  actor: { id: string };
  to?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** `@ava` or `@ava.smith` in a note: the handle is the part of a colleague's e-mail address before the @. */
export function mentionedHandles(body: string): string[] {
  return [...new Set([...body.matchAll(/(?<![\w@])@([a-z0-9][a-z0-9._+-]*[a-z0-9]|[a-z0-9])/gi)].map((m) => m[1].toLowerCase()))];
}
export const handleOf = (email: string) => email.slice(0, email.lastIndexOf('@')).toLowerCase();

/**
 * Who an escalation notice among these events has already e-mailed (the chain's `notification_sent`,
 * projected with its escalation). Their "escalated" notification stays in the app: one e-mail per
 * escalation, not the notice plus "[Closeloop] #N escalated to you". A notice that failed, or went by
 * Slack, does not count: the notification's own e-mail is then the one they get.
 */
export function emailedByEscalationNotice(events: EventFacts[]): Set<string> {
  const out = new Set<string>();
  for (const e of events) {
    if (e.type !== 'notification_sent' || typeof e.data?.level !== 'number' || !Array.isArray(e.data.recipients)) continue;
    for (const r of e.data.recipients as unknown[]) {
      if (typeof r !== 'object' || r === null) continue;
      const { userId, channel, delivery } = r as Record<string, unknown>;
      if (typeof userId === 'string' && channel === 'email' && delivery !== 'failed') out.add(userId);
    }
  }
  return out;
}

/**
 * What the ticket's new timeline events tell its people: the assignee about their ticket, the new
 * owner about an assignment (not when they took it themselves), whoever a note mentions. `handles`
 * maps mention handles to user ids (the caller knows the directory). Recipients are routed later
 * (domain/notification-handoff.ts: an unreachable one's go to a colleague) and filtered by preference.
 */
export function notificationIntents(ticket: TicketFacts, events: EventFacts[], handles: ReadonlyMap<string, string>): NotificationIntent[] {
  const out: NotificationIntent[] = [];
  const about = (userId: string | null | undefined, kind: NotificationKind, e: EventFacts, what: string) => {
    if (!userId || userId === e.actor.id) return; // nobody is told of what they did themselves
    if (out.some((i) => i.userId === userId && i.kind === kind)) return; // one per kind per batch (an escalation assigns too)
    out.push({ userId, kind, sourceKey: `ticket:${ticket.number}:${e.seq}`, ticketNumber: ticket.number, title: `#${ticket.number} ${what}: ${ticket.title}`, actorId: e.actor.id });
  };
  let assignee = ticket.assigneeId;
  let csatScore: string | null | undefined;
  for (const e of events) {
    if (e.type === 'assigned') {
      assignee = e.to ?? null;
      if (e.reason?.startsWith('escalation')) about(e.to, 'escalated', e, 'escalated to you');
      else about(e.to, 'assigned', e, 'assigned to you');
    } else if (e.type === 'escalated') about(assignee, 'escalated', e, 'escalated');
    else if (e.type === 'email_in') about(assignee, 'customer_replied', e, 'the customer replied');
    else if (e.type === 'csat_answered') csatScore = e.to;
    // An answer may still change within the survey's change window; the ticket acts on an unhappy one
    // only when the window ends, by reopening — that is when the assignee hears of it.
    else if (e.type === 'reopened' && e.reason === UNHAPPY_CSAT_REOPEN) about(assignee, 'unhappy_csat', e, csatScore ? `unhappy CSAT (${csatScore}/5)` : 'unhappy CSAT answer');
    else if (e.type === 'sla_warning') about(assignee, 'sla_warning', e, `SLA warning (${e.to === 'firstResponse' ? 'first response' : 'resolution'})`);
    else if (e.type === 'sla_breached') about(assignee, 'sla_breached', e, `SLA breached (${e.to === 'firstResponse' ? 'first response' : 'resolution'})`);
    else if (e.type === 'comment' && e.data?.visibility === 'internal' && typeof e.data.body === 'string') {
      for (const h of mentionedHandles(e.data.body)) about(handles.get(h), 'mentioned', e, 'you were mentioned in a note');
    }
  }
  return out;
}
