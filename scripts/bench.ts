// `npm run bench -- <name> [args]`: runs bench/<name>.ts; without a name lists the benchmarks.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.resolve('bench');
const available = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stdout.write(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ') || '(none)'}\n`);
  process.exit(name ? 1 : 0);
}
// The machine may be shared: its load belongs beside every figure, before and after the run.
const load = () => `${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`;
console.log(`[bench ${name}] load average ${load()}; Temporal ${process.env.TEMPORAL_ADDRESS ?? 'own dev server'}, database ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'PGlite / none'}`);
process.on('exit', () => console.log(`[bench ${name}] load average at the end ${load()}`));
process.argv = [process.argv[0], path.join(dir, `${name}.ts`), ...args];
await import(pathToFileURL(path.join(dir, `${name}.ts`)).href);
