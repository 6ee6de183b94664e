// Exactly-once delivery bookkeeping shared by every outgoing message: a row per idempotency key is
// claimed before sending and marked sent after, so retries and replays never send twice.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';

export async function sendOnce(db: Db, key: string, meta: { ticketNumber: number; channel: string; target: string; payload?: unknown }, send: () => Promise<void>): Promise<boolean> {
  await db.insert(notifications).values({ key, ticketNumber: meta.ticketNumber, channel: meta.channel, target: meta.target, status: 'sending', payload: meta.payload ?? null }).onConflictDoNothing();
  const [row] = await db.select().from(notifications).where(eq(notifications.key, key));
  if (row.status === 'sent') return false;
  await send();
  await db.update(notifications).set({ status: 'sent', sentAt: new Date() }).where(and(eq(notifications.key, key), eq(notifications.status, 'sending')));
  return true;
}
