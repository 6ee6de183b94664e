// `npm run worker`: a stateless worker against TEMPORAL_ADDRESS and DATABASE_URL (scale-out role).
import { ConfigError, loadConfig } from '../platform/config';
import { installTemporalLogger, onShutdown, openConfiguredDatabase, startMailReader, stopWorker, startWorker } from './runtime';

async function main() {
  const config = loadConfig();
  installTemporalLogger(config);
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) throw new ConfigError('npm run worker needs TEMPORAL_ADDRESS and DATABASE_URL');
  const database = await openConfiguredDatabase(config);
  const { worker, running } = await startWorker(config, config.TEMPORAL_ADDRESS, database);
  const mailReader = await startMailReader(config, config.TEMPORAL_ADDRESS, database);
  console.log(`[closeloop] worker polling ${config.TEMPORAL_TASK_QUEUE} on ${config.TEMPORAL_ADDRESS}`);
  onShutdown(async () => {
    await mailReader?.stop();
    stopWorker(worker); // the SDK may already be draining on the same signal
    await running;
    await database.close();
  });
  await running;
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
