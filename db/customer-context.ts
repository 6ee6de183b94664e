// A contact's tickets and feedback by their contact key (tickets.contact_key mirrors
// domain/feedback.ts contactKey, as feedback.contact_key does), newest first, bounded; who may see
// which is decided in domain/customer-context.ts.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { CONTEXT_LIMIT, type ContextFeedbackRow, type ContextTicketRow } from '../domain/customer-context';
import type { Db } from './client';
import { feedback, ticketEvents, tickets } from './schema';

const ms = (d: Date | null) => (d === null ? null : d.getTime());

export async function contactHistory(db: Pick<Db, 'select'>, key: string): Promise<{ tickets: ContextTicketRow[]; feedback: ContextFeedbackRow[] }> {
  const [t, f] = await Promise.all([
    db
      .select({
        number: tickets.number,
        title: tickets.title,
        status: tickets.status,
        channel: tickets.channel,
        branch: tickets.branch,
        assigneeId: tickets.assigneeId,
        createdAt: tickets.createdAt,
        csatScore: tickets.csatScore,
        csatAnsweredAt: tickets.csatAnsweredAt,
        churnRisk: tickets.churnRisk,
        sentiment: tickets.sentiment,
      })
      .from(tickets)
      .where(eq(tickets.contactKey, key))
      .orderBy(desc(tickets.createdAt))
      .limit(CONTEXT_LIMIT),
    db
      .select({
        id: feedback.id,
        channel: feedback.channel,
        type: feedback.type,
        score: feedback.score,
        comment: feedback.comment,
        branch: feedback.branch,
        submittedAt: feedback.submittedAt,
        ticketNumber: feedback.ticketNumber,
        ticketAssigneeId: tickets.assigneeId,
        ticketBranch: tickets.branch,
      })
      .from(feedback)
      .leftJoin(tickets, eq(tickets.number, feedback.ticketNumber))
      .where(eq(feedback.contactKey, key))
      .orderBy(desc(feedback.submittedAt))
      .limit(CONTEXT_LIMIT),
  ]);
  return {
    tickets: t.map((r) => ({ ...r, createdAt: r.createdAt.getTime(), csatAnsweredAt: ms(r.csatAnsweredAt) })),
    feedback: f.map((r) => ({ ...r, submittedAt: r.submittedAt.getTime() })),
  };
}

/** The comment of each ticket's latest CSAT answer. */
export async function csatComments(db: Pick<Db, 'select'>, numbers: number[]): Promise<Map<number, string | null>> {
  if (!numbers.length) return new Map();
  const rows = await db
    .select({ ticketNumber: ticketEvents.ticketNumber, data: ticketEvents.data })
    .from(ticketEvents)
    .where(and(inArray(ticketEvents.ticketNumber, numbers), eq(ticketEvents.type, 'csat_answered')))
    .orderBy(ticketEvents.ticketNumber, ticketEvents.seq);
  const out = new Map<number, string | null>();
  for (const r of rows) {
    const comment = r.data?.comment;
    if (typeof comment === 'string' && comment.trim()) out.set(r.ticketNumber, comment);
    else if (!out.has(r.ticketNumber)) out.set(r.ticketNumber, null);
  }
  return out;
}
