// Generation rules: admin CRUD, reorder, and a preview over stored feedback that opens nothing.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { feedbackSubmittedBetween } from '../../db/feedback';
import { deleteRule, insertRule, listRules, reorderRules, replaceRule } from '../../db/rules';
import { poolMembers } from '../../db/users';
import { DomainError } from '../../domain/errors';
import { pgInstant } from '../../domain/ids';
import { ruleDefinitionSchema, ruleSchema, type Rule } from '../../domain/rules';
import { simulateRules } from '../../domain/simulate';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const ruleInputSchema = ruleDefinitionSchema.safeExtend({ name: notBlankText(120), active: z.boolean().default(true) });
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
    request: body(
      z.object({
        // Each id once (uniqueItems in the document); whether they are every rule is the database's to say.
        ids: z
          .array(z.string().min(1))
          .min(1)
          .refine((ids) => new Set(ids).size === ids.length, 'each rule id once')
          .meta({ uniqueItems: true }),
      }),
    ),
    responses: { 200: json(z.object({ items: z.array(ruleOut) }), 'New order'), 400: err('Not a permutation of the rule ids') },
  }),
  simulate: createRoute({
    method: 'post',
    path: '/simulate',
    tags: ['rules'],
    summary: 'Run a draft rule set over stored feedback of a period; opens nothing (admin)',
    request: body(z.object({ rules: z.array(ruleInputSchema.safeExtend({ id: z.string().optional() })).min(1).max(100), from: pgInstant(), to: pgInstant() })),
    responses: { 200: json(z.looseObject({ feedback: z.number(), tickets: z.number(), perRule: z.array(z.looseObject({})) }), 'Counts per rule, branch, priority and assignee'), 400: err('Invalid draft') },
  }),
};

const storedRule = (input: z.infer<typeof ruleInputSchema>) => {
  const { name, active, ...definition } = input;
  return { name, active, definition };
};

export function ruleRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  app.openapi(routes.list, async (c) => c.json({ items: await listRules(c.get('deps').db) }, 200));

  app.openapi(routes.create, async (c) => c.json(await insertRule(c.get('deps').db, randomUUID(), storedRule(c.req.valid('json'))), 201));

  app.openapi(routes.update, async (c) => {
    const rule = await replaceRule(c.get('deps').db, c.req.valid('param').id, storedRule(c.req.valid('json')));
    if (!rule) throw new DomainError('NOT_FOUND', `No rule ${c.req.valid('param').id}`);
    return c.json(rule, 200);
  });

  app.openapi(routes.remove, async (c) => {
    if (!(await deleteRule(c.get('deps').db, c.req.valid('param').id))) throw new DomainError('NOT_FOUND', `No rule ${c.req.valid('param').id}`);
    return c.body(null, 204);
  });

  app.openapi(routes.reorder, async (c) => {
    const { ids } = c.req.valid('json');
    const { db } = c.get('deps');
    const order = await reorderRules(db, ids);
    if (!order.reordered) {
      const message = `must list every rule exactly once (${order.rules} rules)`;
      throw new DomainError('INVALID_INPUT', `ids: ${message}`, { fields: [{ path: 'ids', message }], expected: order.rules });
    }
    return c.json({ items: await listRules(db) }, 200);
  });

  app.openapi(routes.simulate, async (c) => {
    const draft = c.req.valid('json');
    const { db } = c.get('deps');
    const ruleSet: Rule[] = draft.rules.map((r, i) => ruleSchema.parse({ ...r, id: r.id ?? `draft-${i + 1}`, position: i + 1 }));
    const period = await feedbackSubmittedBetween(db, new Date(draft.from), new Date(draft.to), 100_000);
    const members = await poolMembers(db, [...new Set(ruleSet.flatMap((r) => r.outcome.pool))]);
    return c.json(simulateRules(ruleSet, period, members), 200);
  });
  return app;
}
