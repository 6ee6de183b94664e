// Writes a generated history into the read model: reference data first (branches, services, agents,
// managers, taxonomies, rules), then tickets, feedback and timeline events in batches of one
// `insert … select from unnest($1::int[], …)` each, the fastest plain-SQL bulk path on both drivers.
import { inArray, like, sql } from 'drizzle-orm';
import { hashPassword } from '../../platform/security';
import type { Db } from '../../db/client';
import { branches, feedback, rules, services, taxonomyEntries, ticketEvents, tickets, users } from '../../db/schema';
import { ticketWorkflowId } from '../../domain/ticket';
import { ACTIONS, agentsOf, BRANCHES, generateHistory, ROOT_CAUSES, RULES, SERVICES, type EventRow, type FeedbackRow, type TicketRow } from './generate';

export const HISTORY_PASSWORD = 'history-pass-1';
export const managerId = (branch: string) => `${branch}-manager`;

interface RawClient {
  query(text: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}
const client = (db: Db) => (db as unknown as { $client: RawClient }).$client;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

type Column<R> = [name: string, type: string, value: (r: R) => unknown];
const TICKET_COLUMNS: Array<Column<TicketRow>> = [
  ['number', 'int4', (t) => t.number],
  ['workflow_id', 'text', (t) => ticketWorkflowId(t.number)],
  ['feedback_id', 'text', (t) => t.feedbackId],
  ['status', 'text', (t) => t.status],
  ['priority', 'text', (t) => t.priority],
  ['kind', 'text', (t) => t.kind],
  ['channel', 'text', (t) => t.channel],
  ['capture_type', 'text', (t) => t.captureType],
  ['score', 'int4', (t) => t.score],
  ['branch', 'text', (t) => t.branch],
  ['service', 'text', (t) => t.service],
  ['rule_id', 'text', (t) => t.ruleId],
  ['assignee_id', 'text', (t) => t.assigneeId],
  ['escalation_level', 'int4', (t) => t.escalationLevel],
  ['breached', 'bool', (t) => t.breached],
  ['sla', 'jsonb', (t) => JSON.stringify(t.sla)],
  ['first_response_due_at', 'timestamptz', (t) => iso(t.firstResponseDueAt)],
  ['resolution_due_at', 'timestamptz', (t) => iso(t.resolutionDueAt)],
  ['title', 'text', (t) => t.title],
  ['comment', 'text', (t) => t.comment],
  ['contact', 'jsonb', (t) => JSON.stringify(t.contact)],
  ['sentiment', 'text', (t) => t.sentiment],
  ['urgency', 'text', (t) => t.urgency],
  ['churn_risk', 'float8', (t) => t.churnRisk],
  ['root_cause_id', 'text', (t) => t.rootCauseId],
  ['action_id', 'text', (t) => t.actionId],
  ['csat_score', 'int4', (t) => t.csatScore],
  ['reopen_count', 'int4', (t) => t.reopenCount],
  ['version', 'int4', () => 1],
  ['created_at', 'timestamptz', (t) => iso(t.createdAt)],
  ['updated_at', 'timestamptz', (t) => iso(t.updatedAt)],
  ['first_responded_at', 'timestamptz', (t) => iso(t.firstRespondedAt)],
  ['resolved_at', 'timestamptz', (t) => iso(t.resolvedAt)],
  ['closed_at', 'timestamptz', (t) => iso(t.closedAt)],
  ['first_response_ms', 'float8', (t) => t.firstResponseMs],
  ['resolution_ms', 'float8', (t) => t.resolutionMs],
  ['first_response_sla', 'text', (t) => t.firstResponseSla],
  ['resolution_sla', 'text', (t) => t.resolutionSla],
  ['max_escalation_level', 'int4', (t) => t.maxEscalationLevel],
  ['repeat_detractor', 'bool', (t) => t.repeatDetractor],
  ['themes', 'text[]', (t) => textArray(t.themes)],
  ['csat_sent_at', 'timestamptz', (t) => iso(t.csatSentAt)],
  ['csat_answered_at', 'timestamptz', (t) => iso(t.csatAnsweredAt)],
  ['csat_recovered', 'bool', (t) => t.csatRecovered],
];
const FEEDBACK_COLUMNS: Array<Column<FeedbackRow>> = [
  ['id', 'text', (f) => f.id],
  ['channel', 'text', (f) => f.channel],
  ['type', 'text', (f) => f.type],
  ['score', 'int4', (f) => f.score],
  ['comment', 'text', (f) => f.comment || null],
  ['contact_key', 'text', (f) => f.contactKey],
  ['branch', 'text', (f) => f.branch],
  ['service', 'text', (f) => f.service],
  ['submitted_at', 'timestamptz', (f) => iso(f.submittedAt)],
  ['received_at', 'timestamptz', (f) => iso(f.submittedAt + 1000)],
  ['rule_id', 'text', (f) => f.ruleId],
  ['outcome', 'text', (f) => f.outcome],
  ['ticket_number', 'int4', (f) => f.ticketNumber],
  ['assignee_id', 'text', (f) => f.assigneeId],
];
const EVENT_COLUMNS: Array<Column<EventRow>> = [
  ['ticket_number', 'int4', (e) => e.ticketNumber],
  ['seq', 'int4', (e) => e.seq],
  ['type', 'text', (e) => e.type],
  ['actor_id', 'text', (e) => e.actorId],
  ['actor_name', 'text', (e) => (e.actorId === 'system' ? 'Closeloop' : e.actorId === 'customer' ? 'Customer' : e.actorId)],
  ['at', 'timestamptz', (e) => iso(e.at)],
  ['from_value', 'text', (e) => e.from],
  ['to_value', 'text', (e) => e.to],
  ['reason', 'text', (e) => e.reason],
  ['data', 'jsonb', (e) => (e.data === null ? null : JSON.stringify(e.data))],
];

async function bulkInsert<R>(c: RawClient, table: string, columns: Array<Column<R>>, rows: R[]) {
  if (!rows.length) return;
  // Arrays of arrays must be rectangular in Postgres, so text[] travels as its literal and is cast per row.
  const params = columns.map(([, , value]) => rows.map(value));
  const select = columns.map(([, type], i) => (type === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type === 'text[]' ? 'text' : type}[]`).join(', ');
  await c.query(`insert into ${table} (${columns.map(([n]) => n).join(', ')}) select ${select} from unnest(${unnest}) as u(${columns.map((_, i) => `c${i}`).join(', ')})`, params);
}

/** Branches, services, 6 agents and a manager per branch, taxonomies and the (inactive) history rules. */
export async function insertReferenceData(db: Db) {
  const passwordHash = await hashPassword(HISTORY_PASSWORD);
  await db.insert(branches).values(BRANCHES.map((b) => ({ id: b.id, name: b.name }))).onConflictDoNothing();
  await db.insert(services).values(SERVICES.map((s) => ({ id: s.id, name: s.name }))).onConflictDoNothing();
  const people = BRANCHES.flatMap((b) => [
    ...agentsOf(b.id).map((id, i) => ({ id, email: `agent${i + 1}.${b.name.toLowerCase()}@history.test`, name: `${['Ada', 'Ben', 'Chloé', 'Dev', 'Eli', 'Fatima'][i]} (${b.name})`, role: 'agent' as const, branches: [b.id] })),
    { id: managerId(b.id), email: `manager.${b.name.toLowerCase()}@history.test`, name: `Manager ${b.name}`, role: 'manager' as const, branches: [b.id] },
  ]);
  await db.insert(users).values(people.map((p) => ({ ...p, passwordHash }))).onConflictDoNothing();
  await db
    .insert(taxonomyEntries)
    .values([...ROOT_CAUSES.map((c) => ({ id: c.id, kind: 'root_cause' as const, name: c.name })), ...ACTIONS.map((a) => ({ id: a.id, kind: 'action' as const, name: a.name }))])
    .onConflictDoNothing();
  // Inactive: they only name the rule that opened a historic ticket, never match live feedback.
  await db
    .insert(rules)
    .values(RULES.map((r, i) => ({ id: r.id, name: r.name, active: false, position: 1000 + i, definition: { note: 'history seed: not evaluated' } })))
    .onConflictDoNothing();
}

/** Removes a previous history (its rows carry the hist- prefix); live data is left alone. */
export async function removeHistory(db: Db) {
  const numbers = db.select({ n: tickets.number }).from(tickets).where(like(tickets.feedbackId, 'hist-fb-%'));
  await db.delete(ticketEvents).where(inArray(ticketEvents.ticketNumber, numbers));
  await db.delete(tickets).where(like(tickets.feedbackId, 'hist-fb-%'));
  await db.delete(feedback).where(like(feedback.id, 'hist-fb-%'));
}

export async function seedHistory(db: Db, opts: { tickets: number; days: number; seed: number; now?: number; onProgress?: (done: number) => void }) {
  const c = client(db);
  await insertReferenceData(db);
  const [{ first }] = (await c.query(`select nextval('ticket_number_seq')::int as first`)).rows as Array<{ first: number }>;
  let done = 0;
  for (const batch of generateHistory({ tickets: opts.tickets, days: opts.days, seed: opts.seed, now: opts.now ?? Date.now(), firstNumber: first })) {
    await bulkInsert(c, 'tickets', TICKET_COLUMNS, batch.tickets);
    await bulkInsert(c, 'feedback', FEEDBACK_COLUMNS, batch.feedback);
    await bulkInsert(c, 'ticket_events', EVENT_COLUMNS, batch.events);
    done += batch.tickets.length;
    opts.onProgress?.(done);
  }
  // Live intake continues after the history's numbers.
  await c.query(`select setval('ticket_number_seq', greatest($1::bigint, (select last_value from ticket_number_seq)))`, [first + opts.tickets]);
  // Fresh statistics, and a visibility map so the report indexes answer without visiting the heap
  // (autovacuum would get there too, later).
  for (const table of ['tickets', 'feedback', 'ticket_events']) await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  return { firstNumber: first, lastNumber: first + opts.tickets - 1 };
}
