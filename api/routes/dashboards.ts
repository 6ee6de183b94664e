// The home dashboard by role (domain/role-dashboards.ts): each panel's pivot runs on the report engine
// for the viewer (their branches; admins everything), the SLA-risk list on the board's query.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { runPivot } from '../../db/report-query';
import { slaRiskTickets } from '../../db/ticket-list';
import { MEASURE_KEYS, reportQuerySchema, type MeasureKey } from '../../domain/reports';
import { panelQuery, panelsFor, type PanelSpec } from '../../domain/role-dashboards';
import { ROLES } from '../../domain/types';
import { requireUser } from '../auth';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { ticketSummaryOf } from '../ticket-mapper';
import { ticketSummarySchema } from '../ticket-schemas';
import { pivotResultSchema } from './reports';

/** The SLA-risk list: due within this, and at most this many rows. */
const RISK_HORIZON_MS = 2 * 3_600_000;
const RISK_LIMIT = 10;

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const measureKey = z.enum(MEASURE_KEYS as [MeasureKey, ...MeasureKey[]]);

export const dashboardPanelSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    empty: z.string().meta({ description: 'What will appear here once there is data (the empty state)' }),
    kind: z.enum(['bar', 'line', 'table', 'tickets']),
    totals: z.array(measureKey).meta({ description: 'Measures shown as figures (the pivot grand total)' }),
    result: pivotResultSchema.nullable().meta({ description: 'The pivot (bar, line, table)' }),
    tickets: z.array(ticketSummarySchema).nullable().meta({ description: 'The list (tickets)' }),
    total: z.number().int().nullable().meta({ description: 'How many tickets the list has in all' }),
  })
  .meta({ id: 'DashboardPanel' });
export const roleDashboardSchema = z.object({ role: z.enum(ROLES), panels: z.array(dashboardPanelSchema) }).meta({ id: 'RoleDashboard' });
export type RoleDashboard = z.infer<typeof roleDashboardSchema>;
export type DashboardPanel = z.infer<typeof dashboardPanelSchema>;

const route = createRoute({
  method: 'get',
  path: '/mine',
  tags: ['reports'],
  summary: 'The dashboard for your role: agent — my queue, my SLA risk, my CSAT; manager — branch comparison, breaches, recovery-rate trend, top root causes; admin — all of them',
  responses: { 200: { content: { 'application/json': { schema: roleDashboardSchema } }, description: 'Panels in order' }, 401: err('Not signed in') },
});

async function panel(deps: ApiDeps, user: SessionUser, spec: PanelSpec, now: number): Promise<DashboardPanel> {
  const base = { id: spec.id, title: spec.title, empty: spec.empty, kind: spec.kind, totals: spec.totals ?? [], result: null, tickets: null, total: null };
  if (spec.kind === 'tickets') {
    const { items, total } = await slaRiskTickets(deps.db, user, now, { horizonMs: RISK_HORIZON_MS, limit: RISK_LIMIT });
    return { ...base, tickets: items.map(ticketSummaryOf), total };
  }
  const query = panelQuery(spec, user.id)!;
  return { ...base, result: await runPivot(deps.db, reportQuerySchema.parse(query), user, { now }) };
}

export function dashboardRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  app.openapi(route, async (c) => {
    const user = c.get('user');
    const now = Date.now();
    const panels = await Promise.all(panelsFor(user.role).map((spec) => panel(c.get('deps'), user, spec, now)));
    return c.json({ role: user.role, panels }, 200);
  });
  return app;
}
