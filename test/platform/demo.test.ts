// `npm start -- --demo` seeds through the real intake path: rules decide, tickets open, and a second
// run adds nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionPoints, feedback, tickets } from '../../db/schema';
import { seedDemo } from '../../platform/demo';
import { startStack, type Stack } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.teardown());

describe('demo data', () => {
  it('opens tickets through the rules, routes billing and promoters by their rules, and is idempotent', async () => {
    const quiet = () => undefined;
    await seedDemo(s.database.db, s.temporal.env.client, s.taskQueue, quiet);
    const evaluated = await s.eventually(async () => {
      const rows = await s.database.db.select().from(feedback);
      return rows.length === 8 && rows.every((r) => r.outcome !== null) ? rows : null;
    }, 60_000);
    expect(evaluated.filter((r) => r.outcome === 'no_match')).toHaveLength(1);
    const billing = evaluated.find((r) => r.externalId === 'demo-3')!;
    expect(billing.ruleId).toBe('demo-billing');
    expect(billing.assigneeId).toBe('demo-agent-ben');
    expect(evaluated.find((r) => r.externalId === 'demo-4')!.ruleId).toBe('demo-promoters');
    expect(evaluated.filter((r) => r.collectionPointId).map((r) => [r.externalId, r.collectionPointId]).sort()).toEqual([['demo-1', 'demokiosk01'], ['demo-2', 'demotable01']]);
    expect((await s.app.request('/c/demokiosk01')).status).toBe(200);
    const open = await s.eventually(async () => {
      const rows = await s.database.db.select().from(tickets);
      return rows.length === 7 ? rows : null;
    }, 60_000);
    expect(open.filter((t) => t.kind === 'advocacy')).toHaveLength(2);

    await seedDemo(s.database.db, s.temporal.env.client, s.taskQueue, quiet);
    expect(await s.database.db.select().from(feedback)).toHaveLength(8);
    expect(await s.database.db.select().from(collectionPoints)).toHaveLength(2);
    expect(await s.database.db.select().from(tickets).where(eq(tickets.kind, 'recovery'))).toHaveLength(5);
  });
});
