// Watches the support mailbox (IMAP IDLE via imapflow), hands each unseen message to
// handleInboundMail and only then flags it \Seen — a crash in between re-reads it, and the ticket's
// Message-ID dedupe makes that harmless. Each try is marked on the message before it starts and has a
// time budget; a message that fails (or overruns) MAX_ATTEMPTS times is recorded as unreadable, flagged
// and never read again. Reconnects with backoff.
import { ImapFlow } from 'imapflow';
import { handleInboundMail, recordUnreadableMail, type InboundDeps, type InboundOutcome } from './inbound';
import { log as logFor } from '../platform/logger';

const imapLog = logFor('imap');

export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

// ---- issue 16: a reader that never stalls on one message ----
/** Time one message may take to be handled before the try counts as failed. */
export const MESSAGE_BUDGET_MS = 60_000;
export const MAX_ATTEMPTS = 3;
/** IMAP keywords: one per try (kept on the server, so a restart mid-message still counts it), and the verdict. */
const TRY_KEYWORD = (n: number) => `$CloseloopTry${n}`;
export const UNREADABLE_KEYWORD = '$CloseloopUnreadable';
const isTransient = (e: unknown) => /connect|UNAVAILABLE|deadline/i.test(String(e));

class BudgetExceeded extends Error {}
function withinBudget<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new BudgetExceeded(`took longer than its ${ms} ms budget`)), ms)));
  return Promise.race([p, overrun]).finally(() => clearTimeout(timer));
}

export interface ImapReaderOptions {
  messageBudgetMs?: number;
}
// ---- end issue 16 ----

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

export function startImapReader(url: string, deps: InboundDeps, log: (msg: string) => void = (m) => imapLog.info(m), opts: ImapReaderOptions = {}): ImapReader {
  const budgetMs = opts.messageBudgetMs ?? MESSAGE_BUDGET_MS;
  /** Tries per UID where the server keeps no keywords (PERMANENTFLAGS without \\*): this process's memory only. */
  const triesInMemory = new Map<number, number>();
  const u = new URL(url);
  let stopped = false;
  let client: ImapFlow | null = null;
  const reader: ImapReader = { processed: 0, stop: async () => undefined };

  let draining: Promise<void> = Promise.resolve();
  const drain = (c: ImapFlow) => (draining = draining.then(() => processUnseen(c)).catch((e) => log(`[imap] ${(e as Error).message}`)));

  async function processUnseen(c: ImapFlow) {
    const uids = (await c.search({ seen: false }, { uid: true })) || [];
    const keywords = c.mailbox && typeof c.mailbox === 'object' && c.mailbox.permanentFlags?.has('\\*');
    for (const uid of uids) {
      const meta = await c.fetchOne(String(uid), { size: true, flags: true }, { uid: true });
      const tries = keywords ? [...(meta ? meta.flags ?? [] : [])].filter((f) => /^\$CloseloopTry\d+$/i.test(f)).length : (triesInMemory.get(uid) ?? 0);
      try {
        if (meta && meta.size && meta.size > MAX_MESSAGE_BYTES) {
          log(`[imap] skipped message uid ${uid}: ${meta.size} bytes is over the ${MAX_MESSAGE_BYTES} byte limit`);
        } else if (tries >= MAX_ATTEMPTS) {
          // Given up: recorded where an agent sees it, then never read again.
          const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
          const outcome = msg && msg.source ? await withinBudget(recordUnreadableMail(msg.source, `failed ${tries} times`, deps), MESSAGE_BUDGET_MS) : null;
          log(`[imap] uid ${uid}: gave up after ${tries} failed tries${outcome ? `; recorded: ${describeOutcome(outcome)}` : ''}`);
          await c.messageFlagsAdd(String(uid), [UNREADABLE_KEYWORD], { uid: true }).catch(() => undefined);
        } else {
          // The try is marked before it starts: a crash or restart in the middle of it still counts.
          if (keywords) await c.messageFlagsAdd(String(uid), [TRY_KEYWORD(tries + 1)], { uid: true });
          else triesInMemory.set(uid, tries + 1);
          try {
            const msg = await c.fetchOne(String(uid), { source: true }, { uid: true });
            const outcome = msg && msg.source ? await withinBudget(handleInboundMail(msg.source, deps), budgetMs) : null;
            if (outcome) log(`[imap] uid ${uid}: ${describeOutcome(outcome)}`);
          } catch (e) {
            // Temporal or Postgres down is not the message's fault: the try does not count, the reader retries.
            if (isTransient(e) && !(e instanceof BudgetExceeded)) {
              if (keywords) await c.messageFlagsRemove(String(uid), [TRY_KEYWORD(tries + 1)], { uid: true }).catch(() => undefined);
              else triesInMemory.set(uid, tries);
              throw e;
            }
            log(`[imap] uid ${uid}: try ${tries + 1} of ${MAX_ATTEMPTS} failed: ${(e as Error).message}`);
            continue; // not \Seen: the next sweep tries again, until MAX_ATTEMPTS
          }
        }
      } catch (e) {
        // A message we cannot handle must not stop the reader; Temporal being down is different: retry.
        if (isTransient(e)) throw e;
        log(`[imap] skipped message uid ${uid}: ${(e as Error).message}`);
      }
      await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      triesInMemory.delete(uid);
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
