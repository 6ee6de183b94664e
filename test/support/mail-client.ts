// The customer's side of the conversation: replies composed the way Gmail, Outlook and Apple Mail
// compose them (nodemailer's MailComposer writes the RFC 5322 / MIME), delivered into the support
// mailbox over IMAP APPEND as the customer's provider would.
import { ImapFlow } from 'imapflow';
import type { ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { Dovecot } from './dovecot';

export type Client = 'gmail' | 'outlook' | 'apple';

export interface ReplyOptions {
  from: { name: string; address: string };
  body: string;
  /** Where the reply goes: by default the Reply-To of the original, as every client does. */
  to?: string;
  messageId?: string;
  subject?: string;
  /** Drop In-Reply-To/References, as some clients and forwarding paths do. */
  noReferences?: boolean;
  attachments?: Mail.Attachment[];
  headers?: Record<string, string>;
}

const addr = (a: ParsedMail['from'] | ParsedMail['replyTo']) => a?.value[0]?.address ?? '';
const quote = (s: string) => s.trimEnd().split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n');
const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

export async function composeReply(client: Client, original: ParsedMail, o: ReplyOptions): Promise<Buffer> {
  const support = original.from?.value[0];
  const supportText = `${support?.name ?? 'Support'} <${support?.address}>`;
  const origText = original.text ?? '';
  const refs = [...(Array.isArray(original.references) ? original.references : original.references ? [original.references] : []), original.messageId!];
  const date = original.date ?? new Date();
  let subject: string;
  let text: string;
  let html: string | undefined;
  const extra: Record<string, string> = {};
  if (client === 'gmail') {
    subject = `Re: ${original.subject}`;
    // Gmail wraps the attribution line at 78 columns in the text part.
    const attribution = `On Mon, Nov 23, 2026 at 9:00 AM ${support?.name ?? 'Support'} <\n${support?.address}> wrote:`;
    text = `${o.body}\n\n${attribution}\n\n${quote(origText)}\n`;
    html = `<div dir="ltr">${esc(o.body).replace(/\n/g, '<br>')}</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Nov 23, 2026 at 9:00 AM ${esc(supportText)} wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${esc(origText).replace(/\n/g, '<br>')}</blockquote></div>`;
  } else if (client === 'outlook') {
    subject = `RE: ${original.subject}`;
    text = `${o.body}\n\n________________________________\nFrom: ${supportText}\nSent: Monday, November 23, 2026 9:00 AM\nTo: ${o.from.name} <${o.from.address}>\nSubject: ${original.subject}\n\n${origText.trimEnd()}\n`;
    html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div class="WordSection1"><p class="MsoNormal">${esc(o.body).replace(/\n/g, '<br>')}</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> ${esc(supportText)}<br><b>Sent:</b> Monday, November 23, 2026 9:00 AM<br><b>To:</b> ${esc(o.from.name)}<br><b>Subject:</b> ${esc(original.subject ?? '')}</p></div><p class="MsoNormal">${esc(origText).replace(/\n/g, '<br>')}</p></div></body></html>`;
    extra['Thread-Topic'] = (original.subject ?? '').replace(/^\[#\d+\]\s*/, '');
    extra['Thread-Index'] = 'AQHZ1a2bQ3m4kR7fUk2W5yq8XJ9x3A==';
    extra['X-MS-Has-Attach'] = o.attachments?.length ? 'yes' : '';
  } else {
    subject = `Re: ${original.subject}`;
    text = `${o.body}\n\nSent from my iPhone\n\n> On 23 Nov 2026, at 10:00, ${supportText} wrote:\n> \n${quote(origText)}\n`;
    extra['X-Mailer'] = 'iPhone Mail (22B83)';
  }
  const composer = new MailComposer({
    from: o.from,
    to: o.to ?? (addr(original.replyTo) || addr(original.from)),
    subject: o.subject ?? subject,
    text,
    ...(html ? { html } : {}),
    messageId: o.messageId ?? `<${Math.random().toString(36).slice(2)}@${o.from.address.split('@')[1]}>`,
    date: new Date(date.getTime() + 3_600_000),
    ...(o.noReferences ? {} : { inReplyTo: original.messageId, references: refs }),
    headers: { ...extra, ...o.headers },
    attachments: o.attachments,
  });
  return composer.compile().build();
}

/** The customer's provider delivers a raw message into the support mailbox. */
export async function deliver(imap: Dovecot, raw: Buffer | string): Promise<void> {
  const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await c.connect();
  await c.append('INBOX', typeof raw === 'string' ? raw.replace(/\r?\n/g, '\r\n') : raw);
  await c.logout();
}
