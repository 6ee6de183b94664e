// The shared enumerations as plain constants, free of zod so the workflow bundle can use them; their
// zod schemas (and the rest of the shared vocabulary) are in domain/types.ts, which re-exports these.
export const CHANNELS = ['kiosk', 'qr', 'web', 'app', 'sms', 'email', 'google'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CAPTURE_TYPES = ['smile', 'star', 'nps'] as const;
export type CaptureType = (typeof CAPTURE_TYPES)[number];

/** Smile taps are scored 0 = negative, 1 = neutral, 2 = positive. */
export const SMILE_SCORES = { negative: 0, neutral: 1, positive: 2 } as const;

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_STATUSES = ['new', 'in_progress', 'pending_customer', 'escalated', 'resolved', 'reopened', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_KINDS = ['recovery', 'improvement', 'advocacy'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const ROLES = ['agent', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
