// Reports that come with the product, and the home dashboard's queries: plain definitions over the
// same measures as any saved report, so the dashboard and the reports can never disagree.
import type { ReportQueryInput } from './reports';

export interface ReadyMadeReport {
  id: string;
  name: string;
  description: string;
  definition: ReportQueryInput;
}

export const READY_MADE_REPORTS: ReadyMadeReport[] = [
  {
    id: 'top-root-causes-by-branch',
    name: 'Top root causes by branch',
    description: 'Resolved tickets per root cause and branch over the last 90 days, most frequent first.',
    definition: { rows: ['rootCause'], columns: ['branch'], measures: ['ticketsResolved'], period: { lastDays: 90, basis: 'resolved' }, sort: { by: 'ticketsResolved', direction: 'desc' }, limit: 20 },
  },
  {
    id: 'most-used-actions',
    name: 'Most-used actions',
    description: 'Actions taken on resolved tickets over the last 90 days, with the recovery they achieved.',
    definition: { rows: ['action'], measures: ['ticketsResolved', 'recoveryRate', 'reopenRate'], period: { lastDays: 90, basis: 'resolved' }, sort: { by: 'ticketsResolved', direction: 'desc' }, limit: 20 },
  },
  {
    id: 'reopen-rate-by-agent',
    name: 'Reopen rate by agent',
    description: 'Share of resolved tickets that came back, per assignee, over the last 90 days.',
    definition: { rows: ['assignee'], measures: ['reopenRate', 'ticketsResolved', 'medianResolutionTime'], period: { lastDays: 90 }, sort: { by: 'reopenRate', direction: 'desc' } },
  },
  {
    id: 'recovery-rate-trend',
    name: 'Recovery rate trend',
    description: 'Weekly recovery rate and CSAT % of resolved tickets over the last 26 weeks.',
    definition: { rows: ['resolvedWeek'], measures: ['recoveryRate', 'csatPercent', 'surveyResponseRate'], period: { lastDays: 182, basis: 'resolved' } },
  },
  {
    id: 'sla-compliance-by-priority',
    name: 'SLA compliance by priority',
    description: 'First-response and resolution SLA compliance per priority over the last 90 days.',
    definition: { rows: ['priority'], measures: ['firstResponseSlaCompliance', 'resolutionSlaCompliance', 'ticketsOpened', 'breachedTickets'], period: { lastDays: 90 } },
  },
];

/** The home dashboard: figures right now, the last 30 days, and the weekly CSAT trend. */
export const DASHBOARD_QUERIES = {
  now: { measures: ['openTickets', 'openBreachedTickets'] },
  last30Days: { measures: ['ticketsOpened', 'slaCompliance', 'recoveryRate', 'csatPercent'], period: { lastDays: 30 } },
  csatTrend: { rows: ['resolvedWeek'], measures: ['csatPercent', 'recoveryRate'], period: { lastDays: 84, basis: 'resolved' } },
} satisfies Record<string, ReportQueryInput>;
