// `npm start` on a fresh clone must serve the web UI: build web/dist when it is missing or older than
// the sources it is built from (web/ and the shared domain/ modules the UI imports).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log as logFor } from './logger';

const webLog = logFor('web-build');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['web', 'domain', 'workflows'];
const SKIP = new Set(['dist', 'node_modules']);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** True when web/dist/index.html is missing or older than any source file it is built from. */
export function webBuildIsStale(projectRoot = root): boolean {
  const index = path.join(projectRoot, 'web', 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((d) => existsSync(path.join(projectRoot, d)) && newestMtime(path.join(projectRoot, d)) > built);
}

export async function ensureWebBuild(log: (m: string) => void = (m) => webLog.info(m)): Promise<void> {
  if (!webBuildIsStale()) return;
  log('[closeloop] building the web UI (web/dist is missing or older than its sources)');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
