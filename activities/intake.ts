// Intake activities: store the feedback, then decide (once) whether and how it opens a ticket.
import { randomBytes } from 'node:crypto';
import { and, eq, gte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { feedbackFromRow } from '../db/feedback';
import { branchCalendar } from '../db/org';
import { activeRules } from '../db/rules';
import { feedback, rules } from '../db/schema';
import { readSetting } from '../db/settings';
import { poolMembers } from '../db/users';
import { pickAssignee } from '../domain/assignment';
import { contactKey, type NormalizedFeedback } from '../domain/feedback';
import { firstMatch } from '../domain/rules';
import { isRepeatDetractor } from '../domain/score-tiers';
import type { TicketInput } from '../domain/ticket';
import { ticketInputFrom } from '../domain/ticket-input';
import { enqueueFeedbackWebhook, wakeDispatchers } from './webhook-outbox';
import { Context } from '@temporalio/activity';
import { ticketWorkflowId } from '../domain/ticket';
import { startWorkflowOnce } from '../platform/temporal';
import { initialSearchAttributes, ticketSummary } from '../workflows/search-attributes';
import type { ticketWorkflow } from '../workflows/ticket';

export type Decision = { outcome: 'no_match' } | { outcome: 'ticket'; ticket: TicketInput };

const REPEAT_WINDOW_DAYS = 90;

export function createIntakeActivities(db: Db, opts: { random?: () => number } = {}) {
  const random = opts.random ?? Math.random;
  /** Stores the feedback (idempotent on its id and on (channel, externalId)) and its webhook event; the
   * subscriptions to wake once the transaction commits. */
  async function insertFeedback(tx: Tx, feedbackId: string, fb: NormalizedFeedback, receivedAt: number): Promise<string[]> {
    const row = {
      id: feedbackId,
      channel: fb.channel,
      externalId: fb.externalId ?? null,
      type: fb.type,
      score: fb.score,
      comment: fb.comment ?? null,
      contact: fb.contact ?? {},
      branch: fb.branch ?? null,
      service: fb.service ?? null,
      submittedAt: fb.submittedAt ?? receivedAt,
      receivedAt,
      collectionPointId: fb.collectionPointId ?? null,
      locale: fb.locale ?? null,
    };
    await tx
      .insert(feedback)
      .values({ ...row, contactKey: contactKey(row.contact), submittedAt: new Date(row.submittedAt), receivedAt: new Date(receivedAt) })
      .onConflictDoNothing();
    return enqueueFeedbackWebhook(tx, row);
  }

  /** Runs the ordered rules once per feedback; a retry returns the stored decision. */
  async function decide(tx: Tx, feedbackId: string): Promise<Decision> {
    const [fb] = await tx.select().from(feedback).where(eq(feedback.id, feedbackId)).for('update');
    if (!fb) throw new Error(`feedback ${feedbackId} not recorded`);
    if (fb.outcome === 'no_match') return { outcome: 'no_match' };
    if (fb.outcome === 'ticket' && fb.decision) return { outcome: 'ticket', ticket: fb.decision };

    const input = feedbackFromRow(fb);
    const match = firstMatch(await activeRules(tx), input);
    if (!match) {
      await tx.update(feedback).set({ outcome: 'no_match' }).where(eq(feedback.id, feedbackId));
      return { outcome: 'no_match' };
    }
    const rule = match.rule;

    // Round-robin cursor: the rule row lock serialises concurrent intakes so the rotation stays fair.
    const [ruleRow] = await tx.select().from(rules).where(eq(rules.id, rule.id)).for('update');
    const pool = rule.outcome.pool;
    // The members' row locks serialise every assignment to these people (other rules, escalations)
    // until this decision is stored, so capacity is read after the previous decision, never beside it.
    const members = await poolMembers(tx, pool, { lock: true });
    const pick = pickAssignee({ strategy: rule.outcome.strategy, pool, cursor: ruleRow.rrCursor, members, random01: random() });
    if (pick.nextCursor !== ruleRow.rrCursor) await tx.update(rules).set({ rrCursor: pick.nextCursor }).where(eq(rules.id, rule.id));

    const key = fb.contactKey;
    const history = key
      ? await tx
          .select({ type: feedback.type, score: feedback.score, submittedAt: feedback.submittedAt })
          .from(feedback)
          .where(
            and(
              eq(feedback.contactKey, key),
              gte(feedback.submittedAt, new Date(fb.submittedAt.getTime() - REPEAT_WINDOW_DAYS * 86_400_000)),
              notInArray(feedback.id, [fb.id]),
            ),
          )
      : [];
    const repeatDetractor = isRepeatDetractor(
      history.map((h) => ({ type: h.type, score: h.score, submittedAt: h.submittedAt.getTime() })),
      { type: input.type, score: input.score, submittedAt: fb.submittedAt.getTime() },
      REPEAT_WINDOW_DAYS,
    );

    const inForce = { sla: await readSetting(tx, 'sla'), settings: await readSetting(tx, 'tickets'), calendar: fb.branch ? await branchCalendar(tx, fb.branch) : null };
    const ticket = ticketInputFrom({
      number: await nextTicketNumber(tx),
      feedback: { ...input, id: fb.id, receivedAt: fb.receivedAt.getTime() },
      origin: { rule, assigneeId: pick.userId, repeatDetractor },
      inForce,
      replyToken: randomBytes(16).toString('hex'),
    });
    await tx
      .update(feedback)
      .set({ outcome: 'ticket', ruleId: rule.id, ticketNumber: ticket.number, assigneeId: pick.userId, decision: ticket })
      .where(eq(feedback.id, feedbackId));
    return { outcome: 'ticket', ticket };
  }

  /** Both steps in one transaction. */
  async function recordAndEvaluateFeedback(feedbackId: string, fb: NormalizedFeedback, receivedAt: number): Promise<Decision> {
    const { hooked, decision } = await db.transaction(async (tx) => ({ hooked: await insertFeedback(tx, feedbackId, fb, receivedAt), decision: await decide(tx, feedbackId) }));
    await wakeDispatchers(hooked);
    return decision;
  }

  return {
    /** Idempotent on the feedback id (the intake workflow id) and on (channel, externalId). */
    async recordFeedback(feedbackId: string, fb: NormalizedFeedback, receivedAt: number): Promise<void> {
      await wakeDispatchers(await db.transaction((tx) => insertFeedback(tx, feedbackId, fb, receivedAt)));
    },
    /** Runs the ordered rules once per feedback; a retry returns the stored decision. */
    async evaluateFeedback(feedbackId: string): Promise<Decision> {
      return db.transaction((tx) => decide(tx, feedbackId));
    },
    /** Both steps in one activity (intake-one-activity) and one transaction: one activity task and one
     * workflow task fewer per accepted feedback, one commit fewer. Both steps are idempotent, so a retry
     * of the whole repeats nothing. */
    recordAndEvaluateFeedback,
    /** intake-local-activity: recorded, evaluated, and the ticket's workflow started from here (not as the
     * intake's child: no further workflow task). A retry finds the stored decision and the workflow already
     * started (its id is never reused: even a ticket already closed is not started again). */
    async recordEvaluateAndStartTicket(feedbackId: string, fb: NormalizedFeedback, receivedAt: number): Promise<Decision> {
      const decision = await recordAndEvaluateFeedback(feedbackId, fb, receivedAt);
      if (decision.outcome !== 'ticket') return decision;
      const { ticket } = decision;
      const ctx = Context.current();
      // The workflow's name, not its function: workflow code stays out of the activities' imports.
      await startWorkflowOnce<typeof ticketWorkflow>(ctx.client, 'ticketWorkflow', {
        taskQueue: ctx.info.taskQueue,
        workflowId: ticketWorkflowId(ticket.number),
        args: [ticket],
        typedSearchAttributes: initialSearchAttributes(ticket),
        staticSummary: ticketSummary(ticket),
      });
      return decision;
    },
  };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type IntakeActivities = ReturnType<typeof createIntakeActivities>;

export async function nextTicketNumber(tx: Pick<Db, 'execute'>): Promise<number> {
  // Both drivers answer `{ rows: [...] }`; the shared Db type cannot say so, hence the check.
  const res: unknown = await tx.execute(sql`select nextval('ticket_number_seq')::int as n`);
  const row: unknown = res && typeof res === 'object' && 'rows' in res && Array.isArray(res.rows) ? res.rows[0] : null;
  if (!row || typeof row !== 'object' || !('n' in row)) throw new Error('nextval returned no row');
  return Number(row.n);
}
