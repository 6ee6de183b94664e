// The intake's per-process cache: a key revoked in one API process is refused there at once and by the
// others within KEY_TTL_MS; a new key or branch works at once; an unknown one is never cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { insertIntakeKey, revokeIntakeKey } from '../../db/intake-keys';
import { insertBranch } from '../../db/org';
import { cachedIntakeKey, cachedKnown, forgetIntakeKeys, KEY_TTL_MS } from '../../api/intake-cache';
import { createTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Another API process on the same database: its own cache (the cache is per database handle). */
const otherProcess = (db: Db): Db => Object.create(db) as Db;

describe('intake cache', () => {
  it('refuses a revoked key at once where it was revoked, and elsewhere within the TTL', async () => {
    const db = database.db;
    const here = otherProcess(db);
    const there = otherProcess(db);
    const t0 = Date.now();
    await insertIntakeKey(db, { id: 'k1', name: 'Kiosk', channel: 'kiosk', keyHash: 'hash-1', prefix: 'clk_1' });
    expect(await cachedIntakeKey(here, 'hash-1', t0)).toEqual({ id: 'k1', channel: 'kiosk' });
    expect(await cachedIntakeKey(there, 'hash-1', t0)).toEqual({ id: 'k1', channel: 'kiosk' });
    expect(await revokeIntakeKey(db, 'k1')).toBe(true);
    forgetIntakeKeys(here); // what the revoke route does
    expect(await cachedIntakeKey(here, 'hash-1', t0 + 1)).toBeUndefined();
    expect(await cachedIntakeKey(there, 'hash-1', t0 + 1)).toEqual({ id: 'k1', channel: 'kiosk' }); // still fresh there
    expect(await cachedIntakeKey(there, 'hash-1', t0 + KEY_TTL_MS + 1)).toBeUndefined();
  });

  it('caches no unknown key: a key created elsewhere works at once', async () => {
    const here = otherProcess(database.db);
    expect(await cachedIntakeKey(here, 'hash-2')).toBeUndefined();
    await insertIntakeKey(database.db, { id: 'k2', name: 'Web', channel: null, keyHash: 'hash-2', prefix: 'clk_2' });
    expect(await cachedIntakeKey(here, 'hash-2')).toEqual({ id: 'k2', channel: null });
  });

  it('knows a branch created elsewhere at once', async () => {
    const here = otherProcess(database.db);
    expect(await cachedKnown(here, 'branches', ['north', 'south'])).toEqual(new Set());
    await insertBranch(database.db, { id: 'north', name: 'North' });
    expect(await cachedKnown(here, 'branches', ['north', 'south'])).toEqual(new Set(['north']));
    expect(await cachedKnown(here, 'services', ['north'])).toEqual(new Set()); // a branch is no service
  });
});
