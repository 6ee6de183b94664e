// What every intake request reads before it starts its workflow — the intake key and whether its branch
// and service exist — cached per API process, so a burst of feedback costs Postgres nothing but the
// workflow's own writes (`npm run bench -- intake`). Only what was found is cached: a new key or branch
// works at once, and a wrong one is always looked up. Branches and services are never deleted, so a
// known one stays known. A revoked key is dropped at once in the process that revoked it and is refused
// by every other API process within KEY_TTL_MS.
import { liveIntakeKey } from '../db/intake-keys';
import { knownBranches, knownServices } from '../db/org';
import type { Db } from '../db/client';

export const KEY_TTL_MS = 5_000;
type Key = { id: string; channel: string | null };

interface Cache {
  keys: Map<string, { key: Key; until: number }>;
  branches: Set<string>;
  services: Set<string>;
}
const caches = new WeakMap<object, Cache>();
const cacheOf = (db: object): Cache => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { keys: new Map(), branches: new Set(), services: new Set() }));
  return c;
};

/** The unrevoked key with this hash (as `liveIntakeKey`), from the cache while it is fresh. */
export async function cachedIntakeKey(db: Db, keyHash: string, now = Date.now()): Promise<Key | undefined> {
  const { keys } = cacheOf(db);
  const hit = keys.get(keyHash);
  if (hit && hit.until > now) return hit.key;
  const key = await liveIntakeKey(db, keyHash);
  if (key) keys.set(keyHash, { key, until: now + KEY_TTL_MS });
  else keys.delete(keyHash);
  return key;
}

/** After a key was revoked here: refuse it from now on in this process. */
export function forgetIntakeKeys(db: Db): void {
  cacheOf(db).keys.clear();
}

/** Which of `ids` exist (as `knownBranches` / `knownServices`), asking the database only for the unknown. */
export async function cachedKnown(db: Db, kind: 'branches' | 'services', ids: string[]): Promise<Set<string>> {
  const known = cacheOf(db)[kind];
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) for (const id of await (kind === 'branches' ? knownBranches : knownServices)(db, unknown)) known.add(id);
  return new Set(ids.filter((id) => known.has(id)));
}
