// The shared rate limit: counts live in Postgres (db/rate-limits.ts), so every API process sees the
// same totals. Called inside a request; it finds the database through Hono's context storage
// (contextStorage() in api/app.ts), which keeps the call site to (key, max, windowMs).
import { getContext } from 'hono/context-storage';
import { hitRateLimit, sweepRateLimits } from '../db/rate-limits';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './deps';

/** Roughly one request in this many also deletes expired counters, so the table stays small without a job. */
const SWEEP_EVERY = 200;

export async function rateLimit(key: string, max: number, windowMs: number): Promise<{ ok: boolean; retryAfterSeconds: number }> {
  const { db } = getContext<AppEnv>().var.deps;
  const now = Date.now();
  const hit = await hitRateLimit(db, key, windowMs, now);
  if (Math.random() * SWEEP_EVERY < 1) await sweepRateLimits(db, now);
  const ok = hit.count <= max;
  return { ok, retryAfterSeconds: ok ? 0 : Math.max(1, Math.ceil((hit.resetAt - now) / 1000)) };
}

/** Throws RATE_LIMITED (429 with Retry-After, api/errors.ts) when `key` is over `max` per `windowMs`. */
export async function enforceRateLimit(key: string, max: number, windowMs: number, message: string): Promise<void> {
  const r = await rateLimit(key, max, windowMs);
  if (!r.ok) throw new DomainError('RATE_LIMITED', message, { retryAfterSeconds: r.retryAfterSeconds });
}
