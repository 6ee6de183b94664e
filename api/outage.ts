// Outages — Temporal or Postgres unreachable, overloaded or too slow — answer 503 with Retry-After
// (api/errors.ts maps them here, once), never a hang or a bare 500. Temporal calls from the API run
// under a gRPC deadline (withTemporalDeadline) so an unreachable server fails fast instead of being
// retried by the client for twenty seconds; the pool's connectionTimeoutMillis (db/client.ts) does the
// same for Postgres.
import { DomainError } from '../domain/errors';
import type { ApiDeps } from './deps';

/** How long one Temporal call of a request may take, its client-side retries included. */
export const TEMPORAL_DEADLINE_MS = 2_500;
/** What a client is told to wait before trying again. */
export const OUTAGE_RETRY_AFTER_S = 5;

/** Queries and updates wait for a worker (and an update for its projection), which a busy worker may
 * take longer for: they get this, after a quick check that the server answers at all. */
export const TEMPORAL_WORKER_DEADLINE_MS = 30_000;

/** Runs `fn`'s Temporal calls under one gRPC deadline: past it they fail with DEADLINE_EXCEEDED (→ 503). */
export function withTemporalDeadline<T>(deps: Pick<ApiDeps, 'temporal'>, fn: () => Promise<T>, ms = TEMPORAL_DEADLINE_MS): Promise<T> {
  return deps.temporal.connection.withDeadline(Date.now() + ms, fn);
}

/** For a query or an update, which a worker answers: an unreachable server fails the health check in
 * seconds (→ 503); a reachable one gets the worker's time, bounded all the same. */
export async function withTemporalWorker<T>(deps: Pick<ApiDeps, 'temporal'>, fn: () => Promise<T>): Promise<T> {
  await withTemporalDeadline(deps, () => deps.temporal.workflowService.getSystemInfo({}));
  return withTemporalDeadline(deps, fn, TEMPORAL_WORKER_DEADLINE_MS);
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_RESOURCE_EXHAUSTED = 8;
/** Node socket errors on the way to a dependency. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** Postgres: connection exceptions (08…), shutting down / cannot connect now (57P01–57P03), too many connections (53300). */
const PG_OUTAGE = /^(08...|57P0[123]|53300)$/;
/** node-postgres' own words for a pool that could not get a connection in time, or one cut mid-query. */
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable/i;

/** The error (or one of its causes) says a dependency is unreachable or overloaded. */
export function isOutage(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && [GRPC_UNAVAILABLE, GRPC_DEADLINE_EXCEEDED, GRPC_RESOURCE_EXHAUSTED].includes(code)) return true;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || PG_OUTAGE.test(code))) return true;
    if (e instanceof Error && PG_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** An outage as the domain error the API answers 503 with. */
export const unavailable = (): DomainError =>
  new DomainError('UNAVAILABLE', 'A service Closeloop depends on is not available right now; try again shortly', { retryAfterSeconds: OUTAGE_RETRY_AFTER_S });
