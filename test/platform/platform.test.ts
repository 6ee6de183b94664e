// Process plumbing without Temporal or Postgres: config validation, where the Temporal binaries come
// from, when the web UI is rebuilt, and that the scale-out compose file validates.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../platform/config';
import { resolveTemporalBinary } from '../../platform/temporal-binaries';
import { webBuildIsStale } from '../../platform/web-build';

describe('config', () => {
  it('applies defaults and derives URLs', () => {
    const c = loadConfig({ PORT: '3100' });
    expect(c.PORT).toBe(3100);
    expect(c.publicUrl).toBe('http://localhost:3100');
    expect(c.temporalUiUrl).toBe('http://localhost:8233');
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('names every bad variable in one message', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'not a url', ADMIN_EMAIL: 'nobody', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'ADMIN_EMAIL', 'LOG_LEVEL']) expect(msg).toContain(name);
  });
});

describe('Temporal binary resolution: env var → PATH → tools dir → pip', () => {
  const fakeExe = (dir: string, name: string) => {
    mkdirSync(dir, { recursive: true });
    const p = path.join(dir, name);
    writeFileSync(p, '#!/bin/sh\n');
    chmodSync(p, 0o755);
    return p;
  };
  const tmp = () => mkdtempSync(path.join(tmpdir(), 'closeloop-bin-'));
  const quiet = { log: () => undefined, install: false };

  it('takes the env var first, then PATH, then the tools dir', () => {
    const t = tmp();
    const fromEnv = fakeExe(path.join(t, 'env'), 'temporal');
    const fromPath = fakeExe(path.join(t, 'path'), 'temporal');
    const fromTools = fakeExe(path.join(t, 'tools', 'temporal-cli', 'bin'), 'temporal');
    const toolsDir = path.join(t, 'tools');
    expect(resolveTemporalBinary('cli', { ...quiet, toolsDir, env: { TEMPORAL_CLI_PATH: fromEnv, PATH: path.dirname(fromPath) } })).toEqual({ path: fromEnv, source: 'env' });
    expect(resolveTemporalBinary('cli', { ...quiet, toolsDir, env: { PATH: path.dirname(fromPath) } })).toEqual({ path: fromPath, source: 'PATH' });
    expect(resolveTemporalBinary('cli', { ...quiet, toolsDir, env: { PATH: '' } })).toEqual({ path: fromTools, source: 'tools-dir' });
  });

  it('refuses a non-executable env var path and answers null when nothing local exists', () => {
    const t = tmp();
    writeFileSync(path.join(t, 'plain'), 'x');
    expect(() => resolveTemporalBinary('test-server', { ...quiet, toolsDir: t, env: { TEMPORAL_TEST_SERVER_PATH: path.join(t, 'plain') } })).toThrow(/not an executable/);
    expect(resolveTemporalBinary('test-server', { ...quiet, toolsDir: t, env: { PATH: '' } })).toBeNull();
  });
});

describe('web build', () => {
  it('is stale without a build and when a source is newer than the build', () => {
    const t = mkdtempSync(path.join(tmpdir(), 'closeloop-web-'));
    mkdirSync(path.join(t, 'web', 'src'), { recursive: true });
    writeFileSync(path.join(t, 'web', 'src', 'App.tsx'), '');
    expect(webBuildIsStale(t)).toBe(true);
    mkdirSync(path.join(t, 'web', 'dist'));
    writeFileSync(path.join(t, 'web', 'dist', 'index.html'), '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(t, 'web', 'src', 'App.tsx'), past, past);
    expect(webBuildIsStale(t)).toBe(false);
    writeFileSync(path.join(t, 'web', 'src', 'App.tsx'), 'changed');
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(t, 'web', 'src', 'App.tsx'), future, future);
    expect(webBuildIsStale(t)).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  it('validates and runs Postgres, Temporal on Postgres, its UI, and the api and worker roles', () => {
    const out = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { encoding: 'utf8' });
    const services = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '--services'], { encoding: 'utf8' }).trim().split('\n');
    expect(services).toEqual(expect.arrayContaining(['postgresql', 'temporal-admin-tools', 'temporal', 'temporal-create-namespace', 'temporal-ui', 'api', 'worker']));
    expect(out).toMatch(/DB: postgres12/);
    expect(out).toMatch(/TEMPORAL_ADDRESS: temporal:7233/);
  });
});
