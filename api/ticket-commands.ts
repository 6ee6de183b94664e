// Ticket commands as the API runs them, for one ticket (api/routes/tickets.ts) or many (bulk actions,
// macros): load the ticket the user may see, check what the read model can tell, then the workflow's
// update decides. Kept apart from the route files so they can share it without importing each other.
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/client';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { taxonomyEntries, tickets, users } from '../db/schema';
import { DomainError, invalidFields } from '../domain/errors';
import { INT4_MAX, isPgIntId } from '../domain/ids';
import { assignRefusal, canBeAssigned, canSeeTicket } from '../domain/ticket-access';
import { assignCommandSchema, priorityCommandSchema, resolveCommandSchema, statusCommandSchema } from '../domain/ticket-schemas';
import {
  ticketWorkflowId,
  type AssignCommand,
  type PriorityCommand,
  type ResolveCommand,
  type StatusCommand,
  type WithActor,
} from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import { assignUpdate, changePriorityUpdate, changeStatusUpdate, resolveUpdate, ticketStateQuery } from '../workflows/ticket-messages';
import type { ApiDeps, SessionUser } from './deps';
import { liveViewOf } from './ticket-mapper';
import { withTemporalWorker } from './outage';
import { toDomainError } from './temporal-errors';

export const ticketNumber = (id: string) => Number(id.replace(/^ticket-/, ''));
/** Ticket numbers are Postgres integers: a larger one is a 400, not a failed query (found by the fuzz stage). */
export const idParam = z.object({
  id: z
    .string()
    // The range is in the pattern too, so the document says it (schemathesis built 10-digit numbers from
    // the bare \d+): 1 to 2147483647, leading zeros allowed.
    .regex(/^(ticket-)?0*([1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/, 'ticket id is a whole number from 1 to 2147483647, or ticket-<number>')
    .refine((id) => isPgIntId(ticketNumber(id)), `ticket numbers are at most ${INT4_MAX}`),
});

type TicketRow = typeof tickets.$inferSelect;

/** A ticket the user may see: its read-model row, its live view when asked (or when the row is missing). */
export interface TicketRef {
  number: number;
  row: TicketRow | null;
  live: TicketView | null;
  branch: string | null;
  assigneeId: string | null;
}

async function queryLive(deps: ApiDeps, number: number, rowExists: boolean): Promise<TicketView | null> {
  try {
    return await withTemporalWorker(deps, () => deps.temporal.workflow.getHandle(ticketWorkflowId(number)).query(ticketStateQuery));
  } catch (e) {
    // Workflow gone (closed past retention): the read model is the record.
    if (rowExists || e instanceof WorkflowNotFoundError) return null;
    throw toDomainError(e);
  }
}

/**
 * Loads a ticket and checks the user may see it. The read model answers; the workflow (the authority)
 * answers for a ticket it has not projected yet, so the number POST /feedback?wait=true just returned
 * is readable and takes commands at once (read-your-writes), and `live` asks it always.
 */
export async function loadTicket(deps: ApiDeps, user: SessionUser, number: number, opts: { live?: boolean } = {}): Promise<TicketRef> {
  const [row] = await deps.db.select().from(tickets).where(eq(tickets.number, number));
  const live = row && !opts.live ? null : await queryLive(deps, number, !!row);
  const scope = live ?? row;
  if (!scope) throw new DomainError('NOT_FOUND', `Ticket ${number} not found`);
  if (!canSeeTicket(user, scope)) throw new DomainError('FORBIDDEN', 'This ticket belongs to a branch you do not work');
  return { number, row: row ?? null, live, branch: scope.branch, assigneeId: scope.assigneeId };
}

/** A ticket command: its body, its workflow update, and what the API checks first (may refine the body). */
export interface CommandSpec<T extends object> {
  path: string;
  schema: z.ZodType<T, T>;
  update: UpdateDefinition<TicketView, [WithActor<T>]>;
  summary: string;
  prepare?: (deps: ApiDeps, user: SessionUser, ticket: TicketRef, body: T) => Promise<T>;
}

export const assignCommand: CommandSpec<AssignCommand> = {
  path: 'assign',
  schema: assignCommandSchema,
  update: assignUpdate,
  summary: 'Assign to a user (or null to unassign). Agents take unassigned tickets; managers and admins (re)assign',
  async prepare(deps, user, ticket, body) {
    const refusal = assignRefusal(user, ticket.assigneeId, body.userId);
    if (refusal) throw new DomainError('FORBIDDEN', refusal);
    if (body.userId !== null) await assertAssignee(deps, ticket.branch, body.userId);
    // An agent's take holds only while nobody else has the ticket: the workflow checks that atomically.
    return user.role === 'agent' ? { ...body, expectedAssigneeId: ticket.assigneeId } : body;
  },
};
export const statusCommand: CommandSpec<StatusCommand> = {
  path: 'status',
  schema: statusCommandSchema,
  update: changeStatusUpdate,
  summary: 'Move the ticket to another status; "reopened" reopens as POST /reopen does (409 lists the allowed moves)',
};
export const priorityCommand: CommandSpec<PriorityCommand> = {
  path: 'priority',
  schema: priorityCommandSchema,
  update: changePriorityUpdate,
  summary: 'Change priority; SLA due times are re-computed from the start',
};
export const resolveCommand: CommandSpec<ResolveCommand> = {
  path: 'resolve',
  schema: resolveCommandSchema,
  update: resolveUpdate,
  summary: 'Resolve with a root cause and an action taken',
  prepare: async (deps, _user, _ticket, body) => (await assertResolutionTaxonomy(deps, body), body),
};

/** Runs one command as the API does for a single ticket: see, check, then the workflow's update decides. */
/**
 * `idempotencyKey`: the workflow update's id, so a repeated request (double click, a reload that sends
 * again) is answered by Temporal with the first one's result instead of running twice.
 */
export async function runCommand<T extends object>(deps: ApiDeps, user: SessionUser, number: number, spec: CommandSpec<T>, body: T, idempotencyKey?: string): Promise<TicketView> {
  const ticket = await loadTicket(deps, user, number);
  const cmd = spec.prepare ? await spec.prepare(deps, user, ticket, body) : body;
  try {
    const updateId = idempotencyKey === undefined ? undefined : `${spec.path}:${user.id}:${idempotencyKey}`;
    const handle = deps.temporal.workflow.getHandle(ticketWorkflowId(number));
    const view = await withTemporalWorker(deps, () => handle.executeUpdate(spec.update, { args: [{ ...cmd, actor: { id: user.id, name: user.name } }], ...(updateId ? { updateId } : {}) }));
    return liveViewOf(view);
  } catch (e) {
    throw toDomainError(e);
  }
}

/** The assignee must be active and work the ticket's branch (so they can open it); anyone active for a branch-less ticket. */
async function assertAssignee(deps: ApiDeps, branch: string | null, userId: string) {
  const [target] = await deps.db.select({ role: users.role, branches: users.branches }).from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  const problem = !target ? `no active user ${userId}` : !canBeAssigned(target, branch) ? `${userId} does not work branch ${branch}` : null;
  if (problem) throw invalidFields([{ path: 'userId', message: problem }]);
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
