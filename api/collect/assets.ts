// The collection pages' two files: the stylesheet (served from its source, it needs no build) and the
// kiosk script (TypeScript built by `npm run build:web` into web/dist/collect/kiosk.js). URLs carry a
// content hash, so the files can be cached for a year and a new version is fetched at once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = {
  'collect.css': { file: path.join(root, 'web/collect/collect.css'), type: 'text/css; charset=utf-8' },
  'kiosk.js': { file: path.join(root, 'web/dist/collect/kiosk.js'), type: 'text/javascript; charset=utf-8' },
} as const;
export type AssetName = keyof typeof FILES;

const cache = new Map<AssetName, { mtimeMs: number; body: Buffer; hash: string }>();

/** The file's content and hash, re-read when it changed on disk; null when it does not exist (kiosk.js before a build). */
export function asset(name: AssetName): { body: Buffer; hash: string; type: string } | null {
  const { file, type } = FILES[name];
  if (!existsSync(file)) return null;
  const { mtimeMs } = statSync(file);
  let entry = cache.get(name);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    const body = readFileSync(file);
    entry = { mtimeMs, body, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
    cache.set(name, entry);
  }
  return { body: entry.body, hash: entry.hash, type };
}

export const isAssetName = (name: string): name is AssetName => name in FILES;

/** The versioned URL of an asset. */
export const assetUrl = (name: AssetName) => `/c/assets/${name}?v=${asset(name)?.hash ?? 'missing'}`;
