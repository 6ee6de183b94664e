// What every Temporal bench shares: the server it measures (TEMPORAL_ADDRESS when given — a real cluster —,
// else a dev server of its own) and the machine's load printed beside the figures.
import { rmSync } from 'node:fs';
import os from 'node:os';
import { freePort, registerSearchAttributes, startDevServer, connectClient } from '../../platform/temporal';

export interface BenchServer {
  address: string;
  namespace: string;
  /** What the figures were taken on, for the first line of the output. */
  label: string;
  stop(): Promise<void>;
}

/** The given server (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) or a fresh dev server, with our search attributes. */
export async function benchServer(dataDir: string): Promise<BenchServer> {
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const given = process.env.TEMPORAL_ADDRESS;
  if (given) {
    const { connection } = await connectClient(given, namespace);
    await registerSearchAttributes(connection, namespace);
    await connection.close();
    return { address: given, namespace, label: `Temporal at ${given} (TEMPORAL_ADDRESS, namespace ${namespace})`, stop: async () => undefined };
  }
  const server = await startDevServer({ dataDir, dbFile: null, grpcPort: await freePort(), uiPort: await freePort(), namespace, headless: true, log: () => undefined });
  // The dev server is a child process: stop it however the run ends.
  process.on('exit', () => server.process.kill('SIGKILL'));
  return {
    address: server.address,
    namespace,
    label: `own Temporal dev server ${server.address}`,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** "load 1.23 0.98 0.70 on 2 cores": printed beside every figure, since the machine may be shared. */
export function machineLoad(): string {
  return `load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`;
}
