// `npm run bench -- reports [--tickets 200000] [--runs 30] [--keep] [--db <name>]`: seeds a fresh
// database with a generated history, then prints p50/p95 of typical pivots (as the API runs them, for
// an admin and for a manager of two branches) and of each export (query + file), in milliseconds.
// Needs DATABASE_URL (a Postgres server; the bench creates and drops its own database there).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { flattenPivot } from '../api/report-files/table';
import { pivotCsv } from '../api/report-files/csv';
import { pivotPdf } from '../api/report-files/pdf';
import { pivotXlsx } from '../api/report-files/xlsx';
import { openDatabase } from '../db/client';
import { runPivot, type Viewer } from '../db/report-query';
import { DASHBOARD_QUERIES, READY_MADE_REPORTS } from '../domain/ready-made-reports';
import { MEASURE_KEYS, reportQuerySchema, type ReportQueryInput } from '../domain/reports';
import { BRANCHES } from '../scripts/history/generate';
import { seedHistory } from '../scripts/history/insert';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { tickets: { type: 'string', default: '200000' }, runs: { type: 'string', default: '30' }, keep: { type: 'boolean', default: false }, db: { type: 'string' } },
});
const N = Number(values.tickets);
const RUNS = Number(values.runs);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('reports bench: set DATABASE_URL to a Postgres server (the bench makes its own database there)');
  process.exit(2);
}
const name = values.db ?? `closeloop_bench_reports_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
if (!exists) await admin.query(`create database ${name}`);
const url = new URL(base);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
const db = database.db;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const ms = (x: number) => x.toFixed(1).padStart(7);

try {
  const c = (db as unknown as { $client: pg.Pool }).$client;
  const n = (await c.query('select count(*)::int as n from tickets')).rows[0].n as number;
  if (n < N) {
    const t0 = performance.now();
    await seedHistory(db, { tickets: N - n, days: 730, seed: 7, onProgress: (d) => d % 50_000 === 0 && console.log(`  seeded ${d.toLocaleString('en-US')}`) });
    const s = (performance.now() - t0) / 1000;
    console.log(`seeded ${(N - n).toLocaleString('en-US')} tickets in ${s.toFixed(1)} s (${Math.round((N - n) / s).toLocaleString('en-US')} tickets/s)`);
  }
  const counts = (await c.query(`select (select count(*) from tickets)::int t, (select count(*) from feedback)::int f, (select count(*) from ticket_events)::int e`)).rows[0];
  console.log(`reports bench — ${counts.t.toLocaleString('en-US')} tickets, ${counts.f.toLocaleString('en-US')} feedback, ${counts.e.toLocaleString('en-US')} timeline events; ${RUNS} runs each after 3 warm-ups (ms)`);

  const adminViewer: Viewer = { role: 'admin', branches: [] };
  const manager: Viewer = { role: 'manager', branches: [BRANCHES[0].id, BRANCHES[1].id] };
  const pivots: Array<[string, ReportQueryInput, Viewer]> = [
    ['branch × month, 4 measures incl. median, 365 d', { rows: ['branch'], columns: ['createdMonth'], measures: ['ticketsOpened', 'resolutionRate', 'medianResolutionTime', 'csatPercent'], period: { lastDays: 365 } }, adminViewer],
    ...READY_MADE_REPORTS.map((r): [string, ReportQueryInput, Viewer] => [`ready-made: ${r.name}`, r.definition, adminViewer]),
    ['theme × sentiment, churn risk, 365 d', { rows: ['theme'], columns: ['sentiment'], measures: ['ticketsOpened', 'avgChurnRisk'], period: { lastDays: 365 } }, adminViewer],
    ['channel × score tier, promoter activation, 365 d', { rows: ['channel'], columns: ['scoreTier'], measures: ['feedbackReceived', 'promoterActivationRate'], period: { lastDays: 365 } }, adminViewer],
    ['all measures, all time, no dimensions', { measures: MEASURE_KEYS }, adminViewer],
    ['manager (2 branches): agent × week, 90 d', { rows: ['assignee'], columns: ['createdWeek'], measures: ['ticketsOpened', 'medianFirstResponseTime', 'firstResponseSlaCompliance'], period: { lastDays: 90 } }, manager],
  ];
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn();
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return xs;
  };
  const rows: Array<[string, number[]]> = [];
  for (const [label, q, viewer] of pivots) {
    const parsed = reportQuerySchema.parse(q);
    rows.push([label, await time(() => runPivot(db, parsed, viewer))]);
  }
  const dashboard = Object.values(DASHBOARD_QUERIES).map((q) => reportQuerySchema.parse(q));
  rows.push(['dashboard (3 queries in parallel), manager', await time(() => Promise.all(dashboard.map((q) => runPivot(db, q, manager))))]);

  const exportQuery = reportQuerySchema.parse(pivots[0][1]);
  const render = {
    csv: async () => pivotCsv(flattenPivot(await runPivot(db, exportQuery, adminViewer), 'Bench')),
    xlsx: async () => {
      const r = await runPivot(db, exportQuery, adminViewer);
      return pivotXlsx(flattenPivot(r, 'Bench'), r.query.measures);
    },
    pdf: async () => {
      const r = await runPivot(db, exportQuery, adminViewer);
      return pivotPdf(flattenPivot(r, 'Bench'), r);
    },
  };
  const sizes: Record<string, number> = {};
  for (const [f, fn] of Object.entries(render)) {
    sizes[f] = (await fn()).length;
    rows.push([`export ${f} (query + file, ${(sizes[f] / 1024).toFixed(0)} KiB)`, await time(fn)]);
  }

  console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
  const width = Math.max(...rows.map(([l]) => l.length));
  console.log(`${'query'.padEnd(width)}     p50     p95     max`);
  for (const [label, xs] of rows) console.log(`${label.padEnd(width)} ${ms(pct(xs, 50))} ${ms(pct(xs, 95))} ${ms(Math.max(...xs))}`);
  const worst = Math.max(...rows.filter(([l]) => !l.startsWith('export')).map(([, xs]) => pct(xs, 95)));
  console.log(`worst pivot p95: ${worst.toFixed(1)} ms (goal < 300 ms)`);
} finally {
  await database.close();
  if (!values.keep) await admin.query(`drop database if exists ${name} with (force)`);
  else console.log(`kept database ${name} (run again with --db ${name} to reuse it)`);
  await admin.end();
}
