// The home dashboard by role, built on the report engine: every chart is a pivot over the same measure
// definitions as the reports (domain/report-catalogue.ts), except the SLA-risk list, which is the
// board's own query. Each panel has its title and the sentence its empty state shows. Pure.
import { OPEN_STATUSES } from './lifecycle';
import type { MeasureKey } from './report-catalogue';
import type { ReportQueryInput } from './reports';
import type { Role } from './types';

/** Stands for the viewer's own id in a panel's filters. */
export const ME = '$me';

export type PanelKind = 'bar' | 'line' | 'table' | 'tickets';

export interface PanelSpec {
  id: string;
  title: string;
  /** What will appear here once there is data. */
  empty: string;
  kind: PanelKind;
  /** Shown as figures above the chart: the pivot's grand total of these measures. */
  totals?: MeasureKey[];
  query?: ReportQueryInput;
}

const mine = { dimension: 'assignee' as const, values: [ME] };

export const AGENT_PANELS: PanelSpec[] = [
  {
    id: 'my-queue',
    title: 'My queue: open tickets by status',
    empty: 'Tickets assigned to you that are not resolved will appear here, by status.',
    kind: 'bar',
    totals: ['openTickets', 'openBreachedTickets'],
    query: { rows: ['status'], measures: ['openTickets', 'openBreachedTickets'], filters: [mine, { dimension: 'status', values: [...OPEN_STATUSES] }] },
  },
  {
    id: 'my-sla-risk',
    title: 'My SLA risk',
    empty: 'Your open tickets that have breached, used 80 % of a target or fall due within 2 hours will be listed here, most urgent first.',
    kind: 'tickets',
  },
  {
    id: 'my-csat',
    title: 'My CSAT % by week resolved (last 12 weeks)',
    empty: 'Once customers answer the survey on tickets you resolved, your weekly CSAT % will be drawn here.',
    kind: 'line',
    totals: ['csatPercent', 'ticketsResolved'],
    query: { rows: ['resolvedWeek'], measures: ['csatPercent', 'ticketsResolved'], filters: [mine], period: { lastDays: 84, basis: 'resolved' } },
  },
];

export const MANAGER_PANELS: PanelSpec[] = [
  {
    id: 'branch-comparison',
    title: 'Branch comparison (last 30 days)',
    empty: 'Each of your branches will be compared here once it has tickets in the last 30 days: opened, open, SLA compliance, CSAT and recovery.',
    kind: 'table',
    query: { rows: ['branch'], measures: ['ticketsOpened', 'openTickets', 'slaCompliance', 'csatPercent', 'recoveryRate'], period: { lastDays: 30 } },
  },
  {
    id: 'breaches',
    title: 'SLA breaches by week created (last 12 weeks)',
    empty: 'Tickets that breached a first-response or resolution target will be counted here per week.',
    kind: 'bar',
    totals: ['breachedTickets', 'openBreachedTickets'],
    query: { rows: ['createdWeek'], measures: ['breachedTickets', 'openBreachedTickets'], period: { lastDays: 84 } },
  },
  {
    id: 'recovery-trend',
    title: 'Recovery rate by week resolved (last 26 weeks)',
    empty: 'Once detractors answer the CSAT survey, the share won back will be drawn here week by week.',
    kind: 'line',
    totals: ['recoveryRate'],
    query: { rows: ['resolvedWeek'], measures: ['recoveryRate'], period: { lastDays: 182, basis: 'resolved' } },
  },
  {
    id: 'top-root-causes',
    title: 'Top root causes (last 90 days)',
    empty: 'The root causes of tickets resolved in the last 90 days will be ranked here.',
    kind: 'bar',
    query: { rows: ['rootCause'], measures: ['ticketsResolved'], period: { lastDays: 90, basis: 'resolved' }, sort: { by: 'ticketsResolved', direction: 'desc' }, limit: 5 },
  },
];

/** Agents: their own work. Managers: their branches. Admins: everything. */
export function panelsFor(role: Role): PanelSpec[] {
  if (role === 'agent') return AGENT_PANELS;
  if (role === 'manager') return MANAGER_PANELS;
  return [...MANAGER_PANELS, ...AGENT_PANELS];
}

/** The panel's pivot for one viewer: ME becomes their id. */
export function panelQuery(spec: PanelSpec, userId: string): ReportQueryInput | null {
  if (!spec.query) return null;
  return { ...spec.query, filters: spec.query.filters?.map((f) => ({ ...f, values: f.values.map((v) => (v === ME ? userId : v)) })) };
}
