// The CSAT answer as the read model keeps it, for a survey page whose ticket workflow has finished.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { tickets } from './schema';

export async function csatOnRecord(db: Pick<Db, 'select'>, ticketNumber: number): Promise<{ score: number; answeredAt: number; captureType: string | null; locale: string | null; branch: string | null } | null> {
  const [row] = await db
    .select({ score: tickets.csatScore, answeredAt: tickets.csatAnsweredAt, captureType: tickets.captureType, locale: tickets.locale, branch: tickets.branch })
    .from(tickets)
    .where(eq(tickets.number, ticketNumber));
  return row && row.score !== null && row.answeredAt ? { ...row, score: row.score, answeredAt: row.answeredAt.getTime() } : null;
}
