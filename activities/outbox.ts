// Exactly-once delivery bookkeeping shared by every outgoing message. A row per idempotency key is
// claimed before sending and marked after, so a retried activity or a replayed workflow never sends
// the same message twice:
//   pending      claimed (e.g. against the advocacy quota) or failed before anything went out: the next
//                attempt sends
//   sending      claimed by an attempt that is (or was) sending it
//   sent         delivered
//   failed       refused for good (unknown Slack channel, SMTP 5xx): reported, never retried
//   unconfirmed  an attempt died mid-send, so nobody knows whether it went out. Slack has no idempotency
//                key, so such a message is not sent again and the timeline says so. E-mail is resent
//                (`uncertain: 'resend'`): it carries the same Message-ID, which mail systems collapse.
import { and, eq } from 'drizzle-orm';
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

/** E-mail: a 5xx is final; a resend after a cut-off attempt carries the same Message-ID, so it collapses. */
export const EMAIL_DELIVERY: SendOnceOptions = { permanent: permanentMailError, uncertain: 'resend' };
/** Slack: a platform error is final; chat.postMessage has no idempotency key, so nothing is resent. */
export const SLACK_DELIVERY: SendOnceOptions = { permanent: permanentSlackError, uncertain: 'report' };

export async function sendOnce(
  db: Db,
  key: string,
  meta: { ticketNumber: number | null; channel: string; target: string; payload?: unknown },
  send: () => Promise<void>,
  opts: SendOnceOptions = {},
): Promise<{ delivery: Delivery; error?: string }> {
  const claimed = await db
    .insert(notifications)
    .values({ key, ticketNumber: meta.ticketNumber, channel: meta.channel, target: meta.target, status: 'sending', payload: meta.payload ?? null })
    .onConflictDoNothing()
    .returning({ key: notifications.key });
  if (claimed.length === 0 && !(await reclaim(db, key))) {
    const [row] = await db.select().from(notifications).where(eq(notifications.key, key));
    if (row.status === 'sent') return { delivery: 'already_sent' };
    if (row.status === 'failed') return { delivery: 'failed', error: row.error ?? undefined };
    // Still 'sending': an earlier attempt died (or timed out) between claiming and recording the outcome.
    if (opts.uncertain === 'resend') return sendClaimed(db, key, meta.channel, send, opts);
    await db.update(notifications).set({ status: 'unconfirmed' }).where(and(eq(notifications.key, key), eq(notifications.status, 'sending')));
    return { delivery: 'unconfirmed' };
  }
  return sendClaimed(db, key, meta.channel, send, opts);
}

async function sendClaimed(db: Db, key: string, channel: string, send: () => Promise<void>, opts: SendOnceOptions): Promise<{ delivery: Delivery; error?: string }> {
  try {
    await send();
  } catch (e) {
    const reason = opts.permanent?.(e) ?? null;
    outboxFailures.inc({ channel, kind: reason ? 'permanent' : 'transient' });
    await db.update(notifications).set({ status: reason ? 'failed' : 'pending', error: reason ?? errorText(e) }).where(eq(notifications.key, key));
    if (reason) return { delivery: 'failed', error: reason };
    throw e; // transient: Temporal retries the activity with backoff, and that attempt sends
  }
  await db.update(notifications).set({ status: 'sent', sentAt: new Date(), error: null }).where(eq(notifications.key, key));
  return { delivery: 'sent' };
}

/** Takes over a key claimed but not sent (or whose last attempt failed cleanly); false when it is sent,
 * failed or in flight. */
async function reclaim(db: Db, key: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ status: 'sending' })
    .where(and(eq(notifications.key, key), eq(notifications.status, 'pending')))
    .returning({ key: notifications.key });
  return rows.length === 1;
}

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
