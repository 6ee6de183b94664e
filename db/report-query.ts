// The pivot engine: one SQL statement per grain (tickets, feedback) and theme-join, aggregating the
// measure definitions of db/report-definitions.ts over GROUPING SETS (cells, row totals, column
// totals, grand total) so every total is the measure recomputed over its group. Scoped to the
// viewer's branches; labels looked up afterwards.
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { DomainError, invalidFields } from '../domain/errors';
import {
  DIMENSIONS,
  MEASURES,
  resolvePeriod,
  type DimensionKey,
  type MeasureKey,
  type MeasureValues,
  type PivotKey,
  type PivotResult,
  type ReportQuery,
} from '../domain/reports';
import type { Role } from '../domain/types';
import type { Db } from './client';
import { BRANCH_SQL, dimensionSql, FROM_SQL, MEASURE_SQL, PERIOD_SQL, THEME_JOIN, themeFilterSql, TICKET_JOIN, type Grain } from './report-definitions';
import { entityLabels } from './report-labels';

export interface Viewer {
  role: Role;
  branches: string[];
}

/** Above these the table is unreadable and the export huge: the caller narrows the query instead. */
export const MAX_ROW_KEYS = 5000;
export const MAX_COLUMN_KEYS = 200;

const SAFE_TZ = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;
const REPORT_WORK_MEM = '64MB';

type Values = Array<string | null>;
interface Group {
  rows: Values | null; // null: rolled up over the row dimensions
  columns: Values | null;
  values: MeasureValues;
}

export async function runPivot(db: Db, q: ReportQuery, viewer: Viewer, opts: { now?: number } = {}): Promise<PivotResult> {
  if (!SAFE_TZ.test(q.timeZone)) throw new DomainError('INVALID_INPUT', `timeZone: unsupported time zone "${q.timeZone}"`);
  const period = resolvePeriod(q, opts.now ?? Date.now());
  const basis = q.period?.basis ?? 'created';
  const dims: DimensionKey[] = [...q.rows, ...q.columns];
  // Cells, row totals, column totals, grand total (duplicates dropped when rows or columns are empty).
  const sets = uniqueSets([dims, q.rows, q.columns, []]);

  const groups = new Map<string, Group>();
  const grains = [...new Set(q.measures.map((m) => MEASURES[m].grain))] as Grain[];
  const statements: Array<Promise<void>> = [];
  for (const grain of grains) {
    const measures = q.measures.filter((m) => MEASURES[m].grain === grain);
    // Theme groups need the unnest join, which repeats a ticket per theme: sets without the theme
    // run without it so their totals count each ticket once.
    for (const part of [sets.filter((s) => s.includes('theme')), sets.filter((s) => !s.includes('theme'))]) {
      if (!part.length) continue;
      statements.push(
        runStatement(db, { grain, measures, sets: part, q, period, basis, viewer }).then((rows) => {
          for (const r of rows) {
            const key = JSON.stringify([r.rows, r.columns]);
            const g = groups.get(key) ?? { rows: r.rows, columns: r.columns, values: {} };
            Object.assign(g.values, r.values);
            groups.set(key, g);
          }
        }),
      );
    }
  }
  await Promise.all(statements).catch((e: unknown) => {
    throw unknownZone(e) ? invalidFields([{ path: 'timeZone', message: 'this database does not know the time zone' }]) : e;
  });
  return assemble(db, q, [...groups.values()], period, basis);
}

/** Postgres' "time zone … not recognized" (22023), also inside drizzle's wrapper: the names are checked
 * at the edge (domain/time-zones.ts), but its tz database may be older than Node's ICU. */
function unknownZone(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '22023' && typeof message === 'string' && /time zone/i.test(message)) return true;
  }
  return false;
}

