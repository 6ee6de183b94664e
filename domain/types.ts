// Shared vocabulary: one name for one thing across workflows, activities, API and web.
import { z } from 'zod';
import { emailText, safeText } from './text';

import { CAPTURE_TYPES, CHANNELS, PRIORITIES, ROLES, TICKET_KINDS, TICKET_STATUSES } from './vocabulary';

export { CAPTURE_TYPES, CHANNELS, PRIORITIES, ROLES, SMILE_SCORES, TICKET_KINDS, TICKET_STATUSES } from './vocabulary';
export type { CaptureType, Channel, Priority, Role, TicketKind, TicketStatus } from './vocabulary';

export const channelSchema = z.enum(CHANNELS);
export const captureTypeSchema = z.enum(CAPTURE_TYPES);
export const prioritySchema = z.enum(PRIORITIES);
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const ticketKindSchema = z.enum(TICKET_KINDS);
export const roleSchema = z.enum(ROLES);

export const contactSchema = z
  .object({
    name: safeText().trim().max(200).optional(),
    email: emailText().max(320).optional(),
    phone: safeText().trim().max(40).optional(),
    address: safeText().trim().max(500).optional(), // postal address; redacted before any text leaves for AI
  })
  .strict();
export type Contact = z.infer<typeof contactSchema>;
