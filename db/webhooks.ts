// Webhook subscriptions, the outbox of events to deliver and the delivery log.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { users, webhookDeliveries, webhookEvents, webhookSubscriptions } from './schema';

export type WebhookSubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookEvent = Omit<typeof webhookEvents.$inferInsert, 'subscriptionId' | 'status' | 'attempts'>;

// ---- the outbox ----

/** Queues each event for every subscription (active or paused: a pause never drops anything) that wants
 * its type; an event already queued is left alone. Returns the subscriptions that got any. */
export async function enqueueWebhookEvents(tx: Pick<Db, 'select' | 'insert'>, events: NewWebhookEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const subs = await tx.select({ id: webhookSubscriptions.id, events: webhookSubscriptions.events }).from(webhookSubscriptions);
  const rows = subs.flatMap((s) => events.filter((e) => s.events.includes(e.type)).map((e) => ({ ...e, subscriptionId: s.id })));
  if (!rows.length) return [];
  await tx.insert(webhookEvents).values(rows).onConflictDoNothing();
  return [...new Set(rows.map((r) => r.subscriptionId))];
}

/** Pending events in delivery order: per partition (a ticket) by seq, the partitions waiting longest first.
 * Reads the oldest pending rows only, so a long backlog costs one bounded query per round. */
export async function pendingEvents(db: Pick<Db, 'select'>, subscriptionId: string, maxPartitions: number, perPartition: number): Promise<string[][]> {
  const rows = await db
    .select({ id: webhookEvents.id, partition: webhookEvents.partitionKey, seq: webhookEvents.seq })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.subscriptionId, subscriptionId), eq(webhookEvents.status, 'pending')))
    .orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.partitionKey), asc(webhookEvents.seq))
    .limit(maxPartitions * perPartition * 10);
  const byPartition = new Map<string, Array<{ id: string; seq: number }>>();
  for (const r of rows) {
    if (!byPartition.has(r.partition) && byPartition.size >= maxPartitions) continue;
    byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
  }
  return [...byPartition.values()].map((events) => events.sort((a, b) => a.seq - b.seq).slice(0, perPartition).map((e) => e.id));
}

export async function webhookEvent(db: Pick<Db, 'select'>, subscriptionId: string, id: string): Promise<WebhookEventRow | undefined> {
  const [row] = await db.select().from(webhookEvents).where(and(eq(webhookEvents.subscriptionId, subscriptionId), eq(webhookEvents.id, id)));
  return row;
}

/** Records one attempt in the log and its outcome on the event; returns the attempt's number. */
export async function recordDelivery(db: Db, d: { subscriptionId: string; eventId: string; ok: boolean; responseCode: number | null; latencyMs: number; error: string | null }): Promise<number> {
  return db.transaction(async (tx) => {
    const [e] = await tx
      .update(webhookEvents)
      .set({ attempts: sql`${webhookEvents.attempts} + 1`, ...(d.ok ? { status: 'delivered' as const, deliveredAt: new Date() } : {}) })
      .where(and(eq(webhookEvents.subscriptionId, d.subscriptionId), eq(webhookEvents.id, d.eventId)))
      .returning({ attempts: webhookEvents.attempts });
    const attempt = e?.attempts ?? 1;
    await tx.insert(webhookDeliveries).values({ ...d, attempt });
    return attempt;
  });
}

/** Queues a delivered (or pending) event again; false when there is no such event. */
export async function requeueEvent(db: Db, subscriptionId: string, id: string): Promise<boolean> {
  const rows = await db.update(webhookEvents).set({ status: 'pending' }).where(and(eq(webhookEvents.subscriptionId, subscriptionId), eq(webhookEvents.id, id))).returning({ id: webhookEvents.id });
  return rows.length > 0;
}

/** The newest events of a subscription with their delivery attempts (newest first). */
export async function recentEvents(db: Pick<Db, 'select'>, subscriptionId: string, limit: number): Promise<Array<WebhookEventRow & { deliveries: WebhookDeliveryRow[] }>> {
  const events = await db.select().from(webhookEvents).where(eq(webhookEvents.subscriptionId, subscriptionId)).orderBy(desc(webhookEvents.createdAt), desc(webhookEvents.seq)).limit(limit);
  if (!events.length) return [];
  const deliveries = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), inArray(webhookDeliveries.eventId, events.map((e) => e.id))))
    .orderBy(desc(webhookDeliveries.at), desc(webhookDeliveries.id));
  return events.map((e) => ({ ...e, deliveries: deliveries.filter((d) => d.eventId === e.id) }));
}

export async function pendingCount(db: Pick<Db, 'select'>, subscriptionId: string): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents).where(and(eq(webhookEvents.subscriptionId, subscriptionId), eq(webhookEvents.status, 'pending')));
  return Number(n);
}

// ---- subscriptions ----

export async function listSubscriptions(db: Pick<Db, 'select'>): Promise<WebhookSubscriptionRow[]> {
  return db.select().from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt));
}

export async function subscription(db: Pick<Db, 'select'>, id: string): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  return row;
}

export async function insertSubscription(db: Db, values: typeof webhookSubscriptions.$inferInsert): Promise<WebhookSubscriptionRow> {
  const [row] = await db.insert(webhookSubscriptions).values(values).returning();
  return row;
}

export async function updateSubscription(db: Db, id: string, set: Partial<Pick<WebhookSubscriptionRow, 'url' | 'description' | 'events' | 'secret' | 'previousSecret' | 'previousSecretUntil'>>): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db.update(webhookSubscriptions).set({ ...set, updatedAt: new Date() }).where(eq(webhookSubscriptions.id, id)).returning();
  return row;
}

export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  return (await db.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning({ id: webhookSubscriptions.id })).length > 0;
}

/** Pauses an active subscription; returns it as paused (also when it already was), undefined when gone. */
export async function pauseSubscription(db: Db, id: string, reason: string): Promise<WebhookSubscriptionRow | undefined> {
  const now = new Date();
  const [paused] = await db
    .update(webhookSubscriptions)
    .set({ status: 'paused', pausedAt: now, pauseReason: reason, updatedAt: now })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.status, 'active')))
    .returning();
  return paused ?? (await subscription(db, id));
}

export async function resumeSubscription(db: Db, id: string): Promise<WebhookSubscriptionRow | undefined> {
  const [row] = await db.update(webhookSubscriptions).set({ status: 'active', pausedAt: null, pauseReason: null, updatedAt: new Date() }).where(eq(webhookSubscriptions.id, id)).returning();
  return row;
}

/** Active admins: who hears about a paused subscription. */
export async function activeAdmins(db: Pick<Db, 'select'>): Promise<Array<{ id: string; email: string }>> {
  return db.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)));
}
