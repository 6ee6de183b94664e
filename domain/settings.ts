// Admin settings with their defaults; stored as JSON per key in the settings table.
import { z } from 'zod';
import { brandingSchema, DEFAULT_BRANDING } from './branding';
import { DEFAULT_TICKET_SETTINGS } from './ticket';
import { slaTargetsSchema } from './ticket-schemas';

export const ticketSettingsSchema = z.object({
  pauseResolutionWhilePending: z.boolean(),
  followUpDays: z.number().positive().max(365),
  reopenWindowDays: z.number().min(0).max(365),
  csatReminder: z.boolean(),
  // Stored values from before the setting existed get the default instead of failing to parse.
  csatChangeMinutes: z.number().int().min(0).max(1440).default(15),
});

export const SETTINGS = {
  sla: { schema: slaTargetsSchema, default: { firstResponseHours: 4, resolutionHours: 24, nextReplyHours: null } },
  tickets: { schema: ticketSettingsSchema, default: DEFAULT_TICKET_SETTINGS },
  advocacy: {
    schema: z.object({ capPerQuarter: z.number().int().min(0).max(50), reviewUrl: z.string() }),
    default: { capPerQuarter: 1, reviewUrl: 'https://g.page/r/review' },
  },
  /** What customers see: display name, accent colour, footer, sender name (the logo is in brand_assets). */
  branding: { schema: brandingSchema, default: DEFAULT_BRANDING },
  /** Sign-in: with SSO configured, passwords can be switched off (never while no admin can sign in by SSO). */
  auth: { schema: z.object({ localPasswords: z.boolean() }), default: { localPasswords: true } },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
