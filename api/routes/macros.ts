// Macros: shared canned replies (admins keep them) and personal ones, searchable from the composer.
// Applying one renders its text for the ticket (the agent reads and sends it) and runs its actions as
// the usual ticket commands, each with its own verdict: a refusal is reported, never swallowed.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { countOwned, deleteMacro, insertMacro, macroFor, macrosFor, updateMacro, type MacroRow } from '../../db/macros';
import { listServices, readBranch } from '../../db/org';
import { DomainError } from '../../domain/errors';
import { pgInt } from '../../domain/ids';
import { MACRO_PLACEHOLDERS, macroActionsSchema, macroInputSchema, macroMatches, renderMacro, type MacroActions, type MacroInput } from '../../domain/macros';
import { ownerOf, requireUser } from '../auth';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { describeError, errorBodySchema, validationHook } from '../errors';
import { assignCommand, loadTicket, priorityCommand, runCommand, statusCommand } from '../ticket-commands';

/** Shared macros in all, and personal ones per user. */
export const MAX_MACROS = 500;

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const macroSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    body: z.string(),
    shared: z.boolean(),
    locale: z.string().nullable(),
    actions: macroActionsSchema,
    canEdit: z.boolean().meta({ description: 'Yours, or shared and you are an admin' }),
    updatedAt: z.string(),
  })
  .meta({ id: 'Macro' });
export type Macro = z.infer<typeof macroSchema>;

const actionOutcomeSchema = z.object({
  action: z.enum(['assignee', 'priority', 'status']),
  ok: z.boolean(),
  status: z.number().int().meta({ description: 'What the single command answered (200, 403, 409 …)' }),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export const macroApplicationSchema = z
  .object({
    text: z.string().meta({ description: "The macro's text for this ticket: the agent's draft (not sent)" }),
    actions: z.array(actionOutcomeSchema).meta({ description: 'Each action the macro carries, in the order run (assignee, priority, status)' }),
  })
  .meta({ id: 'MacroApplication' });
export type MacroApplication = z.infer<typeof macroApplicationSchema>;

const idParam = z.object({ id: z.string().min(1) });
const listQuery = z.object({ q: z.string().max(200).optional().describe('Words that must all appear in the name or the text (case and accents ignored)') });
const applySchema = z.object({
  ticket: pgInt(),
  runActions: z.boolean().default(true).describe('false: only render the text'),
});

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['macros'], summary: 'The shared macros and yours, by name; q searches', request: { query: listQuery }, responses: { 200: json(z.object({ items: z.array(macroSchema), placeholders: z.array(z.object({ name: z.string(), description: z.string() })) }), 'Macros and the placeholders their text may use'), 401: err('Not signed in') } }),
  create: createRoute({ method: 'post', path: '/', tags: ['macros'], summary: 'Create a personal macro, or a shared one (admins)', request: body(macroInputSchema), responses: { 201: json(macroSchema, 'Created'), 400: err('Invalid macro (unknown placeholder, …)'), 401: err('Not signed in'), 403: err('Only admins share macros'), 409: err('Too many macros') } }),
  update: createRoute({ method: 'put', path: '/{id}', tags: ['macros'], summary: 'Replace a macro (yours, or a shared one as an admin)', request: { params: idParam, ...body(macroInputSchema) }, responses: { 200: json(macroSchema, 'Updated'), 400: err('Invalid macro'), 401: err('Not signed in'), 403: err('Not yours to change'), 404: err('No such macro') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: ['macros'], summary: 'Delete a macro (yours, or a shared one as an admin)', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 401: err('Not signed in'), 403: err('Not yours to delete'), 404: err('No such macro') } }),
  apply: createRoute({
    method: 'post',
    path: '/{id}/apply',
    tags: ['macros'],
    summary: "Render a macro for a ticket and run its actions as the usual commands; every action's verdict is in the answer",
    request: { params: idParam, ...body(applySchema) },
    responses: { 200: json(macroApplicationSchema, 'The text and what each action did'), 400: err('Invalid body'), 401: err('Not signed in'), 403: err('Not your branch'), 404: err('No such macro or ticket') },
  }),
};

const canEdit = (user: SessionUser, m: MacroRow) => (m.ownerId === null ? user.role === 'admin' : m.ownerId === user.id);
const out = (user: SessionUser, m: MacroRow): Macro => ({ id: m.id, name: m.name, body: m.body, shared: m.ownerId === null, locale: m.locale, actions: m.actions, canEdit: canEdit(user, m), updatedAt: m.updatedAt.toISOString() });

