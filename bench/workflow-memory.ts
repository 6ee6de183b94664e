// `npm run bench -- workflow-memory [n]` (node needs --expose-gc for steadier figures: NODE_OPTIONS=--expose-gc):
// worker memory per cached workflow for three bundles with the same sleeping workflow — bare, with zod
// imported, and bundled together with the ticket workflow — to show what the bundle itself costs per
// ticket kept in the worker's cache.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { installTemporalLogger } from '../scripts/runtime';
import { connectClient, freePort, startDevServer } from '../platform/temporal';

installTemporalLogger({ LOG_LEVEL: 'error' });
const n = Number(process.argv[2] ?? 500);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const dataDir = `/tmp/closeloop-memory-${process.pid}`;
const server = await startDevServer({ dataDir, dbFile: null, grpcPort: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true, log: () => undefined });
process.on('exit', () => server.process.kill('SIGKILL'));
const { client, connection } = await connectClient(server.address, 'default');
console.log(`workflow memory bench — ${n} cached workflows per bundle`);
for (const name of ['bare', 'with-zod', 'with-ticket-bundle']) {
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const taskQueue = `memory-${name}-${Date.now()}`;
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowsPath: fileURLToPath(new URL(`./memory-probe/${name}.ts`, import.meta.url)), maxCachedWorkflows: n + 10 });
  const running = worker.run();
  await client.workflow.execute('probe', { taskQueue, workflowId: `${taskQueue}-warm`, workflowExecutionTimeout: '1s' }).catch(() => undefined); // bundle loaded
  gc();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => client.workflow.start('probe', { taskQueue, workflowId: `${taskQueue}-${i + j}` })));
  while ((await client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`)).count < n) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 5000)); // every first workflow task done
  gc();
  console.log(`  ${name.padEnd(20)} RSS +${((process.memoryUsage().rss - before) / n / 1024).toFixed(0)} KiB per cached workflow`);
  worker.shutdown();
  await running;
  await nativeConnection.close();
}
await connection.close();
await server.stop();
