// A real SMTP server (smtp-server) on a free port that keeps every message it receives, parsed.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../platform/temporal';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpCapture {
  url: string;
  port: number;
  messages: ReceivedMail[];
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** rejectRecipients: addresses answered with 550 at RCPT TO, as a server does for an unknown mailbox;
 * deferRecipients: answered 451 (try again later), quoting the address as real servers do;
 * port: listen there (e.g. one a mailer already points at), else on a free port. */
export async function startSmtpCapture(opts: { rejectRecipients?: string[]; deferRecipients?: string[]; port?: number } = {}): Promise<SmtpCapture> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (opts.rejectRecipients?.includes(address.address)) return callback(Object.assign(new Error(`No such mailbox ${address.address}`), { responseCode: 550 }));
      if (opts.deferRecipients?.includes(address.address)) return callback(Object.assign(new Error(`<${address.address}>: mailbox busy, try again later`), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
        callback();
      });
    },
  });
  const port = opts.port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(predicate, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = messages.find(predicate);
        if (m) return m;
        if (Date.now() > until) throw new Error(`no matching mail within ${timeoutMs} ms (got ${messages.length})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
