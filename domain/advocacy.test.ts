import { describe, expect, it } from 'vitest';
import { decideAdvocacyAsk, quarterStart } from './advocacy';

describe('advocacy ask cap', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
    ['2025-03-31T23:59:59.999Z', '2025-01-01T00:00:00Z'],
    ['2025-04-01T00:00:00Z', '2025-04-01T00:00:00Z'],
    ['2025-08-15T12:00:00Z', '2025-07-01T00:00:00Z'],
    ['2025-12-31T23:00:00Z', '2025-10-01T00:00:00Z'],
  ])('%s falls in the quarter starting %s', (at, start) => {
    expect(quarterStart(Date.parse(at))).toBe(Date.parse(start));
  });

  it('sends while under the cap, and says why not otherwise', () => {
    expect(decideAdvocacyAsk({ email: 'a@example.com', capPerQuarter: 1, asksThisQuarter: 0 })).toEqual({ send: true });
    expect(decideAdvocacyAsk({ email: 'a@example.com', capPerQuarter: 2, asksThisQuarter: 1 })).toEqual({ send: true });
    expect(decideAdvocacyAsk({ email: 'a@example.com', capPerQuarter: 1, asksThisQuarter: 1 })).toEqual({ send: false, reason: 'customer already asked 1 time this quarter (cap 1)' });
    expect(decideAdvocacyAsk({ email: 'a@example.com', capPerQuarter: 2, asksThisQuarter: 3 })).toEqual({ send: false, reason: 'customer already asked 3 times this quarter (cap 2)' });
    expect(decideAdvocacyAsk({ email: 'a@example.com', capPerQuarter: 0, asksThisQuarter: 0 })).toMatchObject({ send: false, reason: expect.stringContaining('switched off') });
    expect(decideAdvocacyAsk({ email: undefined, capPerQuarter: 1, asksThisQuarter: 0 })).toEqual({ send: false, reason: 'no e-mail address' });
  });
});
