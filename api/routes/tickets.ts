import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/client';
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { taxonomyEntries, ticketEvents, tickets, users } from '../../db/schema';
import { DomainError, invalidFields } from '../../domain/errors';
import {
  assignCommandSchema,
  commentCommandSchema,
  priorityCommandSchema,
  reopenCommandSchema,
  resolveCommandSchema,
  statusCommandSchema,
  ticketWorkflowId,
  type WithActor,
} from '../../domain/ticket';
import { ticketViewSchema, type TicketView } from '../../domain/ticket-view';
import { PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type TicketStatus } from '../../domain/types';
import {
  addCommentUpdate,
  assignUpdate,
  changePriorityUpdate,
  changeStatusUpdate,
  reopenUpdate,
  reanalyseUpdate,
  resolveUpdate,
  ticketStateQuery,
} from '../../workflows/ticket-messages';
import { canSeeBranch, requireUser } from '../auth';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { summaryColumns, ticketSummaryOf, ticketViewOf, timelineEntryOf } from '../ticket-mapper';
import { ticketPageSchema, ticketSchema, type Ticket } from '../ticket-schemas';
import { toDomainError } from '../temporal-errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const body = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const ticketListQuerySchema = z.object({
  status: z.string().optional().describe('Comma-separated statuses'),
  priority: z.enum(PRIORITIES).optional(),
  kind: z.enum(TICKET_KINDS).optional(),
  branch: z.string().optional(),
  service: z.string().optional(),
  assignee: z.string().optional().describe('User id, or "none" for unassigned'),
  breached: z.enum(['true', 'false']).optional(),
  escalationLevel: z.coerce.number().int().min(0).optional(),
  q: z.string().max(200).optional().describe('Full-text search over title and comment; a number (or #number) also finds that ticket'),
  sort: z.enum(['sla_due', 'churn_risk', 'urgency', 'age', 'newest']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['tickets'],
  summary: 'List tickets visible to the signed-in user, with filters and sorting',
  request: { query: ticketListQuerySchema },
  responses: { 200: body(ticketPageSchema, 'A page of tickets from the read model'), 400: err('Bad filter'), 401: err('Not signed in') },
});

const idParam = z.object({ id: z.string().regex(/^(ticket-)?\d+$/, 'ticket id is a number or ticket-<number>') });
const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['tickets'],
  summary: 'One ticket: live state from its workflow (status, priority, assignee, escalationLevel, sla) and its timeline',
  request: { params: idParam },
  responses: { 200: body(ticketSchema, 'The live state (or the last projected one), with the timeline'), 401: err('Not signed in'), 403: err('Not your branch'), 404: err('No such ticket') },
});

function commandRoute<S extends z.ZodType>(path: string, schema: S, summary: string) {
  return createRoute({
    method: 'post',
    path: `/{id}/${path}`,
    tags: ['tickets'],
    summary,
    request: { params: idParam, body: { content: { 'application/json': { schema } }, required: true } },
    responses: {
      200: body(ticketViewSchema, "The ticket's live state after the change (the update's result)"),
      400: err('Invalid body'),
      401: err('Not signed in'),
      403: err('Not allowed'),
      404: err('No such ticket'),
      409: err('Illegal in the current status: details.allowed lists the allowed moves'),
    },
  });
}

const ticketNumber = (id: string) => Number(id.replace(/^ticket-/, ''));
const isStatus = (s: string): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s);

async function loadRow(deps: ApiDeps, user: SessionUser, number: number) {
  const [row] = await deps.db.select().from(tickets).where(eq(tickets.number, number));
  if (!row) throw new DomainError('NOT_FOUND', `Ticket ${number} not found`);
  if (!canSeeBranch(user, row.branch)) throw new DomainError('FORBIDDEN', 'This ticket belongs to a branch you do not work');
  return row;
}

