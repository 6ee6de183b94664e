// Exactly-once delivery bookkeeping shared by every outgoing message. A row per idempotency key is
// claimed before sending and marked after, so a retried activity or a replayed workflow never sends
// the same message twice:
//   pending      claimed (e.g. against the advocacy quota) or failed before anything went out: the next
//                attempt sends
//   sending      claimed by an attempt that is (or was) sending it: its id, since when (database clock)
//                and, for e-mail, the Message-ID it sends under are recorded BEFORE the SMTP transaction
//   sent         delivered
//   failed       refused for good (unknown Slack channel, SMTP 5xx): reported, never retried
//   unconfirmed  an attempt died mid-send, so nobody knows whether it went out. Slack has no idempotency
//                key, so such a message is not sent again and the timeline says so.
// A retry that finds the row 'sending' first waits for that earlier attempt to settle (it may still be
// alive: timed out by Temporal but still talking to the mail server, or retrying its 'sent' write while
// Postgres blips) and only then takes over. E-mail is then resent (`uncertain: 'resend'`) under the same
// Message-ID. The window that remains — an attempt that dies between the mail server's 250 and the
// 'sent' write — is documented in the README ("E-mail delivery: what can still duplicate").
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';
import { outboxFailures } from '../platform/metrics';

export type Delivery = 'sent' | 'already_sent' | 'unconfirmed' | 'failed';

export interface SendOnceOptions {
  /** A reason when the error means "will never work" (retrying cannot help), null for a transient one. */
  permanent?: (error: unknown) => string | null;
  /** After an attempt died mid-send: send again (only when a resend is recognisable, as e-mail's stable
   * Message-ID is) or report it unconfirmed (default). */
  uncertain?: 'resend' | 'report';
}

/** E-mail: a 5xx is final; a resend after a cut-off attempt carries the same Message-ID. */
export const EMAIL_DELIVERY: SendOnceOptions = { permanent: permanentMailError, uncertain: 'resend' };
/** Slack: a platform error is final; chat.postMessage has no idempotency key, so nothing is resent. */
export const SLACK_DELIVERY: SendOnceOptions = { permanent: permanentSlackError, uncertain: 'report' };

/** How long an attempt may still be alive after it began sending: the activities' start-to-close timeout
 * (1 minute, workflows/ticket.ts) plus a margin. A retry comes at the earliest when Temporal gave up on
 * the attempt, so it waits at most this margin for a slow earlier attempt to record its outcome. */
export const ATTEMPT_SETTLE_MS = 70_000;
/** How long an attempt keeps trying to record 'sent' (e.g. across a Postgres blip) once the message went
 * out: well inside the settle window, so a waiting retry sees the outcome. */
export const SENT_WRITE_BUDGET_MS = 5_000;
const POLL_MS = 250;

export async function sendOnce(
  db: Db,
  key: string,
  meta: { ticketNumber: number | null; channel: string; target: string; payload?: unknown; messageId?: string },
  send: () => Promise<void>,
  opts: SendOnceOptions = {},
): Promise<{ delivery: Delivery; error?: string }> {
  const attempt = randomUUID();
  const mine = claimBy(attempt, meta.messageId);
  const claimed = await db
    .insert(notifications)
    .values({ key, ticketNumber: meta.ticketNumber, channel: meta.channel, target: meta.target, payload: meta.payload ?? null, ...mine })
    .onConflictDoNothing()
    .returning({ key: notifications.key });
  if (claimed.length === 1 || (await reclaim(db, key, mine))) return sendClaimed(db, key, meta.channel, attempt, send, opts);
  for (;;) {
    const row = await settle(db, key);
    if (row.status === 'sent') return { delivery: 'already_sent' };
    if (row.status === 'failed') return { delivery: 'failed', error: row.error ?? undefined };
    if (row.status === 'unconfirmed') return { delivery: 'unconfirmed' };
    if (row.status === 'pending') {
      if (await reclaim(db, key, mine)) return sendClaimed(db, key, meta.channel, attempt, send, opts);
      continue;
    }
    // Still 'sending' past the settle window: the earlier attempt died between claiming and recording.
    if (opts.uncertain !== 'resend') {
      await db.update(notifications).set({ status: 'unconfirmed' }).where(and(eq(notifications.key, key), eq(notifications.status, 'sending')));
      return { delivery: 'unconfirmed' };
    }
    // Take over from exactly that attempt, so two retries racing here cannot both resend.
    const taken = await db
      .update(notifications)
      .set(mine)
      .where(and(eq(notifications.key, key), eq(notifications.status, 'sending'), row.attempt === null ? sql`${notifications.attempt} is null` : eq(notifications.attempt, row.attempt)))
      .returning({ key: notifications.key });
    if (taken.length === 1) return sendClaimed(db, key, meta.channel, attempt, send, opts);
  }
}

