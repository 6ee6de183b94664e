// Outgoing mail. With SMTP_URL it goes to that server (nodemailer); without, each message is written as
// an .eml file to DATA_DIR/outbox so an embedded install never loses or silently drops mail.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId: string; // stable per event so a retried send is recognisable downstream
  inReplyTo?: string;
  references?: string[];
}

export interface Mailer {
  sendMail(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async sendMail(m) {
        await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, inReplyTo: m.inReplyTo, references: m.references });
        return { messageId: m.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async sendMail(m) {
      const info = await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId, inReplyTo: m.inReplyTo, references: m.references });
      await mkdir(opts.outboxDir, { recursive: true });
      const file = `${Date.now()}-${m.messageId.replace(/[^\w.-]+/g, '_')}.eml`;
      await writeFile(path.join(opts.outboxDir, file), info.message as Buffer);
      return { messageId: m.messageId };
    },
    close: () => transport.close(),
  };
}
