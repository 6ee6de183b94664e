// `npm run seed:history -- --tickets 200000 [--days 730] [--seed 1] [--reset]`: fills the read model
// (DATABASE_URL, or the embedded database in DATA_DIR) with a realistic history for reports and demos.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config';
import { openConfiguredDatabase } from '../platform/runtime';
import { HISTORY_PASSWORD, removeHistory, seedHistory } from './history/insert';
import { log } from '../platform/logger';

const out = log('seed-history');

const { values } = parseArgs({
  options: { tickets: { type: 'string', default: '200000' }, days: { type: 'string', default: '730' }, seed: { type: 'string', default: '1' }, reset: { type: 'boolean', default: false } },
});
const n = Number(values.tickets);
const days = Number(values.days);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(days) || days < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: npm run seed:history -- --tickets <n ≥ 1> [--days <n ≥ 1>] [--seed <int>] [--reset]\n');
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
          out.info({ done, of: n }, 'tickets seeded');
        }
      },
    });
    const s = (Date.now() - started) / 1000;
    out.info({ firstNumber, lastNumber, days, seconds: Number(s.toFixed(1)), ticketsPerSecond: Math.round(n / s), driver: database.driver }, 'history seeded');
    process.stderr.write(`[seed:history] sign in as manager.amsterdam@history.test (or agent1.amsterdam@…) with password ${HISTORY_PASSWORD}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else out.fatal({ err }, 'seed failed');
  process.exit(1);
});
