// The catalogue of reports: which dimensions and measures exist, what they mean, and how their values
// read. Pure and free of zod so the web bundle stays small; the query schema and the pivot's result
// are in ./reports.ts (which builds on this file, never the other way round), and the SQL of each
// measure and dimension lives once in db/report-definitions.ts under the same keys.

export type DimensionKind = 'entity' | 'enum' | 'time' | 'text';
export interface DimensionMeta {
  label: string;
  kind: DimensionKind;
  /** Ticket-level fact: feedback without a ticket falls into "(none)" for feedback-based measures. */
  ticketOnly?: boolean;
}

export const DIMENSIONS = {
  branch: { label: 'Branch', kind: 'entity' },
  service: { label: 'Service', kind: 'entity' },
  channel: { label: 'Channel', kind: 'enum' },
  captureType: { label: 'Capture type', kind: 'enum' },
  scoreTier: { label: 'Score tier', kind: 'enum' },
  rule: { label: 'Rule', kind: 'entity' },
  kind: { label: 'Ticket kind', kind: 'enum', ticketOnly: true },
  priority: { label: 'Priority', kind: 'enum', ticketOnly: true },
  assignee: { label: 'Assignee', kind: 'entity', ticketOnly: true },
  rootCause: { label: 'Root cause', kind: 'entity', ticketOnly: true },
  action: { label: 'Action taken', kind: 'entity', ticketOnly: true },
  theme: { label: 'Theme', kind: 'text', ticketOnly: true },
  sentiment: { label: 'Sentiment', kind: 'enum', ticketOnly: true },
  escalationLevel: { label: 'Escalation level (highest)', kind: 'enum', ticketOnly: true },
  status: { label: 'Status', kind: 'enum', ticketOnly: true },
  createdDay: { label: 'Created (day)', kind: 'time' },
  createdWeek: { label: 'Created (week)', kind: 'time' },
  createdMonth: { label: 'Created (month)', kind: 'time' },
  resolvedDay: { label: 'Resolved (day)', kind: 'time', ticketOnly: true },
  resolvedWeek: { label: 'Resolved (week)', kind: 'time', ticketOnly: true },
  resolvedMonth: { label: 'Resolved (month)', kind: 'time', ticketOnly: true },
} as const satisfies Record<string, DimensionMeta>;
export type DimensionKey = keyof typeof DIMENSIONS;
export const DIMENSION_KEYS = Object.keys(DIMENSIONS) as DimensionKey[];

/** count: a number of things; ratio: 0–1, shown as %; duration: milliseconds, shown in hours; score: a 0–100 figure. */
export type MeasureFormat = 'count' | 'ratio' | 'duration' | 'score';
export interface MeasureMeta {
  label: string;
  format: MeasureFormat;
  /** What is counted, in words (the README and the builder show it; the SQL is in db/report-definitions.ts). */
  formula: string;
  /** Counted over tickets, or over feedback (every answer, whether it opened a ticket or not). */
  grain: 'ticket' | 'feedback';
}

