// Mail to the customer: public replies threaded into one conversation, the CSAT survey after
// resolution and the review ask for promoters. Each send is exactly-once per ticket event.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';
import { replySubject, ticketMessageId } from '../domain/email-threading';
import type { Actor } from '../domain/ticket';
import type { TicketView } from '../workflows/ticket-view';
import type { Mailer } from './mail/smtp';
import { claimAdvocacyAsk } from './advocacy-cap';
import { readSetting } from './settings';
import { sendOnce } from './outbox';

export interface CustomerMailDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  mailDomain: string;
}

export function createCustomerMailActivities(deps: CustomerMailDeps) {
  // Every message of a ticket references the first one so mail clients show one conversation.
  const root = (t: TicketView) => ticketMessageId(t.number, 0, deps.mailDomain);

  return {
    async sendPublicReply(ticket: TicketView, seq: number, body: string, actor: Actor): Promise<{ to: string; messageId: string; subject: string } | null> {
      const to = ticket.contact.email;
      if (!to) return null;
      const messageId = ticketMessageId(ticket.number, seq, deps.mailDomain);
      const subject = replySubject(ticket.number, ticket.title);
      await sendOnce(deps.db, `t${ticket.number}:reply:${seq}`, { ticketNumber: ticket.number, channel: 'email', target: to, payload: { subject } }, async () => {
        await deps.mailer.sendMail({ to, subject, text: `${body}\n\n— ${actor.name}`, messageId, inReplyTo: root(ticket), references: [root(ticket)] });
      });
      return { to, messageId, subject };
    },

    async sendCsatSurvey(ticket: TicketView): Promise<{ token: string } | null> {
      const to = ticket.contact.email;
      if (!to) return null;
      const key = `t${ticket.number}:csat:${ticket.reopenCount}`;
      // The token is chosen once and kept in the outbox row, so a retry mails the same link.
      await deps.db.insert(notifications).values({ key, ticketNumber: ticket.number, channel: 'email', target: to, status: 'sending', payload: { token: `${ticket.number}.${randomBytes(16).toString('hex')}` } }).onConflictDoNothing();
      const [row] = await deps.db.select().from(notifications).where(eq(notifications.key, key));
      const token = (row.payload as { token: string }).token;
      if (row.status !== 'sent') {
        const link = `${deps.publicUrl}/csat/${token}`;
        await deps.mailer.sendMail({
          to,
          subject: replySubject(ticket.number, 'How did we do?'),
          text: `Hello${ticket.contact.name ? ` ${ticket.contact.name}` : ''},\n\nwe have resolved your request. How satisfied are you with how we handled it? Answer in one click (1 = very unhappy, 5 = very happy):\n\n${[1, 2, 3, 4, 5].map((s) => `${s}: ${link}?score=${s}`).join('\n')}\n\nIf we did not fix it, just reply to this mail.`,
          messageId: ticketMessageId(ticket.number, `csat${ticket.reopenCount}`, deps.mailDomain),
          inReplyTo: root(ticket),
          references: [root(ticket)],
        });
        await deps.db.update(notifications).set({ status: 'sent', sentAt: new Date() }).where(eq(notifications.key, key));
      }
      return { token };
    },

    async sendAdvocacyAsk(ticket: TicketView): Promise<{ sent: boolean; reason: string | null }> {
      const to = ticket.contact.email;
      if (!to) return { sent: false, reason: 'no e-mail address' };
      // At most `capPerQuarter` asks per customer per quarter; a retry finds its own claim and sends once.
      const decision = await claimAdvocacyAsk(deps.db, { ticketNumber: ticket.number, email: to, now: Date.now() });
      if (!decision.send) return { sent: false, reason: decision.reason };
      const { reviewUrl } = await readSetting(deps.db, 'advocacy');
      const sent = await sendOnce(deps.db, `t${ticket.number}:advocacy`, { ticketNumber: ticket.number, channel: 'email', target: to }, async () => {
        await deps.mailer.sendMail({
          to,
          subject: 'Thank you for your feedback!',
          text: `Hello${ticket.contact.name ? ` ${ticket.contact.name}` : ''},\n\nthank you for the great rating. Would you share it in a public review? It takes a minute:\n${reviewUrl}`,
          messageId: ticketMessageId(ticket.number, 'advocacy', deps.mailDomain),
        });
      });
      // `sent` is false when an earlier attempt of this same ask sent it: it went out either way.
      return { sent: sent || decision.send, reason: null };
    },
  };
}
