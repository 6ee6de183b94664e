// The ticket list as the board, views and bulk actions read it: filters and sort over the read model,
// always within what the user may see (domain/ticket-access.ts says who sees what; this is its SQL).
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES } from '../domain/lifecycle';
import type { Viewer } from '../domain/ticket-access';
import type { TicketFilter, TicketListQuery } from '../domain/ticket-list';
import { TICKET_STATUSES, type TicketStatus } from '../domain/types';
import type { Db } from './client';
import { tickets } from './schema';

const isStatus = (s: string): s is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(s);

/** canSeeTicket as SQL over `tickets`: undefined for an admin (no restriction). */
export function visibleTickets(user: Viewer): SQL | undefined {
  if (user.role === 'admin') return undefined;
  const mine = user.branches.length ? inArray(tickets.branch, user.branches) : sql`false`;
  const branchless = user.role === 'manager' ? isNull(tickets.branch) : and(isNull(tickets.branch), eq(tickets.assigneeId, user.id));
  return or(mine, branchless);
}

/** The filters of a list or view query, within what the user sees. */
export function ticketFilterWhere(user: Viewer, q: Omit<TicketFilter, 'sort'>): SQL | undefined {
  const where: Array<SQL | undefined> = [visibleTickets(user)];
  if (q.status) where.push(inArray(tickets.status, q.status.split(',').filter(isStatus)));
  if (q.priority) where.push(eq(tickets.priority, q.priority));
  if (q.kind) where.push(eq(tickets.kind, q.kind));
  if (q.branch) where.push(eq(tickets.branch, q.branch));
  if (q.service) where.push(eq(tickets.service, q.service));
  if (q.assignee) where.push(q.assignee === 'none' ? isNull(tickets.assigneeId) : eq(tickets.assigneeId, q.assignee === 'me' ? user.id : q.assignee));
  if (q.breached) where.push(eq(tickets.breached, q.breached === 'true'));
  if (q.escalationLevel !== undefined) where.push(eq(tickets.escalationLevel, q.escalationLevel));
  if (q.q) {
    const words = sql`${tickets.search} @@ plainto_tsquery('simple', ${q.q})`;
    const number = /^#?(\d{1,9})$/.exec(q.q.trim());
    where.push(number ? or(eq(tickets.number, Number(number[1])), words)! : words);
  }
  const present = where.filter((w): w is SQL => w !== undefined);
  return present.length ? and(...present) : undefined;
}

const ORDER: Record<TicketFilter['sort'], SQL[]> = {
  sla_due: [asc(tickets.resolutionDueAt)],
  churn_risk: [sql`${tickets.churnRisk} desc nulls last`],
  urgency: [sql`case ${tickets.urgency} when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`, asc(tickets.createdAt)],
  age: [asc(tickets.createdAt)],
  newest: [desc(tickets.createdAt)],
};

/** The columns a board row needs: no contact, comment or full analysis leaves the read model. */
export const summaryColumns = {
  number: tickets.number,
  status: tickets.status,
  priority: tickets.priority,
  kind: tickets.kind,
  channel: tickets.channel,
  captureType: tickets.captureType,
  score: tickets.score,
  title: tickets.title,
  branch: tickets.branch,
  service: tickets.service,
  ruleId: tickets.ruleId,
  assigneeId: tickets.assigneeId,
  escalationLevel: tickets.escalationLevel,
  breached: tickets.breached,
  sla: tickets.sla,
  reopenCount: tickets.reopenCount,
  linkedTicketNumber: tickets.linkedTicketNumber,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  firstRespondedAt: tickets.firstRespondedAt,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
  sentiment: tickets.sentiment,
  urgency: tickets.urgency,
  churnRisk: tickets.churnRisk,
};

/** One page of board rows and the total that match. */
export async function listTickets(db: Db, user: Viewer, q: TicketListQuery) {
  const cond = ticketFilterWhere(user, q);
  const [items, [{ total }]] = await Promise.all([
    db.select(summaryColumns).from(tickets).where(cond).orderBy(...ORDER[q.sort], desc(tickets.number)).limit(q.limit).offset(q.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(cond),
  ]);
  return { items, total: Number(total) };
}

/** How many tickets match a view: one count query. */
export async function countTickets(db: Pick<Db, 'select'>, user: Viewer, q: Omit<TicketFilter, 'sort'>): Promise<number> {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(ticketFilterWhere(user, q));
  return Number(total);
}

/**
 * The user's open tickets whose SLA is at risk: breached, a clock in its warning band (80 % used),
 * or a due time within `horizonMs` — most urgent first.
 */
export async function slaRiskTickets(db: Db, user: Viewer, now: number, opts: { horizonMs: number; limit: number }) {
  const open = ticketFilterWhere(user, { assignee: 'me', status: OPEN_STATUSES.join(',') });
  const soon = new Date(now + opts.horizonMs);
  const risk = or(
    eq(tickets.breached, true),
    sql`${tickets.sla}->'firstResponse'->>'state' = 'warning'`,
    sql`${tickets.sla}->'resolution'->>'state' = 'warning'`,
    and(sql`${tickets.sla}->'firstResponse'->>'state' = 'running'`, sql`${tickets.firstResponseDueAt} < ${soon}`),
    sql`${tickets.resolutionDueAt} < ${soon}`,
  );
  const cond = and(open, risk);
  const [items, [{ total }]] = await Promise.all([
    db.select(summaryColumns).from(tickets).where(cond).orderBy(sql`${tickets.resolutionDueAt} asc nulls last`, desc(tickets.number)).limit(opts.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(cond),
  ]);
  return { items, total: Number(total) };
}
