// Temporal servers for tests, started by us (not the SDK) so a loaded machine never trips the SDK's
// 5 s start-up limit: the time-skipping test server for workflow tests, the dev server for integration.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';
import { resolveTemporalBinary } from '../../platform/temporal-binaries';
import { freePort, registerSearchAttributes, startDevServer, waitForPort } from '../../platform/temporal';

let runtimeInstalled = false;
function quietRuntime() {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by another helper in this worker
  }
}

export interface TemporalTestEnv {
  env: TestWorkflowEnvironment;
  address: string;
  teardown(): Promise<void>;
}

type CreateFn = (opts: Record<string, unknown>) => Promise<TestWorkflowEnvironment>;
// `create` is private in the SDK's typings; it is the only way to attach a time-skipping client to a
// server we started ourselves.
const createEnv: CreateFn = (TestWorkflowEnvironment as unknown as { create: CreateFn }).create.bind(TestWorkflowEnvironment);

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export async function startTimeSkippingEnv(): Promise<TemporalTestEnv> {
  quietRuntime();
  const bin = resolveTemporalBinary('test-server', { log: () => undefined });
  if (!bin) return sdkManaged(() => TestWorkflowEnvironment.createTimeSkipping());
  const port = await freePort();
  const child = spawn(bin.path, [String(port)], { stdio: 'ignore' });
  await waitForPort('127.0.0.1', port, 120_000);
  const address = `127.0.0.1:${port}`;
  const env = await createEnv({ server: { type: 'existing' }, address, supportsTimeSkipping: true, namespace: 'default' });
  return {
    env,
    address,
    teardown: async () => {
      await env.teardown();
      await stopChild(child);
    },
  };
}

export async function startDevServerEnv(): Promise<TemporalTestEnv> {
  quietRuntime();
  const server = await startDevServer({
    dataDir: '/tmp',
    dbFile: null,
    grpcPort: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    headless: true,
    log: () => undefined,
  });
  const env = await connectWhenHealthy(server.address);
  await registerSearchAttributes(env.connection, 'default');
  return {
    env,
    address: server.address,
    teardown: async () => {
      await env.teardown();
      await server.stop();
    },
  };
}

/** The dev server's port opens before its frontend is healthy ("Frontend is not healthy yet"); on a
 * loaded machine that gap can outlast the SDK's own connect retries. */
async function connectWhenHealthy(address: string): Promise<TestWorkflowEnvironment> {
  const until = Date.now() + 90_000;
  for (;;) {
    try {
      return await TestWorkflowEnvironment.createFromExistingServer({ address });
    } catch (err) {
      if (Date.now() > until || !/not healthy|unavailable/i.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function sdkManaged(make: () => Promise<TestWorkflowEnvironment>): Promise<TemporalTestEnv> {
  const env = await make();
  return { env, address: env.address, teardown: () => env.teardown() };
}

/** The workflow bundle built once per test run by test/global-setup.ts. */
export function workflowBundle(): { code: string } {
  return { code: readFileSync(inject('workflowBundlePath'), 'utf8') };
}
