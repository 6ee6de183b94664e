// A write Postgres refuses for what it holds (SQLSTATE class 22, data exception: a NUL byte, an invalid
// escape, a value out of range; and the class-23 integrity violations a retry cannot change) fails the
// same way on every attempt. Retrying it for ever wedged the ticket behind it, so such an error ends
// the activity as a non-retryable DATA_ERROR failure the workflow handles (records it on the timeline,
// tells the admins, carries on). The failure names the activity and the SQLSTATE, never the data.
import { ApplicationFailure } from '@temporalio/common';
import { DATA_ERROR } from '../domain/errors';

/** Integrity violations that do not depend on other transactions (not null, check, exclusion). Unique
 * (23505) and foreign-key (23503) violations can pass on a retry once a concurrent writer is done. */
const FINAL_INTEGRITY = new Set(['23000', '23001', '23502', '23514', '23P01']);

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The SQLSTATE of a Postgres error, also when wrapped (drizzle's DrizzleQueryError keeps it as `cause`). */
export function sqlStateOf(err: unknown): string | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
  }
  return null;
}

/** A SQLSTATE that no retry can change: the data itself is refused. */
export const isPermanentDataError = (sqlState: string | null): sqlState is string => !!sqlState && (sqlState.startsWith('22') || FINAL_INTEGRITY.has(sqlState));

/** An Invalid Date that drizzle refuses before Postgres sees it (Date.toISOString's RangeError) is the
 * same data exception, datetime field overflow (22008): it fails alike on every attempt. */
const isInvalidDate = (e: unknown) => e instanceof RangeError && e.message === 'Invalid time value';

/** `fn` with a permanent data error turned into a non-retryable DATA_ERROR failure (details: activity, sqlState). */
export function finalOnDataError<A extends unknown[], R>(activity: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      const sqlState = sqlStateOf(e) ?? (isInvalidDate(e) ? '22008' : null);
      if (!isPermanentDataError(sqlState)) throw e;
      throw ApplicationFailure.create({
        type: DATA_ERROR,
        message: `${activity}: Postgres refused the data (SQLSTATE ${sqlState})`,
        details: [{ activity, sqlState }],
        nonRetryable: true,
      });
    }
  };
}

/** Every activity of `acts` wrapped by finalOnDataError. */
export function withFinalDataErrors<T extends Record<string, (...args: never[]) => Promise<unknown>>>(acts: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(acts)) out[name] = finalOnDataError(name, fn as (...args: unknown[]) => Promise<unknown>);
  return out as T;
}
