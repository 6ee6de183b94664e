// The shape of a pivot query (zod, shared by the API's validation and its OpenAPI) and its period.
// What the dimensions and measures are: ./report-catalogue.ts.
import { z } from 'zod';
import { zonedTimeToUtc } from './business-time';
import { timeZoneSchema } from './calendar-schema';
import { calendarDate } from './ids';
import { usableTimeZone } from './time-zones';
import { DIMENSION_KEYS, MEASURE_KEYS, type DimensionKey, type MeasureKey, type MeasureValues, type PivotPeriod } from './report-catalogue';

export * from './report-catalogue';

const dimensionKey = z.enum(DIMENSION_KEYS as [DimensionKey, ...DimensionKey[]]);
const measureKey = z.enum(MEASURE_KEYS as [MeasureKey, ...MeasureKey[]]);
const isoDate = calendarDate();

export const reportFilterSchema = z.object({
  dimension: dimensionKey,
  /** Values as the pivot returns them (ids, enum values, bucket start dates); null matches "(none)". */
  values: z.array(z.string().max(200).nullable()).min(1).max(500),
  exclude: z.boolean().default(false),
});

export const reportPeriodSchema = z
  .object({
    /** Which instant places a ticket in the period: its creation or its resolution. */
    basis: z.enum(['created', 'resolved']).default('created'),
    from: isoDate.optional(),
    to: isoDate.optional().describe('inclusive'),
    lastDays: z.number().int().min(1).max(3660).optional().describe('instead of from/to: the last n days up to now'),
  })
  .refine((p) => p.lastDays === undefined || (p.from === undefined && p.to === undefined), 'give either from/to or lastDays, not both')
  .refine((p) => !p.from || !p.to || p.from <= p.to, 'from must not be after to')
  // The first rule in the document's terms (from <= to has none): not lastDays together with from or to.
  .meta({ not: { required: ['lastDays'], anyOf: [{ required: ['from'] }, { required: ['to'] }] }, description: 'from/to (from not after to) or lastDays, not both' });

export const reportQuerySchema = z
  .object({
    rows: z.array(dimensionKey).max(3).default([]).meta({ uniqueItems: true }),
    columns: z.array(dimensionKey).max(2).default([]).meta({ uniqueItems: true }),
    // Each once (the superRefine below): uniqueItems says so in the document.
    measures: z.array(measureKey).min(1, 'pick at least one measure').max(MEASURE_KEYS.length).meta({ uniqueItems: true }),
    filters: z.array(reportFilterSchema).max(20).default([]),
    period: reportPeriodSchema.optional(),
    timeZone: timeZoneSchema.default('UTC'),
    /** Order of the row keys: by their label, or by a measure's row total. */
    sort: z.object({ by: z.union([z.literal('label'), measureKey]), direction: z.enum(['asc', 'desc']) }).default({ by: 'label', direction: 'asc' }),
    /** Keep only the first n rows after sorting (totals still cover every row). */
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .superRefine((q, ctx) => {
    const dims = [...q.rows, ...q.columns];
    if (new Set(dims).size !== dims.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'a dimension may appear once in rows and columns' });
    if (new Set(q.measures).size !== q.measures.length) ctx.addIssue({ code: 'custom', path: ['measures'], message: 'a measure may appear once' });
    if (q.sort.by !== 'label' && !q.measures.includes(q.sort.by)) ctx.addIssue({ code: 'custom', path: ['sort', 'by'], message: 'sort by one of the chosen measures' });
  })
  // The superRefine in the document's terms (the lists are short, so each rule is spelt out per key):
  // sort by the label or a measure that `measures` contains; no dimension in both rows and columns.
  .meta({
    id: 'ReportQuery',
    anyOf: [
      { not: { required: ['sort'] } },
      { properties: { sort: { properties: { by: { const: 'label' } } } } },
      ...MEASURE_KEYS.map((m) => ({ required: ['measures'], properties: { sort: { properties: { by: { const: m } } }, measures: { contains: { const: m } } } })),
    ],
    not: { anyOf: DIMENSION_KEYS.map((d) => ({ required: ['rows', 'columns'], properties: { rows: { contains: { const: d } }, columns: { contains: { const: d } } } })) },
  });

/** A saved report's definition as stored: its time zone made usable (domain/time-zones.ts) when it was
 * saved before the names were restricted, so listing or running it never fails on it. */
export function parseStoredReportQuery(definition: unknown): ReportQuery {
  const d = definition as { timeZone?: unknown } | null;
  const fixed = d && typeof d === 'object' && typeof d.timeZone === 'string' ? { ...d, timeZone: usableTimeZone(d.timeZone) } : definition;
  return reportQuerySchema.parse(fixed);
}
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

export interface PivotKey {
  values: Array<string | null>;
  labels: string[];
}
export interface PivotResult {
  query: ReportQuery;
  rowKeys: PivotKey[];
  columnKeys: PivotKey[];
  /** cells[row][column]; null where no ticket falls in both. */
  cells: Array<Array<MeasureValues | null>>;
  /** Each row over all columns, each column over all rows, and everything: recomputed, never summed. */
  rowTotals: MeasureValues[];
  columnTotals: MeasureValues[];
  grandTotal: MeasureValues;
  period: PivotPeriod;
  truncatedRows: number; // rows left out by `limit`
  /** The filters in words, e.g. "Branch is North, South" (names instead of ids). */
  filterLabels: string[];
}

// ---- the period as instants ----

const DAY = 86_400_000;
function localDate(iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  return { y, m, d };
}

/** [from, to) as epoch ms in the query's time zone; null bounds are open. */
export function resolvePeriod(q: Pick<ReportQuery, 'period' | 'timeZone'>, now: number): { from: number | null; to: number | null } {
  const p = q.period;
  if (!p) return { from: null, to: null };
  if (p.lastDays !== undefined) return { from: now - p.lastDays * DAY, to: now };
  const from = p.from ? zonedTimeToUtc(localDate(p.from), 0, q.timeZone) : null;
  let to: number | null = null;
  if (p.to) {
    const next = new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY);
    to = zonedTimeToUtc({ y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() }, 0, q.timeZone);
  }
  return { from, to };
}

