// The worker's own probes on a small HTTP port (WORKER_HEALTH_PORT): /livez, and /readyz = the SDK
// worker is RUNNING (polling its task queue), Postgres answers, Temporal answers. Compose and
// orchestrators probe it the way they probe the API's /readyz.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/client';
import { CheckFailed, postgresCheck, READY_RETRY_AFTER_S, readiness, temporalCheck, type Check, type TemporalPing } from './health';

export interface WorkerHealth {
  port: number;
  close(): Promise<void>;
}

export async function startWorkerHealth(opts: { port: number; host: string; worker: { getState(): string }; db: Db; connection: TemporalPing; extra?: Record<string, Check> }): Promise<WorkerHealth> {
  const checks: Record<string, Check> = {
    worker: async () => {
      const state = opts.worker.getState();
      if (state !== 'RUNNING') throw new CheckFailed(`worker is ${state}`);
    },
    postgres: postgresCheck(opts.db),
    temporal: temporalCheck(opts.connection),
    ...opts.extra,
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'GET only' }, { allow: 'GET, HEAD' });
    if (path === '/livez') return send(200, { ok: true });
    if (path !== '/readyz') return send(404, { error: 'try /livez or /readyz' });
    readiness(checks).then(
      (r) => send(r.ready ? 200 : 503, r, r.ready ? {} : { 'retry-after': String(READY_RETRY_AFTER_S) }),
      () => send(503, { ready: false }, { 'retry-after': String(READY_RETRY_AFTER_S) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
