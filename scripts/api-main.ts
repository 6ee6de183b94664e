// `npm run api`: a stateless API + web process against TEMPORAL_ADDRESS and DATABASE_URL.
import { ConfigError, loadConfig } from '../platform/config';
import { onShutdown, openConfiguredDatabase, startApi } from './runtime';
import { ensureWebBuild } from '../platform/web-build';

async function main() {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS || !config.DATABASE_URL) throw new ConfigError('npm run api needs TEMPORAL_ADDRESS and DATABASE_URL');
  await ensureWebBuild();
  const database = await openConfiguredDatabase(config);
  const api = await startApi(config, config.TEMPORAL_ADDRESS, database);
  onShutdown(async () => {
    await api.close();
    await database.close();
  });
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
