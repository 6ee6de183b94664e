import { describe, expect, it } from 'vitest';
import { delayAfter, MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_MS, throttle } from './sign-in-throttle';

const none = { fromIp: 0, oldestFromIp: null, pair: 0, lastPairFailure: null };

describe('sign-in throttle', () => {
  it('lets the first failures through, then doubles the wait up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 20].map(delayAfter)).toEqual([0, 0, 0, 1000, 2000, 4000, 32_000, 60_000, 60_000]);
    expect(throttle({ ...none, pair: 2, lastPairFailure: 1000 }, 1000)).toBeNull();
    expect(throttle({ ...none, pair: 4, lastPairFailure: 1000 }, 1500)).toEqual({ reason: 'account', retryAfterSeconds: 2 });
    expect(throttle({ ...none, pair: 4, lastPairFailure: 1000 }, 3000)).toBeNull();
  });

  it('stops an address after its failures over every account, until the oldest leaves the window', () => {
    const f = { ...none, fromIp: MAX_FAILURES_PER_IP, oldestFromIp: 0 };
    expect(throttle(f, 60_000)).toEqual({ reason: 'address', retryAfterSeconds: (SIGN_IN_WINDOW_MS - 60_000) / 1000 });
    expect(throttle({ ...f, fromIp: MAX_FAILURES_PER_IP - 1 }, 60_000)).toBeNull();
  });
});
