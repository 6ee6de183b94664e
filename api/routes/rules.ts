// Generation rules: admin CRUD, reorder, and a preview over stored feedback that opens nothing.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { feedbackFromRow, poolMembers } from '../../db/queries';
import { feedback, rules } from '../../db/schema';
import { DomainError } from '../../domain/errors';
import { ruleDefinitionSchema, ruleSchema, type Rule } from '../../domain/rules';
import { simulateRules } from '../../domain/simulate';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ruleInputSchema = ruleDefinitionSchema.safeExtend({ name: z.string().trim().min(1).max(120), active: z.boolean().default(true) });
const ruleOut = z.looseObject({ id: z.string(), name: z.string(), active: z.boolean(), position: z.number() }).meta({ id: 'Rule' });
const idParam = z.object({ id: z.string().min(1) });

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['rules'], summary: 'Rules in evaluation order (admin)', responses: { 200: json(z.object({ items: z.array(ruleOut) }), 'Rules'), 403: err('Not an admin') } }),
  create: createRoute({ method: 'post', path: '/', tags: ['rules'], summary: 'Add a rule at the end of the order (admin)', request: body(ruleInputSchema), responses: { 201: json(ruleOut, 'Created'), 400: err('Invalid rule'), 403: err('Not an admin') } }),
  update: createRoute({ method: 'put', path: '/{id}', tags: ['rules'], summary: 'Replace a rule (admin)', request: { params: idParam, ...body(ruleInputSchema) }, responses: { 200: json(ruleOut, 'Updated'), 400: err('Invalid rule'), 404: err('No such rule') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: ['rules'], summary: 'Delete a rule (admin); tickets it opened keep their rule id', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 404: err('No such rule') } }),
  reorder: createRoute({
    method: 'post',
    path: '/reorder',
    tags: ['rules'],
    summary: 'Set the evaluation order: every rule id exactly once (admin)',
    request: body(z.object({ ids: z.array(z.string()).min(1) })),
    responses: { 200: json(z.object({ items: z.array(ruleOut) }), 'New order'), 400: err('Not a permutation of the rule ids') },
  }),
  simulate: createRoute({
    method: 'post',
    path: '/simulate',
    tags: ['rules'],
    summary: 'Run a draft rule set over stored feedback of a period; opens nothing (admin)',
    request: body(z.object({ rules: z.array(ruleInputSchema.safeExtend({ id: z.string().optional() })).min(1).max(100), from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })),
    responses: { 200: json(z.looseObject({ feedback: z.number(), tickets: z.number(), perRule: z.array(z.looseObject({})) }), 'Counts per rule, branch, priority and assignee'), 400: err('Invalid draft') },
  }),
};

const toRule = (r: typeof rules.$inferSelect): Rule => ruleSchema.parse({ ...(r.definition as object), id: r.id, name: r.name, active: r.active, position: r.position });
const definitionOf = (input: z.infer<typeof ruleInputSchema>) => {
  const { name: _n, active: _a, ...definition } = input;
  return definition;
};

export function ruleRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  const listAll = async (db: AppEnv['Variables']['deps']['db']) => (await db.select().from(rules).orderBy(asc(rules.position))).map(toRule);

  app.openapi(routes.list, async (c) => c.json({ items: await listAll(c.get('deps').db) }, 200));

  app.openapi(routes.create, async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('deps');
    const id = randomUUID();
    const [{ next }] = await db.select({ next: sql<number>`coalesce(max(${rules.position}), 0)::int + 1` }).from(rules);
    const [row] = await db.insert(rules).values({ id, name: input.name, active: input.active, position: Number(next), definition: definitionOf(input) }).returning();
    return c.json(toRule(row), 201);
  });

  app.openapi(routes.update, async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('deps');
    const [row] = await db.update(rules).set({ name: input.name, active: input.active, definition: definitionOf(input), updatedAt: new Date() }).where(eq(rules.id, c.req.valid('param').id)).returning();
    if (!row) throw new DomainError('NOT_FOUND', `No rule ${c.req.valid('param').id}`);
    return c.json(toRule(row), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const deleted = await c.get('deps').db.delete(rules).where(eq(rules.id, c.req.valid('param').id)).returning();
    if (!deleted.length) throw new DomainError('NOT_FOUND', `No rule ${c.req.valid('param').id}`);
    return c.body(null, 204);
  });

  app.openapi(routes.reorder, async (c) => {
    const { ids } = c.req.valid('json');
    const { db } = c.get('deps');
    await db.transaction(async (tx) => {
      const existing = (await tx.select({ id: rules.id }).from(rules).for('update')).map((r) => r.id).sort();
      if (ids.length !== existing.length || [...ids].sort().some((id, i) => id !== existing[i])) {
        throw new DomainError('INVALID_INPUT', 'ids must list every rule exactly once', { expected: existing.length });
      }
      for (const [i, id] of ids.entries()) await tx.update(rules).set({ position: i + 1 }).where(eq(rules.id, id));
    });
    return c.json({ items: await listAll(db) }, 200);
  });

  app.openapi(routes.simulate, async (c) => {
    const draft = c.req.valid('json');
    const { db } = c.get('deps');
    const ruleSet: Rule[] = draft.rules.map((r, i) => ruleSchema.parse({ ...r, id: r.id ?? `draft-${i + 1}`, position: i + 1 }));
    const rows = await db
      .select()
      .from(feedback)
      .where(and(gte(feedback.submittedAt, new Date(draft.from)), lt(feedback.submittedAt, new Date(draft.to))))
      .orderBy(asc(feedback.submittedAt))
      .limit(100_000);
    const members = await poolMembers(db, [...new Set(ruleSet.flatMap((r) => r.outcome.pool))]);
    return c.json(simulateRules(ruleSet, rows.map(feedbackFromRow), members), 200);
  });
  return app;
}