export function ticketRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());

  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user');
    const where: SQL[] = [];
    if (user.role !== 'admin') where.push(user.branches.length ? inArray(tickets.branch, user.branches) : sql`false`);
    if (q.status) where.push(inArray(tickets.status, q.status.split(',').filter(isStatus)));
    if (q.priority) where.push(eq(tickets.priority, q.priority));
    if (q.kind) where.push(eq(tickets.kind, q.kind));
    if (q.branch) where.push(eq(tickets.branch, q.branch));
    if (q.service) where.push(eq(tickets.service, q.service));
    if (q.assignee) where.push(q.assignee === 'none' ? sql`${tickets.assigneeId} is null` : eq(tickets.assigneeId, q.assignee));
    if (q.breached) where.push(eq(tickets.breached, q.breached === 'true'));
    if (q.escalationLevel !== undefined) where.push(eq(tickets.escalationLevel, q.escalationLevel));
    if (q.q) {
      const words = sql`${tickets.search} @@ plainto_tsquery('simple', ${q.q})`;
      const number = /^#?(\d{1,9})$/.exec(q.q.trim());
      where.push(number ? or(eq(tickets.number, Number(number[1])), words)! : words);
    }
    const order = {
      sla_due: [asc(tickets.resolutionDueAt)],
      churn_risk: [sql`${tickets.churnRisk} desc nulls last`],
      urgency: [sql`case ${tickets.urgency} when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`, asc(tickets.createdAt)],
      age: [asc(tickets.createdAt)],
      newest: [desc(tickets.createdAt)],
    }[q.sort];
    const cond = where.length ? and(...where) : undefined;
    const { db } = c.get('deps');
    const [items, [{ total }]] = await Promise.all([
      db.select(summaryColumns).from(tickets).where(cond).orderBy(...order, desc(tickets.number)).limit(q.limit).offset(q.offset),
      db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(cond),
    ]);
    return c.json({ items: items.map(ticketSummaryOf), total }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const deps = c.get('deps');
    const number = ticketNumber(c.req.valid('param').id);
    const row = await loadRow(deps, c.get('user'), number);
    let live: TicketView | null = null;
    try {
      live = await deps.temporal.workflow.getHandle(ticketWorkflowId(number)).query(ticketStateQuery);
    } catch {
      live = null; // workflow gone (closed past retention): the read model is the record
    }
    const timeline = await deps.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketNumber, number))
      .orderBy(asc(ticketEvents.seq));
    const ticket: Ticket = { ...ticketViewOf(row, live), live: live !== null, temporalUrl: temporalLink(deps, number), timeline: timeline.map(timelineEntryOf) };
    return c.json(ticket, 200);
  });

  command(app, 'comments', commentCommandSchema, addCommentUpdate, 'Add a public reply (emailed to the customer) or an internal note');
  command(app, 'status', statusCommandSchema, changeStatusUpdate, 'Move the ticket to another status (409 lists the allowed moves)');
  command(app, 'assign', assignCommandSchema, assignUpdate, 'Assign to a user (or null to unassign)', (deps, user, row, body) => assertAssignable(deps, user, row.branch, body.userId));
  command(app, 'priority', priorityCommandSchema, changePriorityUpdate, 'Change priority; SLA due times are re-computed from the start');
  command(app, 'resolve', resolveCommandSchema, resolveUpdate, 'Resolve with a root cause and an action taken', (deps, _user, _row, body) => assertResolutionTaxonomy(deps, body));
  command(app, 'reopen', reopenCommandSchema, reopenUpdate, 'Reopen a resolved ticket');
  command(app, 'reanalyse', z.object({}), reanalyseUpdate, 'Run the AI classification again');
  return app;
}

/** One command route: validate, authorise, check against the read model, then the workflow's update decides. */
function command<T extends object>(
  app: OpenAPIHono<AppEnv>,
  path: string,
  schema: z.ZodType<T, T>,
  update: UpdateDefinition<TicketView, [WithActor<T>]>,
  summary: string,
  check?: (deps: ApiDeps, user: SessionUser, row: typeof tickets.$inferSelect, body: T) => Promise<void>,
) {
  app.openapi(commandRoute(path, schema, summary), async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const number = ticketNumber(c.req.valid('param').id);
    const row = await loadRow(deps, user, number);
    const body = c.req.valid('json');
    await check?.(deps, user, row, body);
    try {
      const view = await deps.temporal.workflow.getHandle(ticketWorkflowId(number)).executeUpdate(update, { args: [{ ...body, actor: { id: user.id, name: user.name } }] });
      return c.json(ticketViewOf(row, view), 200);
    } catch (e) {
      throw toDomainError(e);
    }
  });
}

export function temporalLink(deps: ApiDeps, number: number): string {
  return `${deps.config.temporalUiUrl}/namespaces/${deps.config.TEMPORAL_NAMESPACE}/workflows/${ticketWorkflowId(number)}`;
}

/**
 * Agents may only take a ticket themselves; managers and admins (re)assign it to anyone active who
 * works the ticket's branch (so the assignee can open it), or unassign it.
 */
async function assertAssignable(deps: ApiDeps, user: SessionUser, branch: string | null, userId: string | null) {
  if (user.role === 'agent' && userId !== user.id) throw new DomainError('FORBIDDEN', 'Agents may only take a ticket themselves; a manager reassigns');
  if (userId === null) return;
  const [target] = await deps.db.select({ role: users.role, branches: users.branches }).from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  const problem = !target ? `no active user ${userId}` : !canSeeBranch(target, branch) ? `${userId} does not work branch ${branch ?? '(none)'}` : null;
  if (problem) throw new DomainError('INVALID_INPUT', `userId: ${problem}`, { fields: [{ path: 'userId', message: problem }] });
}

/** Root cause and action must be live entries of their admin-managed taxonomies. */
async function assertResolutionTaxonomy(deps: ApiDeps, body: { rootCauseId: string; actionId: string }) {
  const rows = await deps.db
    .select({ id: taxonomyEntries.id, kind: taxonomyEntries.kind })
    .from(taxonomyEntries)
    .where(and(inArray(taxonomyEntries.id, [body.rootCauseId, body.actionId]), isNull(taxonomyEntries.retiredAt)));
  const fields: Array<{ path: string; message: string }> = [];
  if (!rows.some((r) => r.id === body.rootCauseId && r.kind === 'root_cause')) fields.push({ path: 'rootCauseId', message: `unknown or retired root cause "${body.rootCauseId}"` });
  if (!rows.some((r) => r.id === body.actionId && r.kind === 'action')) fields.push({ path: 'actionId', message: `unknown or retired action "${body.actionId}"` });
  if (fields.length) throw invalidFields(fields);
}