export const MEASURES = {
  ticketsOpened: { label: 'Tickets opened', format: 'count', grain: 'ticket', formula: 'number of tickets' },
  ticketsResolved: { label: 'Tickets resolved', format: 'count', grain: 'ticket', formula: 'tickets resolved or closed (a reopened ticket counts again once resolved again)' },
  openTickets: { label: 'Open tickets', format: 'count', grain: 'ticket', formula: 'tickets in an open status (not resolved, not closed)' },
  openBreachedTickets: { label: 'Open breached tickets', format: 'count', grain: 'ticket', formula: 'open tickets with a breached SLA clock right now' },
  breachedTickets: { label: 'Tickets with an SLA breach', format: 'count', grain: 'ticket', formula: 'tickets whose first-response or resolution SLA was breached' },
  resolutionRate: { label: 'Resolution rate', format: 'ratio', grain: 'ticket', formula: 'tickets resolved ÷ tickets opened' },
  avgFirstResponseTime: { label: 'Avg time to first response', format: 'duration', grain: 'ticket', formula: 'mean business time from creation to the first public reply, over tickets answered' },
  medianFirstResponseTime: { label: 'Median time to first response', format: 'duration', grain: 'ticket', formula: 'median business time from creation to the first public reply, over tickets answered' },
  avgResolutionTime: { label: 'Avg time to resolution', format: 'duration', grain: 'ticket', formula: 'mean business time from creation to resolution, over tickets resolved' },
  medianResolutionTime: { label: 'Median time to resolution', format: 'duration', grain: 'ticket', formula: 'median business time from creation to resolution, over tickets resolved' },
  firstResponseSlaCompliance: { label: 'First-response SLA compliance', format: 'ratio', grain: 'ticket', formula: 'tickets whose first-response clock was met ÷ tickets whose first-response clock was met or breached' },
  resolutionSlaCompliance: { label: 'Resolution SLA compliance', format: 'ratio', grain: 'ticket', formula: 'tickets whose resolution clock was met ÷ tickets whose resolution clock was met or breached' },
  slaCompliance: { label: 'SLA compliance', format: 'ratio', grain: 'ticket', formula: '(first-response clocks met + resolution clocks met) ÷ (first-response clocks decided + resolution clocks decided)' },
  escalationRate: { label: 'Escalation rate', format: 'ratio', grain: 'ticket', formula: 'tickets escalated at least once ÷ tickets opened' },
  reopenRate: { label: 'Reopen rate', format: 'ratio', grain: 'ticket', formula: 'tickets reopened at least once ÷ tickets resolved at least once' },
  csatPercent: { label: 'CSAT %', format: 'ratio', grain: 'ticket', formula: 'satisfied CSAT answers (4–5 of 5) ÷ CSAT answers' },
  surveyResponseRate: { label: 'Survey response rate', format: 'ratio', grain: 'ticket', formula: 'CSAT surveys answered ÷ CSAT surveys sent' },
  recoveryRate: { label: 'Recovery rate', format: 'ratio', grain: 'ticket', formula: 'detractor tickets with a satisfied CSAT answer ÷ detractor tickets with a CSAT answer' },
  repeatDetractorRate: { label: 'Repeat-detractor rate', format: 'ratio', grain: 'ticket', formula: 'tickets from a customer with another detractor score in the 90 days before ÷ tickets opened from a detractor score' },
  avgChurnRisk: { label: 'Avg churn risk', format: 'score', grain: 'ticket', formula: 'mean AI churn risk (0–100) over analysed tickets' },
  feedbackReceived: { label: 'Feedback received', format: 'count', grain: 'feedback', formula: 'number of feedback answers' },
  promoterActivationRate: { label: 'Promoter activation rate', format: 'ratio', grain: 'feedback', formula: 'promoter answers followed by an advocacy ask sent within 48 h ÷ promoter answers' },
  reRatingUplift: { label: 'Re-rating uplift', format: 'score', grain: 'ticket', formula: "mean of (the customer's next feedback score − the score that opened the ticket), both on a 0–100 scale, over recovered tickets whose customer gave feedback after the CSAT answer" },
} as const satisfies Record<string, MeasureMeta>;
export type MeasureKey = keyof typeof MEASURES;
export const MEASURE_KEYS = Object.keys(MEASURES) as MeasureKey[];

export type MeasureValues = Partial<Record<MeasureKey, number | null>>;

/** The period a pivot covered (ISO instants, `to` exclusive) and which instant placed a ticket in it. */
export interface PivotPeriod {
  from: string | null;
  to: string | null;
  basis: 'created' | 'resolved';
}

// ---- labels and display ----

const ENUM_LABELS: Record<string, string> = { qr: 'QR code', sms: 'SMS', nps: 'NPS', app: 'App', in_progress: 'In progress', pending_customer: 'Pending customer' };

const DAY = 86_400_000;

/** ISO 8601 week of a date (the pivot's week buckets start on Monday). */
function isoWeek(iso: string): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`));
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * DAY));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The label of a value that needs no lookup (entities get their names from the database). */
export function valueLabel(dimension: DimensionKey, value: string | null): string {
  if (value === null) return '(none)';
  if (dimension === 'escalationLevel') return value === '0' ? 'Not escalated' : `L${value}`;
  if (dimension.endsWith('Week')) return isoWeek(value);
  if (dimension.endsWith('Month')) return value.slice(0, 7);
  if (DIMENSIONS[dimension].kind === 'enum') return ENUM_LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
  return value;
}

/** Describes a query's period and filters in one line (files and the builder show it). */
export function describeQuery(r: { period: PivotPeriod; filterLabels: string[] }, timeZone: string): string {
  const day = (iso: string, end = false) => {
    // `to` is exclusive: the last day shown is the one before it.
    const d = new Date(Date.parse(iso) - (end ? 1 : 0));
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  };
  const p = r.period;
  const when = p.from || p.to ? `${p.from ? day(p.from) : '…'} to ${p.to ? day(p.to, true) : '…'} (by ${p.basis === 'created' ? 'creation' : 'resolution'} date, ${timeZone})` : 'all time';
  return [`Period: ${when}`, ...(r.filterLabels.length ? [`Filters: ${r.filterLabels.join('; ')}`] : [])].join(' · ');
}

/** A measure's value for people: 42.9 %, 3.5 h, 1 234. */
export function formatMeasure(key: MeasureKey, value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  switch (MEASURES[key].format) {
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'ratio':
      return `${(value * 100).toFixed(1)} %`;
    case 'duration':
      return `${(value / 3_600_000).toFixed(1)} h`;
    case 'score':
      return value.toFixed(1);
  }
}

/** The value in the unit files carry: % for ratios, hours for durations. */
export function exportValue(key: MeasureKey, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const f = MEASURES[key].format;
  if (f === 'ratio') return Math.round(value * 1000) / 10;
  if (f === 'duration') return Math.round((value / 3_600_000) * 100) / 100;
  if (f === 'score') return Math.round(value * 10) / 10;
  return value;
}
export const exportUnit = (key: MeasureKey) => ({ count: '', ratio: ' (%)', duration: ' (h)', score: '' })[MEASURES[key].format];
