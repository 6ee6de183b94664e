import { describe, expect, it } from 'vitest';
import { effectiveMapping, formatGoogleAddress, locationsToPoll, type StoredGoogleLocation } from './google-locations';
import type { GoogleLocation } from './google-reviews';

const env: GoogleLocation[] = [
  { name: 'accounts/1/locations/2', branch: 'main' },
  { name: 'accounts/1/locations/3', branch: null },
  { name: 'accounts/1/locations/4', branch: 'main' },
];
const stored: StoredGoogleLocation[] = [
  { name: 'accounts/1/locations/2', branchId: 'north', decided: true }, // overrides the environment
  { name: 'accounts/1/locations/4', branchId: null, decided: true }, // unmapped: not read despite the environment
  { name: 'accounts/1/locations/3', branchId: null, decided: false }, // only listed: the environment applies
  { name: 'accounts/1/locations/9', branchId: 'south', decided: true }, // stored only
  { name: 'accounts/1/locations/8', branchId: null, decided: false }, // listed, nowhere mapped
];

describe('which Google locations the poll reads', () => {
  it('takes the stored decisions first and the environment for the rest', () => {
    expect(locationsToPoll(stored, env)).toEqual([
      { name: 'accounts/1/locations/2', branch: 'north' },
      { name: 'accounts/1/locations/3', branch: null },
      { name: 'accounts/1/locations/9', branch: 'south' },
    ]);
    expect(locationsToPoll([], env)).toEqual(env);
    expect(locationsToPoll(stored, [])).toEqual([
      { name: 'accounts/1/locations/2', branch: 'north' },
      { name: 'accounts/1/locations/9', branch: 'south' },
    ]);
  });

  it('says where each location’s reviews go and why', () => {
    expect(effectiveMapping('accounts/1/locations/2', stored[0], env)).toEqual({ polled: true, branch: 'north', source: 'stored' });
    expect(effectiveMapping('accounts/1/locations/4', stored[1], env)).toEqual({ polled: false, branch: null, source: 'stored' });
    expect(effectiveMapping('accounts/1/locations/3', stored[2], env)).toEqual({ polled: true, branch: null, source: 'environment' });
    expect(effectiveMapping('accounts/1/locations/8', stored[4], env)).toEqual({ polled: false, branch: null, source: null });
  });

  it('writes a storefront address on one line', () => {
    expect(formatGoogleAddress({ addressLines: ['1 The Quay', ''], postalCode: 'BS1 4RN', locality: 'Bristol', regionCode: 'GB' })).toBe('1 The Quay, BS1 4RN Bristol, GB');
    expect(formatGoogleAddress({ regionCode: '' })).toBeNull();
    expect(formatGoogleAddress(undefined)).toBeNull();
  });
});
