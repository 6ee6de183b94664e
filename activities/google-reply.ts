// The owner's reply to a Google review, posted from a Google-channel ticket: a public reply on the
// ticket becomes (or replaces: the API keeps one reply per review) the reply on Google, `PUT
// v4/{review}/reply`; an agent may delete it (`DELETE v4/{review}/reply`). Both go through the outbox
// (activities/outbox.ts): a 5xx or a network error is retried with the workflow's backoff, a refusal
// that cannot heal (400/403/404, a revoked or missing Google authorisation) is reported on the timeline.
import type { Db } from '../db/client';
import { readGoogleReviewOfFeedback } from '../db/google';
import type { TicketView } from '../domain/ticket-view';
import type { GoogleBusinessDeps } from './google-reviews';
import { authorisedFetch, createGoogleTokenSource, GoogleNotConnected, GoogleReconnectRequired } from '../platform/google-token';
import { sendOnce, type SendOnceOptions } from './outbox';

export type GoogleReplyOutcome = {
  kind: 'google_reply' | 'google_reply_deleted';
  /** accounts/{a}/locations/{l}/reviews/{id}, when known. */
  review: string | null;
  /** Only when Google refused it for good (the timeline says so); absent when it went through. */
  delivery?: 'failed';
  error?: string;
};

class GoogleHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** PUT and DELETE of the reply are idempotent, so an attempt cut off mid-call is simply made again. */
const GOOGLE_REPLY_DELIVERY: SendOnceOptions = {
  uncertain: 'resend',
  permanent: (e) => {
    if (e instanceof GoogleReconnectRequired || e instanceof GoogleNotConnected) return e.message;
    if (e instanceof GoogleHttpError && e.status !== 408 && e.status !== 429 && e.status < 500) return e.message;
    return null;
  },
};

export function createGoogleReplyActivities(deps: { db: Db; google?: GoogleBusinessDeps | null }) {
  const tokens = deps.google ? createGoogleTokenSource({ db: deps.db, oauth: deps.google.oauth ?? null, staticToken: deps.google.token }) : null;

  async function call(review: string, method: 'PUT' | 'DELETE', body?: unknown): Promise<void> {
    const url = new URL(`${deps.google!.baseUrl.replace(/\/+$/, '')}/v4/${review}/reply`);
    const res = await authorisedFetch(tokens!, url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (res.ok) return void (await res.body?.cancel());
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    throw new GoogleHttpError(res.status, `Google Business Profile answered ${res.status}: ${detail}`);
  }

  async function deliver(ticket: TicketView, kind: GoogleReplyOutcome['kind'], key: string, send: (review: string) => Promise<void>): Promise<GoogleReplyOutcome> {
    const failed = (error: string): GoogleReplyOutcome => ({ kind, review: null, delivery: 'failed', error });
    if (!deps.google || !tokens) return failed('The Google reviews bridge is not configured on this worker');
    const known = ticket.feedbackId ? await readGoogleReviewOfFeedback(deps.db, ticket.feedbackId) : undefined;
    if (!known) return failed('The review behind this ticket is not known (it came before replies on Google were possible)');
    const outcome = await sendOnce(deps.db, key, { ticketNumber: ticket.number, channel: 'google', target: known.name }, () => send(known.name), GOOGLE_REPLY_DELIVERY);
    return { kind, review: known.name, ...(outcome.delivery === 'failed' ? { delivery: 'failed' as const, ...(outcome.error ? { error: outcome.error } : {}) } : {}) };
  }

  return {
    /** A public reply on a Google ticket: becomes the owner's reply to the review (replacing an earlier one). */
    async replyOnGoogle(ticket: TicketView, seq: number, body: string): Promise<GoogleReplyOutcome> {
      return deliver(ticket, 'google_reply', `t${ticket.number}:google-reply:${seq}`, (review) => call(review, 'PUT', { comment: body }));
    },
    /** Removes the owner's reply from the review. */
    async deleteGoogleReply(ticket: TicketView, seq: number): Promise<GoogleReplyOutcome> {
      return deliver(ticket, 'google_reply_deleted', `t${ticket.number}:google-reply-delete:${seq}`, (review) => call(review, 'DELETE'));
    },
  };
}
