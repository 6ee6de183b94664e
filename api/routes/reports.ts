// Reports: the pivot query (JSON or a CSV / XLSX / PDF file), the catalogue of measures and dimensions,
// the ready-made reports and the home dashboard. Managers and admins query; everyone signed in sees the
// dashboard of their branches. Saved and shared reports: ./saved-reports.ts.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { runPivot } from '../../db/report-query';
import { DASHBOARD_QUERIES, READY_MADE_REPORTS } from '../../domain/ready-made-reports';
import { DIMENSION_KEYS, DIMENSIONS, MEASURE_KEYS, MEASURES, reportQuerySchema } from '../../domain/reports';
import { renderPivotFile, formatQuerySchema, reportContent } from '../report-files/respond';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const measureValuesSchema = z.record(z.string(), z.number().nullable());
const pivotKeySchema = z.object({ values: z.array(z.string().nullable()), labels: z.array(z.string()) });
export const pivotResultSchema = z
  .object({
    query: reportQuerySchema,
    rowKeys: z.array(pivotKeySchema),
    columnKeys: z.array(pivotKeySchema),
    cells: z.array(z.array(measureValuesSchema.nullable())).describe('cells[row][column]'),
    rowTotals: z.array(measureValuesSchema),
    columnTotals: z.array(measureValuesSchema),
    grandTotal: measureValuesSchema,
    period: z.object({ from: z.string().nullable(), to: z.string().nullable(), basis: z.enum(['created', 'resolved']) }),
    truncatedRows: z.number().int(),
    filterLabels: z.array(z.string()),
  })
  .meta({ id: 'PivotResult' });

const routes = {
  meta: createRoute({
    method: 'get',
    path: '/meta',
    tags: ['reports'],
    summary: 'Dimensions and measures (with their formulas) a report can use',
    responses: {
      200: json(
        z.object({
          dimensions: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string() })),
          measures: z.array(z.object({ key: z.string(), label: z.string(), format: z.string(), formula: z.string(), grain: z.string() })),
        }),
        'Catalogue',
      ),
      401: err('Not signed in'),
    },
  }),
  query: createRoute({
    method: 'post',
    path: '/query',
    tags: ['reports'],
    summary: 'Run a pivot: rows × columns of measures with row, column and grand totals (recomputed over each group); ?format=csv|xlsx|pdf answers the file (manager, admin)',
    request: { query: formatQuerySchema, body: { content: { 'application/json': { schema: reportQuerySchema } }, required: true } },
    responses: { 200: { content: reportContent(pivotResultSchema), description: 'The pivot, or the file' }, 400: err('Invalid query'), 401: err('Not signed in'), 403: err('Not a manager or admin') },
  }),
  readyMade: createRoute({
    method: 'get',
    path: '/ready-made',
    tags: ['reports'],
    summary: 'Reports that come with the product (open one in the builder or run it with /query)',
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), definition: reportQuerySchema })) }), 'Ready-made reports'), 403: err('Not a manager or admin') },
  }),
  dashboard: createRoute({
    method: 'get',
    path: '/dashboard',
    tags: ['reports'],
    summary: 'Home dashboard figures of the branches the user works: open, breached, SLA compliance, recovery rate, CSAT trend',
    responses: {
      200: json(z.object({ now: measureValuesSchema, last30Days: measureValuesSchema, csatTrend: pivotResultSchema }), 'Dashboard'),
      401: err('Not signed in'),
    },
  }),
};

export function reportRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const builders = requireUser('manager', 'admin');
  app.use('/meta', requireUser());
  app.use('/dashboard', requireUser());
  for (const path of ['/query', '/ready-made']) app.use(path, builders);

  app.openapi(routes.meta, (c) =>
    c.json(
      {
        dimensions: DIMENSION_KEYS.map((key) => ({ key, label: DIMENSIONS[key].label, kind: DIMENSIONS[key].kind })),
        measures: MEASURE_KEYS.map((key) => ({ key, ...MEASURES[key] })),
      },
      200,
    ),
  );

  app.openapi(routes.query, async (c) => {
    const { format, title } = c.req.valid('query');
    const result = await runPivot(c.get('deps').db, c.req.valid('json'), c.get('user'));
    if (format === 'json') return c.json(result, 200);
    return renderPivotFile(result, format, title ?? 'Report');
  });

  app.openapi(routes.readyMade, (c) => c.json({ items: READY_MADE_REPORTS.map((r) => ({ ...r, definition: reportQuerySchema.parse(r.definition) })) }, 200));

  app.openapi(routes.dashboard, async (c) => {
    const { db } = c.get('deps');
    const user = c.get('user');
    const run = (q: (typeof DASHBOARD_QUERIES)[keyof typeof DASHBOARD_QUERIES]) => runPivot(db, reportQuerySchema.parse(q), user);
    const [now, last30Days, csatTrend] = await Promise.all([run(DASHBOARD_QUERIES.now), run(DASHBOARD_QUERIES.last30Days), run(DASHBOARD_QUERIES.csatTrend)]);
    return c.json({ now: now.grandTotal, last30Days: last30Days.grandTotal, csatTrend }, 200);
  });

  return app;
}
