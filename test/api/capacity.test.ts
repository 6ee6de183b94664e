// First-available under a burst, on the real stack (real Postgres when DATABASE_URL is set): 50 intakes
// for the same pool at once never give anyone more than their capacity; the rest take the "nobody
// available" path; capacity and availability changes hold for the very next assignment.
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, ticketEvents, tickets, users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
let ruleId: string;
const agents: Record<'ada' | 'ben' | 'cy', string> = { ada: randomUUID(), ben: randomUUID(), cy: randomUUID() };
const capacity = { ada: 4, ben: 7, cy: 9 };

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  for (const [name, id] of Object.entries(agents) as Array<[keyof typeof agents, string]>) {
    await s.database.db.insert(users).values({ id, email: `${name}@test.local`, name, passwordHash: 'x', role: 'agent', branches: ['main'], capacity: capacity[name] });
  }
  const created = await s.call(
    'POST',
    '/api/v1/rules',
    {
      name: 'Burst: first available',
      trigger: { keywords: ['burst'] },
      outcome: { priority: 'medium', pool: [agents.ada, agents.ben, agents.cy], strategy: 'first_available', escalationChain: [{ level: 1, afterHours: 100, users: [{ userId: s.adminId, channel: 'email' }] }] },
    },
    admin,
  );
  expect(created.status).toBe(201);
  ruleId = ((await created.json()) as { id: string }).id;
  const list = (await (await s.call('GET', '/api/v1/rules', undefined, admin)).json()) as { items: Array<{ id: string }> };
  const ids = [ruleId, ...list.items.map((r) => r.id).filter((id) => id !== ruleId)];
  expect((await s.call('POST', '/api/v1/rules/reorder', { ids }, admin)).status).toBe(200);
}, 60_000);
afterAll(async () => s?.teardown());

const send = (externalId: string) => s.postFeedback({ channel: 'app', type: 'star', score: 1, comment: 'burst of complaints', externalId, branch: 'main' });

async function decided(n: number) {
  await s.eventually(async () => {
    const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(feedback).where(and(eq(feedback.ruleId, ruleId), eq(feedback.outcome, 'ticket')));
    return Number(c) === n;
  }, 120_000);
}

async function assignedCounts(): Promise<Record<string, number>> {
  const rows = await s.database.db
    .select({ assignee: feedback.assigneeId, n: sql<number>`count(*)::int` })
    .from(feedback)
    .where(eq(feedback.ruleId, ruleId))
    .groupBy(feedback.assigneeId);
  return Object.fromEntries(rows.map((r) => [r.assignee ?? 'nobody', Number(r.n)]));
}

describe('first-available capacity', () => {
  it('never exceeds capacity with 50 parallel intakes for one pool; the rest are "nobody available"', async () => {
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) => send(`burst-${i}`)));
    expect(res.map((r) => r.status)).toEqual(Array(50).fill(202));
    await decided(50);
    // Everyone filled exactly to capacity, in pool order; 50 - 20 left unassigned.
    expect(await assignedCounts()).toEqual({ [agents.ada]: 4, [agents.ben]: 7, [agents.cy]: 9, nobody: 30 });
    // The tickets agree once projected, and the unassigned ones told level 1 nobody was available.
    await s.eventually(async () => {
      const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.ruleId, ruleId));
      return Number(c) === 50;
    }, 120_000);
    const byOwner = await s.database.db.select({ a: tickets.assigneeId, n: sql<number>`count(*)::int` }).from(tickets).where(eq(tickets.ruleId, ruleId)).groupBy(tickets.assigneeId);
    expect(Object.fromEntries(byOwner.map((r) => [r.a ?? 'nobody', Number(r.n)]))).toEqual({ [agents.ada]: 4, [agents.ben]: 7, [agents.cy]: 9, nobody: 30 });
    const unassigned = await s.database.db.select({ number: tickets.number }).from(tickets).where(and(eq(tickets.ruleId, ruleId), isNull(tickets.assigneeId)));
    await s.eventually(async () => {
      const [{ c }] = await s.database.db
        .select({ c: sql<number>`count(distinct ${ticketEvents.ticketNumber})::int` })
        .from(ticketEvents)
        .where(and(eq(ticketEvents.type, 'notification_sent'), eq(ticketEvents.reason, 'no available assignee')));
      return Number(c) === unassigned.length;
    }, 60_000);
  }, 180_000);

  it('takes capacity and availability changes for the next assignment, without a restart', async () => {
    // Ada gets room for one more: the next intake is hers (first in the pool).
    expect((await s.call('PATCH', `/api/v1/users/${agents.ada}`, { capacity: 5 }, admin)).status).toBe(200);
    expect((await send('after-raise')).status).toBe(202);
    await decided(51);
    const [first] = await s.database.db.select({ a: feedback.assigneeId }).from(feedback).where(and(eq(feedback.channel, 'app'), eq(feedback.externalId, 'after-raise')));
    expect(first.a).toBe(agents.ada);
    // Ben gets room too, but marks himself away: Cy has room after a raise, so Cy takes it.
    expect((await s.call('PATCH', `/api/v1/users/${agents.ben}`, { capacity: 100 }, admin)).status).toBe(200);
    expect((await s.call('PUT', `/api/v1/users/${agents.ben}/availability`, { available: false }, admin)).status).toBe(200);
    expect((await s.call('PATCH', `/api/v1/users/${agents.cy}`, { capacity: null }, admin)).status).toBe(200);
    expect((await send('after-away')).status).toBe(202);
    await decided(52);
    const [second] = await s.database.db.select({ a: feedback.assigneeId }).from(feedback).where(and(eq(feedback.channel, 'app'), eq(feedback.externalId, 'after-away')));
    expect(second.a).toBe(agents.cy);
  }, 120_000);
});
