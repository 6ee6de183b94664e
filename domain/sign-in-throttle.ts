// Sign-in throttling that slows guessing without locking anyone out: no account is ever locked. Wrong
// passwords for one account from one address earn that pair a growing wait (1 s, 2 s, 4 s … 60 s) —
// the owner elsewhere is unaffected, and on the same address waits at most a minute; and one address
// may fail only so often in a window, whatever accounts it tries (password spraying).
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Failed sign-ins one address may make per window, over all accounts. */
export const MAX_FAILURES_PER_IP = 20;
/** Failures of one account from one address that are free of any wait. */
export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 60_000;

export interface FailureCounts {
  fromIp: number;
  oldestFromIp: number | null;
  pair: number;
  lastPairFailure: number | null;
}

/** How long the pair must wait after its last failure, given `n` failures in a row. */
export const delayAfter = (n: number) => (n < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (n - FREE_FAILURES)));

/** Null when this attempt may be checked; else why not and how many seconds until it may. */
export function throttle(f: FailureCounts, now: number): { reason: 'address' | 'account'; retryAfterSeconds: number } | null {
  if (f.fromIp >= MAX_FAILURES_PER_IP && f.oldestFromIp !== null) {
    return { reason: 'address', retryAfterSeconds: Math.max(1, Math.ceil((f.oldestFromIp + SIGN_IN_WINDOW_MS - now) / 1000)) };
  }
  const wait = delayAfter(f.pair);
  if (wait > 0 && f.lastPairFailure !== null && now - f.lastPairFailure < wait) {
    return { reason: 'account', retryAfterSeconds: Math.max(1, Math.ceil((f.lastPairFailure + wait - now) / 1000)) };
  }
  return null;
}
