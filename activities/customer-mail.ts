// Mail to the customer: public replies threaded into one conversation, the CSAT survey after
// resolution (and its one optional reminder) and the review ask for promoters. Each send is
// exactly-once per ticket event; texts come from the templates (domain/templates.ts) in the customer's
// language (contact → branch default → English), dressed in the organisation's branding. The internal
// ticket title (rating code, the customer's name and words) is never among their values.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';
import { replyAddress, replySubject, ticketMessageId } from '../domain/email-threading';
import { translator, type Translator } from '../domain/i18n';
import { mailDress } from '../domain/mail-dress';
import { scoreLinks, type MailDress, type TemplateKey, type TemplateVars } from '../domain/templates';
import { readBranding } from '../db/branding';
import { readBranch } from '../db/org';
import type { Actor } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import type { Mailer } from './mailer';
import { claimAdvocacyAsk } from './advocacy-cap';
import { readSetting } from '../db/settings';
import { EMAIL_DELIVERY, sendOnce, type Delivery } from './outbox';
import { renderStoredTemplate } from '../db/templates';

export interface CustomerMailDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  mailDomain: string;
}

export type SentMail = {
  to: string;
  messageId: string;
  subject: string;
  /** Only when the mail server refused it for good (the timeline says so); absent when it went out. */
  delivery?: 'failed';
  error?: string;
};

const outcomeOf = (o: { delivery: Delivery; error?: string }): Partial<SentMail> => (o.delivery === 'failed' ? { delivery: 'failed', ...(o.error ? { error: o.error } : {}) } : {});

