// What the live channel carries (Postgres NOTIFY → every API process → server-sent events) and who may
// receive it. Messages are small on purpose (NOTIFY payloads stop at 8 000 bytes): they say *what*
// changed; clients read the read model for the rest. Pure.
import { z } from 'zod';
import { canSeeTicket, type Viewer } from './ticket-access';
import { prioritySchema, ticketStatusSchema } from './types';

export const LIVE_CHANNEL = 'closeloop_live';

export const ticketChangeSchema = z
  .object({
    type: z.literal('ticket'),
    number: z.number().int(),
    branch: z.string().nullable(),
    assigneeId: z.string().nullable(),
    status: ticketStatusSchema,
    priority: prioritySchema,
    version: z.number().int(),
    /** The last timeline seq this change recorded (null: the state moved without a timeline entry). */
    seq: z.number().int().nullable(),
  })
  .meta({ id: 'LiveTicketChange', description: 'A ticket the receiver may see changed: re-read it (GET /tickets or /tickets/{number})' });

export const notificationSignalSchema = z
  .object({ type: z.literal('notification'), userId: z.string(), notificationId: z.string() })
  .meta({ id: 'LiveNotification', description: 'A notification for the receiver: re-read GET /notifications' });

export const liveMessageSchema = z.discriminatedUnion('type', [ticketChangeSchema, notificationSignalSchema]);
export type TicketChange = z.infer<typeof ticketChangeSchema>;
export type NotificationSignal = z.infer<typeof notificationSignalSchema>;
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** A message as it travels: the message plus the id the database gave it (global, increasing). */
export type LiveEvent = LiveMessage & { id: number };

/** A ticket change goes to whoever may see the ticket; a notification only to its user. */
export function mayReceive(viewer: Viewer, message: LiveMessage): boolean {
  if (message.type === 'notification') return message.userId === viewer.id;
  return canSeeTicket(viewer, message);
}