/** The row once no earlier attempt can still be sending it: polls while it is 'sending' and younger than
 * the settle window (a row without a start time, written by older code, counts as settled). */
async function settle(db: Db, key: string) {
  for (;;) {
    const [row] = await db
      .select({ status: notifications.status, error: notifications.error, attempt: notifications.attempt, ageMs: sql<number | null>`(extract(epoch from (now() - ${notifications.sendingAt})) * 1000)::float8` })
      .from(notifications)
      .where(eq(notifications.key, key));
    const age = row.ageMs === null ? null : Number(row.ageMs);
    if (row.status !== 'sending' || age === null || age >= ATTEMPT_SETTLE_MS) return row;
    await sleep(Math.min(POLL_MS, ATTEMPT_SETTLE_MS - age));
  }
}

async function sendClaimed(db: Db, key: string, channel: string, attempt: string, send: () => Promise<void>, opts: SendOnceOptions): Promise<{ delivery: Delivery; error?: string }> {
  const ours = and(eq(notifications.key, key), eq(notifications.attempt, attempt));
  try {
    await send();
  } catch (e) {
    const reason = opts.permanent?.(e) ?? null;
    outboxFailures.inc({ channel, kind: reason ? 'permanent' : 'transient' });
    await db.update(notifications).set({ status: reason ? 'failed' : 'pending', error: reason ?? errorText(e) }).where(ours);
    if (reason) return { delivery: 'failed', error: reason };
    throw e; // transient: Temporal retries the activity with backoff, and that attempt sends
  }
  await recordSent(db, key);
  return { delivery: 'sent' };
}

/** It went out: record that even across a short database blip, since a retry that does not see it sends
 * a second copy. */
async function recordSent(db: Db, key: string) {
  const until = Date.now() + SENT_WRITE_BUDGET_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
    try {
      await db.update(notifications).set({ status: 'sent', sentAt: new Date(), error: null }).where(eq(notifications.key, key));
      return;
    } catch (e) {
      if (Date.now() + wait > until) throw e;
      await sleep(wait);
    }
  }
}

/** Takes over a key claimed but not sent (or whose last attempt failed cleanly); false when it is sent,
 * failed or in flight. */
async function reclaim(db: Db, key: string, mine: Claim): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set(mine)
    .where(and(eq(notifications.key, key), eq(notifications.status, 'pending')))
    .returning({ key: notifications.key });
  return rows.length === 1;
}

/** The columns an attempt sets when it takes a message over: since when on the database's clock, so
 * workers' clocks do not matter. */
const claimBy = (attempt: string, messageId: string | undefined) => ({ status: 'sending', attempt, sendingAt: sql`now()`, messageId: messageId ?? null });
type Claim = ReturnType<typeof claimBy>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/** SMTP: a 5xx reply (unknown mailbox, relay denied, message refused) will not change on a retry. */
export function permanentMailError(e: unknown): string | null {
  const code = (e as { responseCode?: number }).responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) return `SMTP ${code}: ${errorText(e)}`;
  return null;
}

// Slack answers ok:false with an error code; these are about the request itself, not Slack's health.
const TRANSIENT_SLACK_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Slack: a platform error such as channel_not_found or invalid_auth will not change on a retry. */
export function permanentSlackError(e: unknown): string | null {
  const err = e as { code?: string; data?: { error?: string } };
  if (err.code !== 'slack_webapi_platform_error') return null; // HTTP and network errors are transient
  const code = err.data?.error ?? 'unknown_error';
  return TRANSIENT_SLACK_ERRORS.has(code) ? null : `Slack: ${code}`;
}
