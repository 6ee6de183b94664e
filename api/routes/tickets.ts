import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { aiCorrectionsOf } from '../../db/ai-corrections';
import { ticketEvents } from '../../db/schema';
import { listTickets } from '../../db/ticket-list';
import { ticketWorkflowId } from '../../domain/ticket';
import { commentCommandSchema, reopenCommandSchema } from '../../domain/ticket-schemas';
import { ticketListQuerySchema } from '../../domain/ticket-list';
import { ticketViewSchema } from '../../domain/ticket-view';
import { addCommentUpdate, deleteGoogleReplyUpdate, reanalyseUpdate, reopenUpdate } from '../../workflows/ticket-messages';
import { requireUser } from '../auth';
import type { AppEnv, ApiDeps } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { assignCommand, idParam, loadTicket, priorityCommand, resolveCommand, runCommand, statusCommand, ticketNumber, type CommandSpec } from '../ticket-commands';
import { liveViewOf, readModelViewOf, ticketSummaryOf, ticketViewOf, timelineEntryOf } from '../ticket-mapper';
import { ticketPageSchema, ticketSchema, type Ticket } from '../ticket-schemas';
import { registerAiCorrection } from './ai-corrections';
import { registerBulk } from './bulk';
import { registerCustomerContext } from './customer-context';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const body = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export { ticketListQuerySchema };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['tickets'],
  summary: 'List tickets visible to the signed-in user, with filters and sorting',
  request: { query: ticketListQuerySchema },
  responses: { 200: body(ticketPageSchema, 'A page of tickets from the read model'), 400: err('Bad filter'), 401: err('Not signed in') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['tickets'],
  summary: 'One ticket: live state from its workflow (status, priority, assignee, escalationLevel, sla) and its timeline',
  description:
    'With source=read-model an open ticket is answered from the read model without asking its workflow (what the web UI re-reads on each live event); ' +
    'lastActor, csat.comment and csat.reasonId are then null. A closed ticket, or one not projected yet, still asks the workflow.',
  request: { params: idParam, query: z.object({ source: z.enum(['live', 'read-model']).default('live') }) },
  responses: { 200: body(ticketSchema, 'The live state (or the last projected one), with the timeline'), 401: err('Not signed in'), 403: err('Not your branch'), 404: err('No such ticket') },
});

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key is 8–100 letters, digits, - or _')
    .optional()
    .meta({ description: 'A key per intended change (e.g. a UUID per draft): the same key again does not run the command twice' }),
});

function commandRoute<S extends z.ZodType>(path: string, schema: S, summary: string) {
  return createRoute({
    method: 'post',
    path: `/{id}/${path}`,
    tags: ['tickets'],
    summary,
    request: { params: idParam, headers: idempotencyHeader, body: { content: { 'application/json': { schema } }, required: true } },
    responses: {
      200: body(ticketViewSchema, "The ticket's live state after the change (the update's result; with a repeated Idempotency-Key, the first one's)"),
      400: err('Invalid body'),
      401: err('Not signed in'),
      403: err('Not allowed'),
      404: err('No such ticket'),
      409: err('Illegal in the current status: details.allowed lists the allowed moves'),
    },
  });
}

export function ticketRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());

  app.openapi(listRoute, async (c) => {
    const { items, total } = await listTickets(c.get('deps').db, c.get('user'), c.req.valid('query'));
    return c.json({ items: items.map(ticketSummaryOf), total }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const deps = c.get('deps');
    const number = ticketNumber(c.req.valid('param').id);
    const fromReadModel = c.req.valid('query').source === 'read-model';
    const first = await loadTicket(deps, c.get('user'), number, { live: !fromReadModel });
    // Only the workflow knows whether a closed ticket may still be reopened.
    const { row, live } = fromReadModel && first.row?.status === 'closed' ? await loadTicket(deps, c.get('user'), number, { live: true }) : first;
    const [timeline, aiCorrections] = await Promise.all([
      deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, number)).orderBy(asc(ticketEvents.seq)),
      aiCorrectionsOf(deps.db, number),
    ]);
    const view = row ? (fromReadModel && !live ? readModelViewOf(row) : ticketViewOf(row, live)) : liveViewOf(live!);
    const ticket: Ticket = { ...view, live: live !== null || (fromReadModel && row?.status !== 'closed'), temporalUrl: c.get('user').role === 'admin' ? temporalLink(deps, number) : null, timeline: timeline.map(timelineEntryOf), aiCorrections };
    return c.json(ticket, 200);
  });

  command(app, { path: 'comments', schema: commentCommandSchema, update: addCommentUpdate, summary: 'Add a public reply (emailed to the customer) or an internal note' });
  command(app, statusCommand);
  command(app, assignCommand);
  command(app, priorityCommand);
  command(app, resolveCommand);
  command(app, { path: 'reopen', schema: reopenCommandSchema, update: reopenUpdate, summary: 'Reopen a resolved ticket' });
  command(app, { path: 'google-reply/delete', schema: z.object({}), update: deleteGoogleReplyUpdate, summary: "Delete the owner's reply on Google (tickets from a Google review)" });
  command(app, { path: 'reanalyse', schema: z.object({}), update: reanalyseUpdate, summary: 'Run the AI classification again' });
  registerAiCorrection(app);
  registerCustomerContext(app);
  registerBulk(app);
  return app;
}

function command<T extends object>(app: OpenAPIHono<AppEnv>, spec: CommandSpec<T>) {
  app.openapi(commandRoute(spec.path, spec.schema, spec.summary), async (c) => {
    const view = await runCommand(c.get('deps'), c.get('user'), ticketNumber(c.req.valid('param').id), spec, c.req.valid('json'), c.req.valid('header')['idempotency-key']);
    return c.json(view, 200);
  });
}

export function temporalLink(deps: ApiDeps, number: number): string {
  return `${deps.config.temporalUiUrl}/namespaces/${deps.config.TEMPORAL_NAMESPACE}/workflows/${ticketWorkflowId(number)}`;
}

