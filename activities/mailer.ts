// Outgoing mail over SMTP (nodemailer), the transport the activities send with: SMTP_URL, or in embedded
// mode the built-in dev mailbox (mail/dev-mailbox.ts). Without any server (benchmarks) each message becomes an .eml file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string; // customer mail carries both parts
  messageId: string; // stable per event so a retried send is recognisable downstream
  inReplyTo?: string;
  references?: string[];
  replyTo?: string; // the ticket's plus-address with its reply token
  /** Display name of the sender (branding: customer mail); the address is always MAIL_FROM. */
  fromName?: string;
}

export interface Mailer {
  /** The sender address (MAIL_FROM); reply addresses are built on it. */
  from: string;
  sendMail(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

const message = (from: string, m: OutgoingMail) => ({ from: m.fromName ? { name: m.fromName, address: from } : from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, inReplyTo: m.inReplyTo, references: m.references, replyTo: m.replyTo });

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir?: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      from: opts.from,
      async sendMail(m) {
        await transport.sendMail(message(opts.from, m));
        return { messageId: m.messageId };
      },
      close: () => transport.close(),
    };
  }
  const outboxDir = opts.outboxDir ?? 'outbox';
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    from: opts.from,
    async sendMail(m) {
      const info = await transport.sendMail(message(opts.from, m));
      await mkdir(outboxDir, { recursive: true });
      const file = `${Date.now()}-${m.messageId.replace(/[^\w.-]+/g, '_')}.eml`;
      await writeFile(path.join(outboxDir, file), info.message as Buffer);
      return { messageId: m.messageId };
    },
    close: () => transport.close(),
  };
}
