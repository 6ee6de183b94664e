// Every report measure and dimension as SQL over the read model, written once. The pivot engine
// (db/report-query.ts) aggregates these expressions with GROUPING SETS, so a total is the measure
// recomputed over its group (a ratio of sums, a median of the whole group), never a sum of cells.
// Aliases: `t` = tickets; feedback-grain queries add `f` = feedback (left-joined to its ticket).
// Measure meanings in words: domain/reports.ts (MEASURES) and the README.
import { sql, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES } from '../domain/lifecycle';
import type { DimensionKey, MeasureKey } from '../domain/reports';

/** Score tier of a capture type + score: the SQL twin of domain/score-tiers.ts tierOf (a test keeps them equal). */
export function tierSql(type: string, score: string): string {
  return `(case ${type}
    when 'smile' then case when ${score} <= 0 then 'detractor' when ${score} = 1 then 'passive' else 'promoter' end
    when 'star' then case when ${score} <= 2 then 'detractor' when ${score} = 3 then 'passive' else 'promoter' end
    when 'nps' then case when ${score} <= 6 then 'detractor' when ${score} <= 8 then 'passive' else 'promoter' end
  end)`;
}

const IS_OPEN = `t.status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const TICKET_TIER = tierSql('t.capture_type', 't.score');
const FEEDBACK_TIER = tierSql('f.type', 'f.score');
/** Counts rows matching a condition, as float8 so ratios divide as reals. */
const countIf = (cond: string) => `(count(*) filter (where ${cond}))::float8`;
const ratio = (num: string, den: string) => `(${countIf(num)} / nullif(${countIf(den)}, 0))`;
const median = (col: string) => `percentile_cont(0.5) within group (order by ${col})`;
/** The advocacy ask (timeline event `advocacy_ask`, data.sent = true) counts within 48 h of the score. */
const ASKED_WITHIN_48H = `exists (select 1 from ticket_events e where e.ticket_number = f.ticket_number and e.type = 'advocacy_ask'
    and (e.data->>'sent')::boolean and e.at <= f.submitted_at + interval '48 hours')`;

/** A score on one 0–100 scale whatever the capture type: smile 0/1/2 → 0/50/100, star 1–5 → 0–100 in
 * steps of 25, NPS 0–10 → ×10. The SQL twin of domain/score-tiers.ts normalisedScore (a test keeps them equal). */
export function normalisedScoreSql(type: string, score: string): string {
  return `(case ${type} when 'smile' then ${score} * 50.0 when 'star' then (${score} - 1) * 25.0 when 'nps' then ${score} * 10.0 end)`;
}
/** The next feedback of a recovered ticket's customer (same contact key) after the CSAT answer, normalised. */
const NEXT_SCORE = `(select ${normalisedScoreSql('f1.type', 'f1.score')} from feedback f0 join feedback f1 on f1.contact_key = f0.contact_key
    and f1.submitted_at > t.csat_answered_at where f0.id = t.feedback_id order by f1.submitted_at limit 1)`;

export const MEASURE_SQL: Record<MeasureKey, string> = {
  ticketsOpened: countIf('true'),
  ticketsResolved: countIf('t.resolved_at is not null'),
  openTickets: countIf(IS_OPEN),
  openBreachedTickets: countIf(`${IS_OPEN} and t.breached`),
  breachedTickets: countIf(`t.first_response_sla = 'breached' or t.resolution_sla = 'breached'`),
  resolutionRate: ratio('t.resolved_at is not null', 'true'),
  avgFirstResponseTime: 'avg(t.first_response_ms)',
  medianFirstResponseTime: median('t.first_response_ms'),
  avgResolutionTime: 'avg(t.resolution_ms)',
  medianResolutionTime: median('t.resolution_ms'),
  firstResponseSlaCompliance: ratio(`t.first_response_sla = 'met'`, 't.first_response_sla is not null'),
  resolutionSlaCompliance: ratio(`t.resolution_sla = 'met'`, 't.resolution_sla is not null'),
  slaCompliance: `((${countIf(`t.first_response_sla = 'met'`)} + ${countIf(`t.resolution_sla = 'met'`)})
    / nullif(${countIf('t.first_response_sla is not null')} + ${countIf('t.resolution_sla is not null')}, 0))`,
  escalationRate: ratio('t.max_escalation_level > 0', 'true'),
  reopenRate: ratio('t.reopen_count > 0', 't.reopen_count > 0 or t.resolved_at is not null'),
  csatPercent: ratio('t.csat_recovered', 't.csat_answered_at is not null'),
  surveyResponseRate: ratio('t.csat_answered_at is not null', 't.csat_sent_at is not null'),
  recoveryRate: ratio(`t.csat_recovered and ${TICKET_TIER} = 'detractor'`, `t.csat_answered_at is not null and ${TICKET_TIER} = 'detractor'`),
  repeatDetractorRate: ratio('t.repeat_detractor', `${TICKET_TIER} = 'detractor'`),
  avgChurnRisk: 'avg(t.churn_risk)',
  feedbackReceived: countIf('true'),
  promoterActivationRate: ratio(`${FEEDBACK_TIER} = 'promoter' and ${ASKED_WITHIN_48H}`, `${FEEDBACK_TIER} = 'promoter'`),
  reRatingUplift: `avg(${NEXT_SCORE} - ${normalisedScoreSql('t.capture_type', 't.score')}) filter (where t.csat_recovered)`,
};

export type Grain = 'ticket' | 'feedback';
/** The instant a ticket (or feedback) counts in a period, per basis. */
export const PERIOD_SQL: Record<Grain, Record<'created' | 'resolved', string>> = {
  ticket: { created: 't.created_at', resolved: 't.resolved_at' },
  feedback: { created: 'f.received_at', resolved: 't.resolved_at' },
};
/** Which branch a row belongs to, for the viewer's branch scope. */
export const BRANCH_SQL: Record<Grain, string> = { ticket: 't.branch', feedback: 'f.branch' };
export const FROM_SQL: Record<Grain, string> = { ticket: 'tickets t', feedback: 'feedback f' };
/** Feedback-grain statements join the ticket only when something in them reads it. */
export const TICKET_JOIN = 'left join tickets t on t.number = f.ticket_number';
/** Joined only when the theme dimension is grouped: a ticket with two themes is in both groups. */
export const THEME_JOIN = 'left join lateral unnest(t.themes) th(theme) on true';

const bucket = (unit: 'day' | 'week' | 'month', col: string, tz: string) => `date_trunc('${unit}', ${col} at time zone '${tz}')`;

/** A dimension's grouping expression per grain (ids, enum values, bucket starts); tz is validated. */
function groupSql(key: DimensionKey, grain: Grain, tz: string): string {
  const f = grain === 'feedback';
  switch (key) {
    case 'branch':
      return f ? 'f.branch' : 't.branch';
    case 'service':
      return f ? 'f.service' : 't.service';
    case 'channel':
      return f ? 'f.channel' : 't.channel';
    case 'captureType':
      return f ? 'f.type' : 't.capture_type';
    case 'scoreTier':
      return f ? FEEDBACK_TIER : TICKET_TIER;
    case 'rule':
      return f ? 'f.rule_id' : 't.rule_id';
    case 'kind':
      return 't.kind';
    case 'priority':
      return 't.priority';
    case 'assignee':
      return 't.assignee_id';
    case 'rootCause':
      return 't.root_cause_id';
    case 'action':
      return 't.action_id';
    case 'theme':
      return 'th.theme';
    case 'sentiment':
      return 't.sentiment';
    case 'escalationLevel':
      return 't.max_escalation_level::text';
    case 'status':
      return 't.status';
    case 'createdDay':
      return bucket('day', PERIOD_SQL[grain].created, tz);
    case 'createdWeek':
      return bucket('week', PERIOD_SQL[grain].created, tz);
    case 'createdMonth':
      return bucket('month', PERIOD_SQL[grain].created, tz);
    case 'resolvedDay':
      return bucket('day', 't.resolved_at', tz);
    case 'resolvedWeek':
      return bucket('week', 't.resolved_at', tz);
    case 'resolvedMonth':
      return bucket('month', 't.resolved_at', tz);
  }
}

const isTime = (key: DimensionKey) => /(Day|Week|Month)$/.test(key);
const DATE_TEXT = (e: string) => `to_char(${e}, 'YYYY-MM-DD')`;

export interface DimensionSql {
  /** What GROUP BY groups on: time buckets as timestamps, text in the "C" collation (both sort fast). */
  group: string;
  /** The value as the pivot returns it (text; bucket start dates as YYYY-MM-DD), for filters. */
  text: string;
  /** Turns a grouped column back into that text value. */
  output: (column: string) => string;
}

export function dimensionSql(key: DimensionKey, grain: Grain, tz: string): DimensionSql {
  const e = groupSql(key, grain, tz);
  if (isTime(key)) return { group: e, text: DATE_TEXT(e), output: DATE_TEXT };
  return { group: `(${e}) collate "C"`, text: e, output: (c) => c };
}

/** Filtering on a theme means "has any of these themes" ("(none)": has no theme); no join needed. */
export function themeFilterSql(values: string[], hasNull: boolean): SQL {
  const parts: SQL[] = [];
  if (values.length) parts.push(sql`t.themes && array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`);
  if (hasNull) parts.push(sql`cardinality(t.themes) = 0`);
  return sql`(${sql.join(parts, sql` or `)})`;
}
