// The custom migration that fills the ticket view's columns (linked ticket, resolution note, exhausted
// escalation chain) for tickets projected before those columns existed, from the stored decision and
// the timeline. Here it runs on rows written without them, as an upgraded database holds them.
import { readdirSync, readFileSync } from 'node:fs';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, ticketEvents, tickets } from '../../db/schema';
import type { TimelineEventType } from '../../domain/ticket';
import { stoppedSla } from '../reports/fixture';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { ticketInput } from '../support/ticket-fixtures';

const dir = new URL('../../db/migrations/', import.meta.url);
// Found by its name: migrations are renumbered when branches merge.
const backfill = readFileSync(new URL(readdirSync(dir).find((f) => f.endsWith('_ticket-view-backfill.sql'))!, dir), 'utf8');

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('ticket view backfill', () => {
  it('takes the link from the decision, the latest resolution note, and an exhausted chain only since the last reopen', async () => {
    const { db } = database;
    const now = Date.parse('2025-03-01T10:00:00Z');
    const row = (number: number) => ({ number, workflowId: `ticket-${number}`, feedbackId: `fb-${number}`, status: 'resolved' as const, priority: 'low' as const, kind: 'recovery' as const, sla: stoppedSla(now), title: 't', createdAt: new Date(now), updatedAt: new Date(now) });
    await db.insert(tickets).values([row(1), row(2)]);
    await db.insert(feedback).values([
      { id: 'fb-1', channel: 'email', type: 'smile', score: 1, submittedAt: new Date(now), outcome: 'ticket', ticketNumber: 1, decision: ticketInput(now, { number: 1, linkedTicketNumber: 7 }) },
      { id: 'fb-2', channel: 'web', type: 'star', score: 1, submittedAt: new Date(now), outcome: 'ticket', ticketNumber: 2, decision: ticketInput(now, { number: 2 }) },
    ]);
    const event = (ticketNumber: number, seq: number, type: TimelineEventType, data: Record<string, unknown> | null = null) => ({ ticketNumber, seq, type, actorId: 'system', actorName: 'Closeloop', at: new Date(now + seq), data });
    await db.insert(ticketEvents).values([
      event(1, 1, 'escalation_exhausted'),
      event(1, 2, 'resolved', { note: 'first' }),
      event(1, 3, 'reopened'),
      event(1, 4, 'resolved', { note: 'second' }),
      event(2, 1, 'reopened'),
      event(2, 2, 'escalation_exhausted'),
    ]);

    await db.execute(sql.raw(backfill));

    const rows = await db
      .select({ number: tickets.number, linked: tickets.linkedTicketNumber, note: tickets.resolutionNote, exhausted: tickets.escalationExhausted })
      .from(tickets)
      .orderBy(asc(tickets.number));
    expect(rows).toEqual([
      { number: 1, linked: 7, note: 'second', exhausted: false },
      { number: 2, linked: null, note: null, exhausted: true },
    ]);
  });
});