function uniqueSets(sets: DimensionKey[][]): DimensionKey[][] {
  const seen = new Set<string>();
  return sets.filter((s) => {
    const k = s.join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

interface Statement {
  grain: Grain;
  measures: MeasureKey[];
  sets: DimensionKey[][];
  q: ReportQuery;
  period: { from: number | null; to: number | null };
  basis: 'created' | 'resolved';
  viewer: Viewer;
}

async function runStatement(db: Db, s: Statement): Promise<Group[]> {
  const { grain, q } = s;
  const used = [...q.rows, ...q.columns].filter((d) => s.sets.some((set) => set.includes(d)));
  const dim = (d: DimensionKey) => dimensionSql(d, grain, q.timeZone);
  const expr = (d: DimensionKey) => dim(d).group;
  const select: string[] = used.map((d, i) => `${expr(d)} as d${i}`);
  select.push(used.length ? `grouping(${used.map(expr).join(', ')}) as g` : '0 as g');
  for (const m of s.measures) select.push(`${MEASURE_SQL[m]} as "${m}"`);
  // The grouped values leave as text; formatting after grouping keeps to_char off every row.
  const output = [...used.map((d, i) => `${dim(d).output(`q.d${i}`)} as d${i}`), 'q.g', ...s.measures.map((m) => `q."${m}"`)];

  const where: SQL[] = [];
  if (s.viewer.role !== 'admin') {
    where.push(s.viewer.branches.length ? sql`${sql.raw(BRANCH_SQL[grain])} in ${s.viewer.branches}` : sql`false`);
  }
  const at = sql.raw(PERIOD_SQL[grain][s.basis]);
  if (s.period.from !== null) where.push(sql`${at} >= ${new Date(s.period.from)}`);
  if (s.period.to !== null) where.push(sql`${at} < ${new Date(s.period.to)}`);
  if (s.basis === 'resolved' && s.period.from === null && s.period.to === null && q.period) where.push(sql`${at} is not null`);
  for (const f of q.filters) where.push(filterSql(f, grain, q.timeZone));

  const groupBy = used.length ? ` group by grouping sets (${s.sets.map((set) => `(${set.map(expr).join(', ')})`).join(', ')})` : '';
  const whereSql = where.length ? sql` where ${sql.join(where, sql` and `)}` : sql``;
  const theme = s.sets.some((set) => set.includes('theme')) ? ` ${THEME_JOIN}` : '';
  const readsTicket = grain === 'feedback' && /\bt\./.test(select.join(' ') + groupBy + theme + new PgDialect().sqlToQuery(whereSql).sql);
  const from = `${FROM_SQL[grain]}${readsTicket ? ` ${TICKET_JOIN}` : ''}${theme}`;
  const statement = sql.join(
    [sql.raw(`select ${output.join(', ')} from (select ${select.join(',\n  ')}\nfrom ${from}`), whereSql, sql.raw(`${groupBy}) q`)],
    sql``,
  );
  // Grouping sets with medians sort in memory instead of spilling to disk; JIT compilation costs
  // more than these scans of a few hundred thousand narrow rows ever take (seconds vs. milliseconds);
  // the covering indexes are read from cache, so index-only range scans beat scanning the wide heap.
  const res = (await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local work_mem = '${REPORT_WORK_MEM}'`));
    await tx.execute(sql.raw('set local jit = off'));
    await tx.execute(sql.raw('set local random_page_cost = 1.1'));
    return tx.execute(statement);
  })) as unknown as { rows: Array<Record<string, unknown>> };
  return res.rows.map((r) => {
    const g = Number(r.g);
    const grouped = new Set(used.filter((_, i) => ((g >> (used.length - 1 - i)) & 1) === 0));
    const value = (d: DimensionKey) => (r[`d${used.indexOf(d)}`] ?? null) as string | null;
    const rowsIn = q.rows.length > 0 && q.rows.every((d) => grouped.has(d));
    const colsIn = q.columns.length > 0 && q.columns.every((d) => grouped.has(d));
    const values: MeasureValues = {};
    for (const m of s.measures) values[m] = r[m] === null || r[m] === undefined ? null : Number(r[m]);
    return {
      rows: rowsIn ? q.rows.map(value) : null,
      columns: colsIn ? q.columns.map(value) : null,
      values,
    };
  });
}

function filterSql(f: ReportQuery['filters'][number], grain: Grain, tz: string): SQL {
  const values = f.values.filter((v): v is string => v !== null);
  const hasNull = values.length < f.values.length;
  let cond: SQL;
  if (f.dimension === 'theme') cond = themeFilterSql(values, hasNull);
  else {
    const e = sql.raw(dimensionSql(f.dimension, grain, tz).text);
    const parts: SQL[] = [];
    if (values.length) parts.push(sql`${e} in ${values}`);
    if (hasNull) parts.push(sql`${e} is null`);
    cond = sql`(${sql.join(parts, sql` or `)})`;
  }
  return f.exclude ? sql`not coalesce(${cond}, false)` : cond;
}

async function assemble(db: Db, q: ReportQuery, groups: Group[], period: { from: number | null; to: number | null }, basis: 'created' | 'resolved'): Promise<PivotResult> {
  const rowGroups = new Map<string, Group>();
  const colGroups = new Map<string, Group>();
  const cellGroups = new Map<string, Group>();
  let grand: MeasureValues = {};
  // A group only one grain has (feedback from a branch without tickets) has no rows of the other.
  for (const g of groups) for (const m of q.measures) if (!(m in g.values)) g.values[m] = MEASURES[m].format === 'count' ? 0 : null;
  for (const g of groups) {
    if (g.rows && g.columns) cellGroups.set(JSON.stringify([g.rows, g.columns]), g);
    else if (g.rows) rowGroups.set(JSON.stringify(g.rows), g);
    else if (g.columns) colGroups.set(JSON.stringify(g.columns), g);
    else grand = g.values;
  }

  const labels = await entityLabels(db, [
    ...q.rows.map((d, i) => ({ dimension: d, ids: [...rowGroups.values()].map((g) => g.rows![i]) })),
    ...q.columns.map((d, i) => ({ dimension: d, ids: [...colGroups.values()].map((g) => g.columns![i]) })),
    ...q.filters.map((f) => ({ dimension: f.dimension, ids: f.values })),
  ]);
  const key = (dimensions: DimensionKey[], values: Values): PivotKey => ({ values, labels: values.map((v, i) => labels(dimensions[i], v)) });

  let rowKeys = [...rowGroups.values()].map((g) => key(q.rows, g.rows!));
  const columnKeys = [...colGroups.values()].map((g) => key(q.columns, g.columns!)).sort(byLabel(q.columns));
  if (columnKeys.length > MAX_COLUMN_KEYS) {
    throw new DomainError('INVALID_INPUT', `columns: ${columnKeys.length} column values (at most ${MAX_COLUMN_KEYS}); filter them or pick a coarser dimension`, { columnKeys: columnKeys.length });
  }
  const rowTotal = (k: PivotKey) => rowGroups.get(JSON.stringify(k.values))!.values;
  if (q.sort.by === 'label') rowKeys.sort(byLabel(q.rows));
  else {
    const m = q.sort.by;
    const dir = q.sort.direction === 'asc' ? 1 : -1;
    const label = byLabel(q.rows);
    rowKeys.sort((a, b) => {
      const x = rowTotal(a)[m] ?? null;
      const y = rowTotal(b)[m] ?? null;
      if (x === y) return label(a, b);
      if (x === null) return 1;
      if (y === null) return -1;
      return (x - y) * dir;
    });
  }
  if (q.sort.by === 'label' && q.sort.direction === 'desc') rowKeys.reverse();
  const totalRows = rowKeys.length;
  if (q.limit !== undefined) rowKeys = rowKeys.slice(0, q.limit);
  if (rowKeys.length > MAX_ROW_KEYS) {
    throw new DomainError('INVALID_INPUT', `rows: ${rowKeys.length} row values (at most ${MAX_ROW_KEYS}); set a limit, filter, or pick a coarser dimension`, { rowKeys: rowKeys.length });
  }

  return {
    query: q,
    rowKeys,
    columnKeys,
    cells: rowKeys.map((r) => columnKeys.map((c) => cellGroups.get(JSON.stringify([r.values, c.values]))?.values ?? null)),
    rowTotals: rowKeys.map(rowTotal),
    columnTotals: columnKeys.map((c) => colGroups.get(JSON.stringify(c.values))!.values),
    grandTotal: grand,
    period: { from: period.from === null ? null : new Date(period.from).toISOString(), to: period.to === null ? null : new Date(period.to).toISOString(), basis },
    truncatedRows: totalRows - rowKeys.length,
    filterLabels: q.filters.map((f) => `${DIMENSIONS[f.dimension].label} ${f.exclude ? 'is not' : 'is'} ${f.values.map((v) => labels(f.dimension, v)).join(', ')}`),
  };
}

/** Time buckets in order, other values by label, "(none)" last. */
function byLabel(dimensions: DimensionKey[]) {
  return (a: PivotKey, b: PivotKey): number => {
    for (let i = 0; i < dimensions.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = DIMENSIONS[dimensions[i]].kind === 'time' ? (x < y ? -1 : 1) : a.labels[i].localeCompare(b.labels[i]) || (x < y ? -1 : 1);
      if (c) return c;
    }
    return 0;
  };
}
