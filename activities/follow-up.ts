// A customer answer to a ticket that is closed for good (its reopen window has passed) opens a new
// ticket linked to the old one, Zendesk-style. It continues the old case: same contact, branch,
// service, kind, owner and escalation chain, without going through the rules again.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { feedbackFromRow } from '../db/feedback';
import { branchCalendar } from '../db/org';
import { feedback, tickets } from '../db/schema';
import { readSetting } from '../db/settings';
import type { TicketInput } from '../domain/ticket';
import { ticketInputFrom } from '../domain/ticket-input';
import { nextTicketNumber } from './intake';

export function createFollowUpActivities(db: Db) {
  return {
    /** Once per feedback (the inbound mail): a retry returns the stored decision. */
    async openFollowUpTicket(feedbackId: string, linkedTicketNumber: number): Promise<TicketInput> {
      return db.transaction(async (tx) => {
        const [fb] = await tx.select().from(feedback).where(eq(feedback.id, feedbackId)).for('update');
        if (!fb) throw new Error(`feedback ${feedbackId} not recorded`);
        if (fb.outcome === 'ticket' && fb.decision) return fb.decision;
        const [old] = await tx.select().from(tickets).where(eq(tickets.number, linkedTicketNumber));
        if (!old) throw new Error(`ticket ${linkedTicketNumber} not found`);
        const [origin] = old.feedbackId ? await tx.select({ decision: feedback.decision }).from(feedback).where(eq(feedback.id, old.feedbackId)) : [];
        const before = origin?.decision ?? null;
        const ticket = ticketInputFrom({
          number: await nextTicketNumber(tx),
          feedback: { ...feedbackFromRow(fb), id: fb.id, receivedAt: fb.receivedAt.getTime() },
          origin: { continues: old, decision: before },
          inForce: { sla: await readSetting(tx, 'sla'), settings: await readSetting(tx, 'tickets'), calendar: old.branch ? await branchCalendar(tx, old.branch) : null },
          replyToken: randomBytes(16).toString('hex'),
        });
        await tx.update(feedback).set({ outcome: 'ticket', ruleId: old.ruleId, ticketNumber: ticket.number, assigneeId: old.assigneeId, decision: ticket }).where(eq(feedback.id, feedbackId));
        return ticket;
      });
    },
  };
}

export type FollowUpActivities = ReturnType<typeof createFollowUpActivities>;
