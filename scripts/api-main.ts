// `npm run api`: a stateless API + web process against TEMPORAL_ADDRESS and DATABASE_URL.
import { ConfigError, loadConfig } from '../platform/config';
import { onShutdown, openConfiguredDatabase, startApi, startMetrics } from '../platform/runtime';
import { ensureWebBuild } from '../platform/web-build';
import { log, setLogLevel } from '../platform/logger';

async function main() {
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) throw new ConfigError('npm run api needs TEMPORAL_ADDRESS and DATABASE_URL');
  await ensureWebBuild();
  const metrics = await startMetrics(config);
  const database = await openConfiguredDatabase(config);
  const api = await startApi(config, config.TEMPORAL_ADDRESS, database);
  onShutdown(async () => {
    await metrics?.close();
    await api.close();
    await database.close();
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else log('api').fatal({ err }, 'api failed');
  process.exit(1);
});
