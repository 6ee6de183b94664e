// Generation rules through the API on the real stack: CRUD, reorder, simulation, fair round-robin.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, tickets, users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const pool: string[] = [];
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  for (const name of ['Ada', 'Ben', 'Cy']) {
    const id = randomUUID();
    await s.database.db.insert(users).values({ id, email: `${name.toLowerCase()}@test.local`, name, passwordHash: 'x', role: 'agent', branches: ['main'] });
    pool.push(id);
  }
});
afterAll(async () => s?.teardown());

const npsRule = (over: Record<string, unknown> = {}) => ({
  name: 'NPS detractors round-robin',
  trigger: { buckets: ['nps_detractor'], keywords: [] },
  outcome: { priority: 'medium', pool, strategy: 'round_robin' },
  ...over,
});

describe('rules API', () => {
  let ruleId: string;

  it('creates, lists in order, updates, reorders and deletes', async () => {
    const bad = await s.call('POST', '/api/v1/rules', { name: 'x', trigger: { buckets: [], keywords: [] }, outcome: { priority: 'low' } }, admin);
    expect(bad.status).toBe(400);
    const created = await s.call('POST', '/api/v1/rules', npsRule(), admin);
    expect(created.status).toBe(201);
    ruleId = (await json<{ id: string }>(created)).id;
    const list = await json<{ items: Array<{ id: string; position: number }> }>(await s.call('GET', '/api/v1/rules', undefined, admin));
    expect(list.items.map((r) => r.id).at(-1)).toBe(ruleId);
    const demo = list.items[0].id;
    const reordered = await json<{ items: Array<{ id: string }> }>(await s.call('POST', '/api/v1/rules/reorder', { ids: [ruleId, demo] }, admin));
    expect(reordered.items.map((r) => r.id)).toEqual([ruleId, demo]);
    expect((await s.call('POST', '/api/v1/rules/reorder', { ids: [ruleId] }, admin)).status).toBe(400);
    const upd = await s.call('PUT', `/api/v1/rules/${ruleId}`, npsRule({ name: 'NPS detractors (edited)' }), admin);
    expect((await json<{ name: string }>(upd)).name).toBe('NPS detractors (edited)');
    const tmp = await json<{ id: string }>(await s.call('POST', '/api/v1/rules', npsRule({ name: 'temp' }), admin));
    expect((await s.call('DELETE', `/api/v1/rules/${tmp.id}`, undefined, admin)).status).toBe(204);
    expect((await s.call('DELETE', `/api/v1/rules/${tmp.id}`, undefined, admin)).status).toBe(404);
  });

  it('keeps round-robin fair under 99 concurrent intakes', async () => {
    const accepted = await Promise.all(Array.from({ length: 99 }, (_, i) => s.postFeedback({ channel: 'app', type: 'nps', score: 3, externalId: `rr-${i}`, branch: 'main' })));
    expect(accepted.map((r) => r.status)).toEqual(Array(99).fill(202));
    await s.eventually(async () => {
      const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.ruleId, ruleId));
      return Number(c) === 99;
    }, 120_000);
    const rows = await s.database.db
      .select({ assignee: feedback.assigneeId, n: sql<number>`count(*)::int` })
      .from(feedback)
      .where(eq(feedback.ruleId, ruleId))
      .groupBy(feedback.assigneeId);
    expect(rows.map((r) => Number(r.n)).sort()).toEqual([33, 33, 33]);
    expect(new Set(rows.map((r) => r.assignee))).toEqual(new Set(pool));
    await s.eventually(async () => {
      const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(tickets);
      return Number(c) >= 99;
    }, 120_000);
  }, 180_000);

  it('simulates a draft rule set over stored feedback without opening tickets', async () => {
    const [{ before }] = await s.database.db.select({ before: sql<number>`count(*)::int` }).from(tickets);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await s.call('POST', '/api/v1/rules/simulate', { from, to, rules: [npsRule({ outcome: { priority: 'high', pool: pool.slice(0, 2), strategy: 'round_robin' } })] }, admin);
    expect(res.status).toBe(200);
    const sim = await json<{ feedback: number; tickets: number; perRule: Array<{ byPriority: Record<string, number>; byAssignee: Record<string, number>; byBranch: Record<string, number> }> }>(res);
    expect(sim.tickets).toBe(99);
    expect(sim.perRule[0].byPriority).toEqual({ high: 99 });
    expect(sim.perRule[0].byBranch).toEqual({ main: 99 });
    expect(Object.values(sim.perRule[0].byAssignee).sort()).toEqual([49, 50]);
    const [{ after }] = await s.database.db.select({ after: sql<number>`count(*)::int` }).from(tickets);
    expect(after).toBe(before);
  });

  it('is admin-only', async () => {
    await s.database.db.insert(users).values({ id: 'agent-z', email: 'z@test.local', name: 'Z', passwordHash: await (await import('../../api/security')).hashPassword('zz-pass-1'), role: 'agent', branches: ['main'] });
    const agent = await s.login('z@test.local', 'zz-pass-1');
    expect((await s.call('GET', '/api/v1/rules', undefined, agent)).status).toBe(403);
  });
});
