// Rate-limit counters in Postgres, so N stateless API processes share one count per key. Fixed
// windows: one upsert per request; a sliding log would cost a row per request for little gain here.
import { lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { rateLimits } from './schema';

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

/** Counts one request against `key` in the window of `windowMs` that holds `now`. */
export async function hitRateLimit(db: Pick<Db, 'insert'>, key: string, windowMs: number, now: number): Promise<RateLimitHit> {
  const start = Math.floor(now / windowMs) * windowMs;
  const resetAt = start + windowMs;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: new Date(start), count: 1, expiresAt: new Date(resetAt) })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  return { count: row.count, resetAt };
}

/** Deletes the counters of windows that ended before `now`. */
export async function sweepRateLimits(db: Pick<Db, 'delete'>, now: number): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.expiresAt, new Date(now)));
}
