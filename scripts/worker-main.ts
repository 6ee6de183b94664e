// `npm run worker`: a stateless worker against TEMPORAL_ADDRESS and DATABASE_URL (scale-out role).
import { ConfigError, loadConfig } from '../platform/config';
import { installTemporalLogger, onShutdown, startMetrics, openConfiguredDatabase, startMailReader, stopWorker, startWorker } from '../platform/runtime';
import { log } from '../platform/logger';

async function main() {
  const config = loadConfig();
  installTemporalLogger(config);
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) throw new ConfigError('npm run worker needs TEMPORAL_ADDRESS and DATABASE_URL');
  const metrics = await startMetrics(config);
  const database = await openConfiguredDatabase(config);
  const { worker, running } = await startWorker(config, config.TEMPORAL_ADDRESS, database);
  const mailReader = await startMailReader(config, config.TEMPORAL_ADDRESS, database);
  log('worker').info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS }, 'worker polling');
  onShutdown(async () => {
    await metrics?.close();
    await mailReader?.stop();
    stopWorker(worker); // the SDK may already be draining on the same signal
    await running;
    await database.close();
  });
  await running;
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else log('worker').fatal({ err }, 'worker failed');
  process.exit(1);
});
