// Files that came with customer mail, kept in Postgres so every process serves them.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { ticketAttachments, tickets } from './schema';

/** Keeps one attachment; its id is derived from the mail, so a redelivery adds nothing. */
export async function storeAttachment(db: Db, values: typeof ticketAttachments.$inferInsert): Promise<void> {
  await db.insert(ticketAttachments).values(values).onConflictDoNothing();
}

/** The attachment with the branch of its ticket (who may download it), or undefined. */
export async function attachmentWithBranch(db: Pick<Db, 'select'>, id: string) {
  const [row] = await db
    .select({ a: ticketAttachments, branch: tickets.branch, assigneeId: tickets.assigneeId })
    .from(ticketAttachments)
    .leftJoin(tickets, eq(tickets.number, ticketAttachments.ticketNumber))
    .where(eq(ticketAttachments.id, id));
  return row;
}
