// Watches the support mailbox (IMAP IDLE via imapflow), hands each unseen message to
// handleInboundMail and only then flags it \Seen — a crash in between re-reads it, and the ticket's
// Message-ID dedupe makes that harmless. Reconnects with backoff; a bad message is logged and skipped.
import { ImapFlow } from 'imapflow';
import { handleInboundMail, type InboundDeps, type InboundOutcome } from './inbound';

export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export function describeOutcome(o: InboundOutcome): string {
  switch (o.kind) {
    case 'threaded':
      return `threaded to #${o.ticketNumber} by ${o.route}${o.verified ? '' : ' (unverified sender)'}${o.autoReply ? ' (auto-reply)' : ''}`;
    case 'follow_up':
      return `#${o.linkedTicketNumber} is closed: follow-up ticket from ${o.feedbackId}`;
    case 'new_feedback':
      return `answers no ticket: new feedback ${o.feedbackId}`;
    case 'ignored':
      return `ignored: ${o.reason}`;
  }
}

export interface ImapReader {
  stop(): Promise<void>;
  processed: number;
}

export function startImapReader(url: string, deps: InboundDeps, log: (msg: string) => void = (m) => console.log(m)): ImapReader {
  const u = new URL(url);
  let stopped = false;
  let client: ImapFlow | null = null;
  const reader: ImapReader = { processed: 0, stop: async () => undefined };

  let draining: Promise<void> = Promise.resolve();
  const drain = (c: ImapFlow) => (draining = draining.then(() => processUnseen(c)).catch((e) => log(`[imap] ${(e as Error).message}`)));

  async function processUnseen(c: ImapFlow) {
    const uids = (await c.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      const meta = await c.fetchOne(String(uid), { size: true }, { uid: true });
      try {
        if (meta && meta.size && meta.size > MAX_MESSAGE_BYTES) {
          log(`[imap] skipped message uid ${uid}: ${meta.size} bytes is over the ${MAX_MESSAGE_BYTES} byte limit`);
        } else {
          const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
          const outcome = msg && msg.source ? await handleInboundMail(msg.source, deps) : null;
          if (outcome) log(`[imap] uid ${uid}: ${describeOutcome(outcome)}`);
        }
      } catch (e) {
        // A message we cannot handle must not stop the reader; Temporal being down is different: retry.
        if (/connect|UNAVAILABLE|deadline/i.test(String(e))) throw e;
        log(`[imap] skipped message uid ${uid}: ${(e as Error).message}`);
      }
      await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      reader.processed++;
    }
  }

  const loop = (async () => {
    let backoff = 500;
    while (!stopped) {
      const c = new ImapFlow({ host: u.hostname, port: Number(u.port || 143), secure: u.protocol === 'imaps:', auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }, logger: false });
      client = c;
      c.on('error', (e: Error) => log(`[imap] ${e.message}`));
      try {
        await c.connect();
        backoff = 500;
        const lock = await c.getMailboxLock(decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX');
        try {
          c.on('exists', () => void drain(c));
          await drain(c);
          // imapflow IDLEs between commands; a periodic sweep also catches anything a notification missed.
          const sweep = setInterval(() => void drain(c), 3_000);
          await new Promise<void>((resolve) => c.once('close', () => resolve()));
          clearInterval(sweep);
        } finally {
          lock.release();
        }
      } catch (e) {
        if (!stopped) log(`[imap] connection failed: ${(e as Error).message}; retrying in ${backoff} ms`);
      }
      if (stopped) break;
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 30_000);
    }
  })();

  reader.stop = async () => {
    stopped = true;
    await draining;
    await client?.logout().catch(() => undefined);
    client?.close();
    await loop;
  };
  return reader;
}
