// `npm start`: the whole system in one process (embedded Temporal dev server unless TEMPORAL_ADDRESS,
// PGlite unless DATABASE_URL), worker + API + web UI on PORT.
import { ConfigError, loadConfig } from '../platform/config';
import { installTemporalLogger, onShutdown, startMetrics, openConfiguredDatabase, startMailReader, stopWorker, startApi, startWorker } from '../platform/runtime';
import { connectClient, startDevServer, type DevServer } from '../platform/temporal';
import { ensureWebBuild } from '../platform/web-build';
import { seedDemo } from '../platform/demo';
import { log } from '../platform/logger';

const out = log('closeloop');

async function main() {
  const config = loadConfig();
  installTemporalLogger(config);
  await ensureWebBuild();
  let devServer: DevServer | null = null;
  let address = config.TEMPORAL_ADDRESS;
  if (!address) {
    devServer = await startDevServer({
      dataDir: config.dataDir,
      grpcPort: config.TEMPORAL_GRPC_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
    });
    address = devServer.address;
    out.info({ temporal: address, temporalUi: devServer.uiUrl, dataDir: config.dataDir }, 'Temporal dev server started');
  }
  const metrics = await startMetrics(config);
  const database = await openConfiguredDatabase(config);
  out.info({ driver: database.driver }, 'database open');
  const { worker, running } = await startWorker(config, address, database);
  const api = await startApi(config, address, database);
  const mailReader = await startMailReader(config, address, database);
  if (process.argv.includes('--demo')) {
    const { connection, client } = await connectClient(address, config.TEMPORAL_NAMESPACE);
    await seedDemo(database.db, client, config.TEMPORAL_TASK_QUEUE).finally(() => connection.close());
  }
  onShutdown(async () => {
    await metrics?.close();
    await api.close();
    await mailReader?.stop();
    stopWorker(worker); // the SDK may already be draining on the same signal
    await running;
    await database.close();
    await devServer?.stop();
  });
  await running;
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else out.fatal({ err }, 'start failed');
  process.exit(1);
});