async function editable(deps: ApiDeps, user: SessionUser, id: string): Promise<MacroRow> {
  const m = await macroFor(deps.db, user.id, id);
  if (!m) throw new DomainError('NOT_FOUND', 'No such macro');
  if (!canEdit(user, m)) throw new DomainError('FORBIDDEN', 'Only an admin changes a shared macro');
  return m;
}

function assertMayShare(user: SessionUser, input: MacroInput) {
  if (input.shared && user.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins share macros; save it as your own');
}

/** Runs the macro's actions in a fixed order, each as its own command: one refusal stops none of the others. */
async function runActions(deps: ApiDeps, user: SessionUser, ticket: number, actions: MacroActions): Promise<MacroApplication['actions']> {
  const steps: Array<[MacroApplication['actions'][number]['action'], () => Promise<unknown>]> = [];
  if (actions.assignee) {
    const userId = actions.assignee === 'me' ? user.id : actions.assignee === 'none' ? null : actions.assignee;
    steps.push(['assignee', () => runCommand(deps, user, ticket, assignCommand, { userId })]);
  }
  if (actions.priority) steps.push(['priority', () => runCommand(deps, user, ticket, priorityCommand, { priority: actions.priority! })]);
  if (actions.status) steps.push(['status', () => runCommand(deps, user, ticket, statusCommand, { to: actions.status! })]);
  const outcomes: MacroApplication['actions'] = [];
  for (const [action, run] of steps) {
    try {
      await run();
      outcomes.push({ action, ok: true, status: 200 });
    } catch (e) {
      const known = describeError(e);
      if (!known) throw e;
      outcomes.push({ action, ok: false, status: known.status, error: known.error });
    }
  }
  return outcomes;
}

export function macroRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());

  app.openapi(routes.list, async (c) => {
    const user = c.get('user');
    const { q } = c.req.valid('query');
    const all = await macrosFor(c.get('deps').db, user.id);
    const items = (q ? all.filter((m) => macroMatches(m, q)) : all).map((m) => out(user, m));
    return c.json({ items, placeholders: Object.entries(MACRO_PLACEHOLDERS).map(([name, description]) => ({ name, description })) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const user = c.get('user');
    const input = c.req.valid('json');
    assertMayShare(user, input);
    const { db } = c.get('deps');
    const owner = input.shared ? null : ownerOf(user, 'a personal macro');
    if ((await countOwned(db, owner)) >= MAX_MACROS) throw new DomainError('CONFLICT', `At most ${MAX_MACROS} ${owner ? 'personal' : 'shared'} macros; delete one first`);
    const row = await insertMacro(db, { id: randomUUID(), name: input.name, body: input.body, ownerId: owner, locale: input.locale, actions: input.actions });
    return c.json(out(user, row), 201);
  });

  app.openapi(routes.update, async (c) => {
    const user = c.get('user');
    const input = c.req.valid('json');
    const m = await editable(c.get('deps'), user, c.req.valid('param').id);
    assertMayShare(user, input); // a shared macro is an admin's to edit (editable), so are both ways of sharing
    const row = await updateMacro(c.get('deps').db, m.id, { name: input.name, body: input.body, locale: input.locale, actions: input.actions, ownerId: input.shared ? null : ownerOf(user, 'a personal macro') });
    return c.json(out(user, row), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const m = await editable(c.get('deps'), c.get('user'), c.req.valid('param').id);
    await deleteMacro(c.get('deps').db, m.id);
    return c.body(null, 204);
  });

  app.openapi(routes.apply, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const { ticket: number, runActions: run } = c.req.valid('json');
    const m = await macroFor(deps.db, user.id, c.req.valid('param').id);
    if (!m) throw new DomainError('NOT_FOUND', 'No such macro');
    const ticket = await loadTicket(deps, user, number, { live: true });
    const view = ticket.live ?? ticket.row!;
    const [branch, services] = await Promise.all([view.branch ? readBranch(deps.db, view.branch) : null, view.service ? listServices(deps.db) : []]);
    const text = renderMacro(m.body, {
      ticket: view,
      branchName: branch?.name ?? view.branch,
      serviceName: services.find((s) => s.id === view.service)?.name ?? view.service,
      agentName: user.name,
    });
    return c.json({ text, actions: run ? await runActions(deps, user, number, m.actions) : [] }, 200);
  });
  return app;
}
