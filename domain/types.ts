// Shared vocabulary: one name for one thing across workflows, activities, API and web.
import { z } from 'zod';
import { safeText } from './text';

export const CHANNELS = ['kiosk', 'qr', 'web', 'app', 'sms', 'email', 'google'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const CAPTURE_TYPES = ['smile', 'star', 'nps'] as const;
export const captureTypeSchema = z.enum(CAPTURE_TYPES);
export type CaptureType = z.infer<typeof captureTypeSchema>;

/** Smile taps are scored 0 = negative, 1 = neutral, 2 = positive. */
export const SMILE_SCORES = { negative: 0, neutral: 1, positive: 2 } as const;

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const TICKET_STATUSES = [
  'new',
  'in_progress',
  'pending_customer',
  'escalated',
  'resolved',
  'reopened',
  'closed',
] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const TICKET_KINDS = ['recovery', 'improvement', 'advocacy'] as const;
export const ticketKindSchema = z.enum(TICKET_KINDS);
export type TicketKind = z.infer<typeof ticketKindSchema>;

export const ROLES = ['agent', 'manager', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const contactSchema = z
  .object({
    name: safeText().trim().max(200).optional(),
    email: z.string().trim().email().max(320).optional(),
    phone: safeText().trim().max(40).optional(),
    address: safeText().trim().max(500).optional(), // postal address; redacted before any text leaves for AI
  })
  .strict();
export type Contact = z.infer<typeof contactSchema>;
