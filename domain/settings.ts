// Admin settings with their defaults; stored as JSON per key in the settings table.
import { z } from 'zod';
import { DEFAULT_TICKET_SETTINGS, slaTargetsSchema } from './ticket';

export const ticketSettingsSchema = z.object({
  pauseResolutionWhilePending: z.boolean(),
  followUpDays: z.number().positive().max(365),
  reopenWindowDays: z.number().min(0).max(365),
  csatReminder: z.boolean(),
});

export const SETTINGS = {
  sla: { schema: slaTargetsSchema, default: { firstResponseHours: 4, resolutionHours: 24, nextReplyHours: null } },
  tickets: { schema: ticketSettingsSchema, default: DEFAULT_TICKET_SETTINGS },
  advocacy: {
    schema: z.object({ capPerQuarter: z.number().int().min(0).max(50), reviewUrl: z.string() }),
    default: { capPerQuarter: 1, reviewUrl: 'https://g.page/r/review' },
  },
  /** Sign-in: with SSO configured, passwords can be switched off (never while no admin can sign in by SSO). */
  auth: { schema: z.object({ localPasswords: z.boolean() }), default: { localPasswords: true } },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
