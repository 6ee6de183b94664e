// Liveness and readiness, shared by the API (/livez, /readyz) and the worker's health port. Each check
// runs under a short deadline so a probe answers within a couple of seconds even when a dependency hangs.
import type { Db } from '../db/client';
import { expectedMigration, lastAppliedMigration, pingDatabase } from '../db/health';
import { log } from './logger';

export const CHECK_TIMEOUT_MS = 2000;
export const READY_RETRY_AFTER_S = 5;

export interface CheckResult {
  ok: boolean;
  ms: number;
  /** Why it failed, in words safe to show to anyone who can reach the port (no host names, no SQL). */
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, CheckResult>;
}

/** A Temporal connection as both the client's Connection and the worker's NativeConnection expose it. */
export interface TemporalPing {
  withDeadline<T>(deadline: number | Date, fn: () => Promise<T>): Promise<T>;
  workflowService: { getSystemInfo(req: object): Promise<unknown> };
}

export type Check = () => Promise<void>;

/** A failure whose message is safe to show in the probe's body. */
export class CheckFailed extends Error {}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new CheckFailed(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });

export const postgresCheck = (db: Db): Check => () => pingDatabase(db);

export const migrationsCheck = (db: Db): Check => async () => {
  const applied = await lastAppliedMigration(db);
  if (applied === null || applied < expectedMigration.when) throw new CheckFailed(`schema behind this build: expected ${expectedMigration.tag}`);
};

export const temporalCheck = (connection: TemporalPing): Check => async () => {
  await connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () => connection.workflowService.getSystemInfo({}));
};

const health = log('health');

/** Runs the checks side by side; a failure's cause is logged (it may name hosts), its body says what failed. */
export async function readiness(checks: Record<string, Check>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs);
        return [name, { ok: true, ms: Math.round(performance.now() - started) }];
      } catch (err) {
        health.warn({ check: name, err }, 'readiness check failed');
        const error = err instanceof CheckFailed ? err.message : 'unreachable';
        return [name, { ok: false, ms: Math.round(performance.now() - started), error }];
      }
    }),
  );
  const result = Object.fromEntries(entries);
  return { ready: entries.every(([, r]) => r.ok), checks: result };
}
