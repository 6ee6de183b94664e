// The history generator behind `npm run seed:history`: deterministic, internally consistent, and
// removable without touching live data.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPivot } from '../../db/report-query';
import { tickets } from '../../db/schema';
import { reportQuerySchema } from '../../domain/reports';
import { generateHistory } from '../../scripts/history/generate';
import { removeHistory, seedHistory } from '../../scripts/history/insert';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { stoppedSla } from './fixture';

let database: TestDatabase;
const NOW = Date.parse('2025-06-01T12:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const rows = async <T>(q: ReturnType<typeof sql>) => ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe('seed:history', () => {
  it('generates the same history for the same seed', () => {
    const first = (seed: number) => generateHistory({ tickets: 50, days: 30, seed, now: NOW, firstNumber: 1 }).next().value!.tickets.slice(0, 5);
    expect(first(3)).toEqual(first(3));
    expect(first(3)).not.toEqual(first(4));
  });

  it('writes consistent tickets, feedback and timelines, and moves the ticket sequence on', async () => {
    const { firstNumber, lastNumber } = await seedHistory(database.db, { tickets: 600, days: 200, seed: 3, now: NOW });
    expect(lastNumber - firstNumber + 1).toBe(600);
    const [c] = await rows<{ t: number; f: number; e: number; bad: number; csat: number; order: number; asks: number }>(sql`select
      (select count(*)::int from tickets) t,
      (select count(*)::int from feedback where ticket_number is not null) f,
      (select count(*)::int from ticket_events) e,
      (select count(*)::int from tickets where resolved_at is not null and (root_cause_id is null or action_id is null or resolution_ms < first_response_ms)) bad,
      (select count(*)::int from tickets where csat_score is not null and csat_recovered <> (csat_score >= 4)) csat,
      (select count(*)::int from ticket_events a join ticket_events b on a.ticket_number = b.ticket_number and b.seq = a.seq + 1 where b.at < a.at) "order",
      (select count(*)::int from ticket_events where type = 'advocacy_ask' and jsonb_typeof(data->'sent') <> 'boolean') asks`);
    expect(c).toMatchObject({ t: 600, f: 600, bad: 0, csat: 0, order: 0, asks: 0 });
    expect(c.e).toBeGreaterThan(600 * 3);
    const [{ next }] = await rows<{ next: number }>(sql`select nextval('ticket_number_seq')::int as next`);
    expect(next).toBeGreaterThan(lastNumber);

    const r = await runPivot(database.db, reportQuerySchema.parse({ rows: ['branch'], measures: ['ticketsOpened', 'csatPercent', 'promoterActivationRate'] }), { role: 'admin', branches: [] });
    expect(r.rowKeys).toHaveLength(8);
    expect(r.rowTotals.reduce((s, v) => s + (v.ticketsOpened ?? 0), 0)).toBe(600);
    expect(r.grandTotal.csatPercent).toBeGreaterThan(0.3);
    expect(r.grandTotal.promoterActivationRate).toBeGreaterThan(0.3);
  });

  it('removes the history and nothing else', async () => {
    await database.db.insert(tickets).values({ number: 5, workflowId: 'ticket-5', status: 'new', priority: 'low', kind: 'recovery', sla: stoppedSla(NOW), title: 'live', createdAt: new Date(NOW), updatedAt: new Date(NOW) });
    await removeHistory(database.db);
    const [c] = await rows<{ t: number; f: number; e: number }>(sql`select (select count(*)::int from tickets) t, (select count(*)::int from feedback) f, (select count(*)::int from ticket_events) e`);
    expect(c).toEqual({ t: 1, f: 0, e: 0 });
  });
});
