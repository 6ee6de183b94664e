// Process plumbing without Temporal or Postgres: config validation, where the Temporal binaries come
// from, when the web UI is rebuilt, and that the scale-out compose file validates.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
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
  // Validated in a copy with .env made from .env.example, as an operator would (`cp .env.example .env`).
  const project = (withEnv: boolean) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'closeloop-compose-'));
    cpSync('docker-compose.yml', path.join(dir, 'docker-compose.yml'));
    cpSync('compose', path.join(dir, 'compose'), { recursive: true });
    if (withEnv) cpSync('.env.example', path.join(dir, '.env'));
    return dir;
  };
  const compose = (dir: string, ...args: string[]) => execFileSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('validates and runs Postgres, Temporal on Postgres, its UI, the api and worker roles and the proxy', () => {
    const dir = project(true);
    const out = compose(dir, 'config');
    const services = compose(dir, 'config', '--services').trim().split('\n');
    expect(services).toEqual(expect.arrayContaining(['postgresql', 'temporal-admin-tools', 'temporal', 'temporal-create-namespace', 'temporal-ui', 'api', 'worker', 'proxy']));
    expect(out).toMatch(/DB: postgres12/);
    expect(out).toMatch(/TEMPORAL_ADDRESS: temporal:7233/);
    // Secrets reach the containers from .env.
    expect(out).toMatch(/POSTGRES_PWD: change-me-long-random/);
    expect(out).toMatch(/DATABASE_URL: postgres:\/\/temporal:change-me-long-random@postgresql:5432\/closeloop/);
  });

  it('holds no password, needs .env, publishes only the proxy (the Temporal UI only on loopback, in a profile)', () => {
    const file = readFileSync('docker-compose.yml', 'utf8');
    expect(file).not.toMatch(/PASSWORD: (?!\$\{)\S+|PWD: (?!\$\{)\S+|postgres:\/\/\w+:\w+@/);
    expect(() => compose(project(false), 'config')).toThrow(/\.env|POSTGRES_PASSWORD/);
    const doc = compose(project(true), 'config');
    const published = [...doc.matchAll(/published: (\d+)|- (\S*:\d+:\d+)/g)].map((m) => m[0]);
    expect(published.join(' ')).not.toMatch(/7233/);
    expect(file).toMatch(/temporal-ui:[\s\S]*?profiles: \["ui"\][\s\S]*?- "127\.0\.0\.1:8233:8080"/);
    for (const svc of ['postgresql', 'temporal', 'api', 'worker', 'proxy']) expect(file).toMatch(new RegExp(`\n  ${svc}:[\\s\\S]*?restart: unless-stopped|\n  ${svc}:\\n    <<: \\*closeloop`));
    expect(file).toMatch(/x-closeloop:[\s\S]*?restart: unless-stopped/);
    expect(file).toMatch(/127\.0\.0\.1:3000\/readyz/);
    expect(file).toMatch(/127\.0\.0\.1:3001\/readyz/);
  });
});

describe('Dockerfile', () => {
  it('is multi-stage, production dependencies only at the end, non-root, tini as PID 1, a maintained Node LTS, a health check', () => {
    const file = readFileSync('Dockerfile', 'utf8');
    const stages = file.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages.every((s) => /^node:22-(slim|alpine)/.test(s))).toBe(true);
    const final = stages[stages.length - 1];
    expect(final).toMatch(/npm ci --omit=dev/);
    expect(final).toMatch(/COPY --from=web \/app\/web\/dist/);
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(final).toMatch(/^CMD \["node"/m);
    expect(final).toMatch(/HEALTHCHECK[\s\S]*\/livez/);
  });
});
