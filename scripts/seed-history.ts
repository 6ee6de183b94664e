// `npm run seed:history -- --tickets 200000 [--days 730] [--seed 1] [--reset]`: fills the read model
// (DATABASE_URL, or the embedded database in DATA_DIR) with a realistic history for reports and demos.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config';
import { openConfiguredDatabase } from './runtime';
import { HISTORY_PASSWORD, removeHistory, seedHistory } from './history/insert';

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '200000' }, days: { type: 'string', default: '730' }, seed: { type: 'string', default: '1' }, reset: { type: 'boolean', default: false } },
});
const n = Number(values.tickets);
const days = Number(values.days);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(days) || days < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run seed:history -- --tickets <n ≥ 1> [--days <n ≥ 1>] [--seed <int>] [--reset]');
  process.exit(2);
}

async function main() {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    if (values.reset) await removeHistory(database.db);
    const started = Date.now();
    let last = 0;
    const { firstNumber, lastNumber } = await seedHistory(database.db, {
      tickets: n,
      days,
      seed,
      onProgress: (done) => {
        if (done - last >= 20_000 || done === n) {
          last = done;
          console.log(`[seed:history] ${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} tickets`);
        }
      },
    });
    const s = (Date.now() - started) / 1000;
    console.log(`[seed:history] tickets #${firstNumber}–#${lastNumber} over ${days} days in ${s.toFixed(1)} s (${Math.round(n / s).toLocaleString('en-US')} tickets/s), database ${database.driver}`);
    console.log(`[seed:history] sign in as manager.amsterdam@history.test (or agent1.amsterdam@…) with password ${HISTORY_PASSWORD}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
