// Stored feedback as the rules see it: one row → NormalizedFeedback, and a period of it for the rule
// simulation. The intake activities (activities/intake.ts) write and decide it.
import { and, asc, gte, lt } from 'drizzle-orm';
import type { NormalizedFeedback } from '../domain/feedback';
import type { Db } from './client';
import { feedback } from './schema';

/** A stored feedback row as the rules see it. */
export function feedbackFromRow(r: typeof feedback.$inferSelect): NormalizedFeedback {
  return {
    channel: r.channel,
    type: r.type,
    score: r.score,
    comment: r.comment ?? undefined,
    contact: r.contact,
    branch: r.branch ?? undefined,
    service: r.service ?? undefined,
    ...(r.locale ? { locale: r.locale } : {}),
  };
}

/** Feedback submitted in [from, to), oldest first, at most `limit`. */
export async function feedbackSubmittedBetween(db: Pick<Db, 'select'>, from: Date, to: Date, limit: number): Promise<NormalizedFeedback[]> {
  const rows = await db
    .select()
    .from(feedback)
    .where(and(gte(feedback.submittedAt, from), lt(feedback.submittedAt, to)))
    .orderBy(asc(feedback.submittedAt))
    .limit(limit);
  return rows.map(feedbackFromRow);
}
