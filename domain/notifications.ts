// What an agent is told about, and how (in the app, by e-mail), per their own preference. Pure.
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
  unhappy_csat: { inApp: true, email: true },
  sla_warning: { inApp: true, email: false },
  sla_breached: { inApp: true, email: true },
  escalated: { inApp: true, email: true },
  mentioned: { inApp: true, email: true },
};