export function createCustomerMailActivities(deps: CustomerMailDeps) {
  // Every message of a ticket references the first one so mail clients show one conversation, and
  // carries the ticket's reply address so the answer finds its ticket whatever the client does.
  const root = (t: TicketView) => ticketMessageId(t.number, 0, deps.mailDomain);
  const thread = (t: TicketView) => ({
    inReplyTo: root(t),
    references: [root(t)],
    ...(t.replyToken ? { replyTo: replyAddress(deps.mailer.from, t.replyToken) } : {}),
  });

  /** Language, branding and the values every customer template may use. */
  async function customerContext(t: TicketView): Promise<{ tr: Translator; dress: MailDress; fromName: string; accentColor: string; vars: TemplateVars }> {
    const branch = t.branch ? await readBranch(deps.db, t.branch) : null;
    const branding = await readBranding(deps.db);
    const tr = translator(t.locale, branch?.locale);
    const name = t.contact.name;
    return {
      tr,
      dress: mailDress(tr, branding, deps.publicUrl),
      fromName: branding.fromName,
      accentColor: branding.accentColor,
      vars: {
        customerName: name ?? tr.t('mail.customerNameFallback'),
        greeting: name ? tr.t('mail.greeting', { name }) : tr.t('mail.greetingNoName'),
        ticketNumber: t.number,
        branchName: branch?.name ?? branding.displayName,
        organisationName: branding.displayName,
      },
    };
  }

  async function render(t: TicketView, key: TemplateKey, extra: (ctx: Awaited<ReturnType<typeof customerContext>>) => TemplateVars) {
    const ctx = await customerContext(t);
    const mail = await renderStoredTemplate(deps.db, key, { ...ctx.vars, ...extra(ctx) }, ctx.tr.chain, ctx.dress);
    return { ...mail, fromName: ctx.fromName };
  }

  /** The survey token is chosen once per resolution and kept in the outbox row (claimed, not yet sent:
   * 'pending'), so a retry mails the same link; the send itself goes through sendOnce like every mail. */
  async function surveyToken(ticket: TicketView, to: string): Promise<{ key: string; token: string }> {
    const key = `t${ticket.number}:csat:${ticket.reopenCount}`;
    await deps.db.insert(notifications).values({ key, ticketNumber: ticket.number, channel: 'email', target: to, status: 'pending', payload: { token: `${ticket.number}.${randomBytes(16).toString('hex')}` } }).onConflictDoNothing();
    const [row] = await deps.db.select().from(notifications).where(eq(notifications.key, key));
    return { key, token: (row.payload as { token: string }).token };
  }

  async function renderSurvey(ticket: TicketView, template: 'csat_survey' | 'csat_reminder', token: string) {
    const surveyUrl = `${deps.publicUrl}/csat/${token}`;
    // Feedback given with faces gets faces back; the answer is stored on the 1–5 scale either way.
    const scale = ticket.captureType === 'smile' ? 'smile' : 'five';
    const mail = await render(ticket, template, ({ tr, accentColor }) => ({ surveyUrl, scoreLinks: scoreLinks(surveyUrl, tr, scale, accentColor) }));
    return { ...mail, subject: replySubject(ticket.number, mail.subject) };
  }

  return {
    async sendPublicReply(ticket: TicketView, seq: number, body: string, actor: Actor): Promise<SentMail | null> {
      const to = ticket.contact.email;
      if (!to) return null;
      const messageId = ticketMessageId(ticket.number, seq, deps.mailDomain);
      const mail = await render(ticket, 'reply', () => ({ body, agentName: actor.name }));
      const subject = replySubject(ticket.number, mail.subject);
      const outcome = await sendOnce(
        deps.db,
        `t${ticket.number}:reply:${seq}`,
        { ticketNumber: ticket.number, channel: 'email', target: to, payload: { subject }, messageId },
        async () => {
          await deps.mailer.sendMail({ to, subject, text: mail.text, html: mail.html, messageId, fromName: mail.fromName, ...thread(ticket) });
        },
        EMAIL_DELIVERY,
      );
      return { to, messageId, subject, ...outcomeOf(outcome) };
    },

    async sendCsatSurvey(ticket: TicketView): Promise<{ token: string } | null> {
      const to = ticket.contact.email;
      if (!to) return null;
      const { key, token } = await surveyToken(ticket, to);
      const mail = await renderSurvey(ticket, 'csat_survey', token);
      const messageId = ticketMessageId(ticket.number, `csat${ticket.reopenCount}`, deps.mailDomain);
      // A refusal for good (5xx) is not retried; the survey simply was not delivered.
      await sendOnce(deps.db, key, { ticketNumber: ticket.number, channel: 'email', target: to, messageId }, async () => {
        await deps.mailer.sendMail({ to, subject: mail.subject, text: mail.text, html: mail.html, fromName: mail.fromName, messageId, ...thread(ticket) });
      }, EMAIL_DELIVERY);
      return { token };
    },

    /** The one reminder, with the same one-click links as the survey it follows. */
    async sendCsatReminder(ticket: TicketView): Promise<SentMail | null> {
      const to = ticket.contact.email;
      if (!to) return null;
      const { token } = await surveyToken(ticket, to);
      const mail = await renderSurvey(ticket, 'csat_reminder', token);
      const messageId = ticketMessageId(ticket.number, `csat${ticket.reopenCount}-reminder`, deps.mailDomain);
      const outcome = await sendOnce(
        deps.db,
        `t${ticket.number}:csat-reminder:${ticket.reopenCount}`,
        { ticketNumber: ticket.number, channel: 'email', target: to, payload: { subject: mail.subject }, messageId },
        async () => {
          await deps.mailer.sendMail({ to, subject: mail.subject, text: mail.text, html: mail.html, fromName: mail.fromName, messageId, ...thread(ticket) });
        },
        EMAIL_DELIVERY,
      );
      return { to, messageId, subject: mail.subject, ...outcomeOf(outcome) };
    },

    async sendAdvocacyAsk(ticket: TicketView): Promise<{ sent: boolean; reason: string | null }> {
      const to = ticket.contact.email;
      if (!to) return { sent: false, reason: 'no e-mail address' };
      // At most `capPerQuarter` asks per customer per quarter; a retry finds its own claim and sends once.
      const decision = await claimAdvocacyAsk(deps.db, { ticketNumber: ticket.number, email: to, now: Date.now() });
      if (!decision.send) return { sent: false, reason: decision.reason };
      const { reviewUrl } = await readSetting(deps.db, 'advocacy');
      const messageId = ticketMessageId(ticket.number, 'advocacy', deps.mailDomain);
      const outcome = await sendOnce(deps.db, `t${ticket.number}:advocacy`, { ticketNumber: ticket.number, channel: 'email', target: to, messageId }, async () => {
        const mail = await render(ticket, 'advocacy_ask', () => ({ reviewUrl }));
        await deps.mailer.sendMail({
          to,
          fromName: mail.fromName,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          ...(ticket.replyToken ? { replyTo: replyAddress(deps.mailer.from, ticket.replyToken) } : {}),
        });
      }, EMAIL_DELIVERY);
      // An earlier attempt of this same ask may have sent it: it went out either way.
      if (outcome.delivery === 'failed') return { sent: false, reason: outcome.error ?? 'refused by the mail server' };
      return { sent: true, reason: null };
    },
  };
}
