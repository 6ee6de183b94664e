// Every measure, the pivot totals, filters, periods and scope against the hand-counted fixture in
// ./fixture.ts. Expected figures are worked out by hand in the comments, never by the same SQL.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH_SQL, dimensionSql, MEASURE_SQL, normalisedScoreSql, PERIOD_SQL, THEME_JOIN, tierSql } from '../../db/report-definitions';
import { runPivot, type Viewer } from '../../db/report-query';
import { DIMENSION_KEYS, MEASURE_KEYS, MEASURES, reportQuerySchema, type ReportQueryInput } from '../../domain/reports';
import { normalisedScore, tierOf } from '../../domain/score-tiers';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { IDS, insertFixture } from './fixture';

let database: TestDatabase;
const admin: Viewer = { role: 'admin', branches: [] };
const H = 3_600_000;
const JANUARY = { from: '2025-01-01', to: '2025-01-31' };

beforeAll(async () => {
  database = await createTestDatabase();
  await insertFixture(database.db);
});
afterAll(async () => database?.drop());

const pivot = (q: ReportQueryInput, viewer: Viewer = admin) => runPivot(database.db, reportQuerySchema.parse(q), viewer, { now: Date.parse('2025-03-01T00:00:00Z') });

describe('measures over January (tickets 1–6, 8, 9; #7 is February)', () => {
  it('computes every measure as counted by hand', async () => {
    const r = await pivot({ measures: MEASURE_KEYS, period: JANUARY });
    const t = r.grandTotal;
    expect(t.ticketsOpened).toBe(8);
    expect(t.ticketsResolved).toBe(4); // 1, 2, 5, 6
    expect(t.openTickets).toBe(4); // 3 in progress; 4, 8, 9 new
    expect(t.openBreachedTickets).toBe(1); // 3
    expect(t.breachedTickets).toBe(3); // 2 (resolution), 3 and 5 (first response)
    expect(t.resolutionRate).toBeCloseTo(4 / 8);
    expect(t.avgFirstResponseTime).toBeCloseTo(((1 + 2 + 3 + 5 + 1) / 5) * H); // 2.4 h
    expect(t.medianFirstResponseTime).toBeCloseTo(2 * H); // 1 1 [2] 3 5
    expect(t.avgResolutionTime).toBeCloseTo(((4 + 10 + 20 + 8) / 4) * H); // 10.5 h
    expect(t.medianResolutionTime).toBeCloseTo(9 * H); // 4 8 | 10 20 → (8 + 10) / 2
    expect(t.firstResponseSlaCompliance).toBeCloseTo(3 / 5); // met 1 2 6; breached 3 5
    expect(t.resolutionSlaCompliance).toBeCloseTo(3 / 4); // met 1 5 6; breached 2
    expect(t.slaCompliance).toBeCloseTo(6 / 9);
    expect(t.escalationRate).toBeCloseTo(3 / 8); // 2, 3, 5
    expect(t.reopenRate).toBeCloseTo(1 / 4); // 2 reopened; 1 2 5 6 resolved at least once
    expect(t.csatPercent).toBeCloseTo(2 / 3); // answered 1 (5) 5 (3) 6 (5)
    expect(t.surveyResponseRate).toBeCloseTo(3 / 4); // sent 1 2 5 6
    expect(t.recoveryRate).toBeCloseTo(1 / 2); // detractors answered: 1 (recovered), 5 (not)
    expect(t.repeatDetractorRate).toBeCloseTo(2 / 4); // 4 and 5 of detractors 1 2 4 5
    expect(t.avgChurnRisk).toBeCloseTo((80 + 60 + 40 + 20 + 10 + 5) / 6); // 4 and 9 not analysed
    expect(t.feedbackReceived).toBe(10); // 8 ticket feedbacks + 2 lone ones
    expect(t.promoterActivationRate).toBeCloseTo(1 / 4); // promoters 6 (asked 1.5 h later), 8 (not sent), 9 (50.5 h), lone one
    // Recovered: 1 (star 1 = 0 → next star 3 = 50: +50) and 6 (NPS 10 = 100 → next NPS 10 = 100: 0); 5 is not recovered.
    expect(t.reRatingUplift).toBeCloseTo((50 + 0) / 2);
    expect(r.rowKeys).toEqual([]);
  });

  it('keeps the SQL score tier equal to the domain rule for every score', async () => {
    const cases = [...[0, 1, 2].map((s) => ['smile', s] as const), ...[1, 2, 3, 4, 5].map((s) => ['star', s] as const), ...Array.from({ length: 11 }, (_, s) => ['nps', s] as const)];
    for (const [type, score] of cases) {
      const res = (await database.db.execute(sql.raw(`select ${tierSql(`'${type}'`, String(score))} as tier`))) as unknown as { rows: Array<{ tier: string }> };
      expect(`${type} ${score} ${res.rows[0].tier}`).toBe(`${type} ${score} ${tierOf(type, score)}`);
    }
  });
});

describe('re-rating uplift', () => {
  it('compares the next score with the opening one per recovered ticket, grouped by ticket dimensions', async () => {
    const r = await pivot({ rows: ['branch'], measures: ['reRatingUplift', 'recoveryRate'], period: JANUARY });
    const byBranch = Object.fromEntries(r.rowKeys.map((k, i) => [k.values[0], r.rowTotals[i].reRatingUplift]));
    expect(byBranch.north).toBeCloseTo(50); // 1
    expect(byBranch.south).toBeCloseTo(0); // 6; 5 (answered 3) is not recovered
    expect(r.grandTotal.reRatingUplift).toBeCloseTo(25); // recomputed over both, not the mean of cells by chance
    const feb = await pivot({ measures: ['reRatingUplift'], period: { from: '2025-02-01', to: '2025-02-28' } });
    expect(feb.grandTotal.reRatingUplift).toBeNull(); // 7 is not recovered (unanswered)
  });

  it('puts every capture type on one 0–100 scale, in SQL as in the domain', async () => {
    const cases = [...[0, 1, 2].map((s) => ['smile', s] as const), ...[1, 2, 3, 4, 5].map((s) => ['star', s] as const), ...Array.from({ length: 11 }, (_, s) => ['nps', s] as const)];
    for (const [type, score] of cases) {
      const res = (await database.db.execute(sql.raw(`select ${normalisedScoreSql(`'${type}'`, String(score))}::float8 as v`))) as unknown as { rows: Array<{ v: number }> };
      expect(`${type} ${score} ${res.rows[0].v}`).toBe(`${type} ${score} ${normalisedScore(type, score)}`);
    }
    expect([normalisedScore('smile', 0), normalisedScore('star', 1), normalisedScore('nps', 0)]).toEqual([0, 0, 0]);
    expect([normalisedScore('smile', 2), normalisedScore('star', 5), normalisedScore('nps', 10)]).toEqual([100, 100, 100]);
    expect([normalisedScore('nps', 3), normalisedScore('nps', 8)]).toEqual([30, 80]); // the hotel guest's 3/10 then 8/10: +50
  });
});

describe('documentation', () => {
  it('documents every measure with its formula in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split(' | ')[0].slice(2));
    for (const m of MEASURE_KEYS) {
      const label = MEASURES[m].label;
      // "Avg / Median time to first response" documents both.
      expect(rows, label).toContainEqual(rows.includes(label) ? label : label.replace(/^(Avg|Median) /, 'Avg / Median '));
    }
  });
});

describe('report indexes', () => {
  it('cover every column a measure, dimension, period or scope reads', async () => {
    const grains = ['ticket', 'feedback'] as const;
    const text = [
      ...Object.values(MEASURE_SQL),
      ...grains.flatMap((g) => DIMENSION_KEYS.map((d) => dimensionSql(d, g, 'UTC').group)),
      ...grains.flatMap((g) => [...Object.values(PERIOD_SQL[g]), BRANCH_SQL[g]]),
      THEME_JOIN,
    ].join(' ');
    const read = (alias: string) => [...new Set([...text.matchAll(new RegExp(`\\b${alias}\\.([a-z_]+)`, 'g'))].map((m) => m[1]))];
    const columns = async (index: string) =>
      ((await database.db.execute(sql`select a.attname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where c.relname = ${index}`)) as unknown as { rows: Array<{ attname: string }> }).rows.map((r) => r.attname);
    expect(read('t').length).toBeGreaterThan(20);
    for (const index of ['tickets_report_created', 'tickets_report_resolved']) expect(await columns(index)).toEqual(expect.arrayContaining(read('t')));
    expect(await columns('feedback_report_received')).toEqual(expect.arrayContaining(read('f')));
  });
});

describe('pivot totals', () => {
  it('recomputes ratio and median totals over the group instead of adding or averaging cells', async () => {
    const r = await pivot({ rows: ['branch'], measures: ['ticketsOpened', 'medianResolutionTime', 'csatPercent', 'firstResponseSlaCompliance'], period: JANUARY });
    expect(r.rowKeys.map((k) => k.labels[0])).toEqual(['North', 'South']);
    const [north, south] = r.rowTotals;
    expect(north).toMatchObject({ ticketsOpened: 4, csatPercent: 1 }); // only 1 answered (satisfied)
    expect(north.medianResolutionTime).toBeCloseTo(7 * H); // 4, 10
    expect(north.firstResponseSlaCompliance).toBeCloseTo(2 / 3); // 1 2 met, 3 breached
    expect(south).toMatchObject({ ticketsOpened: 4, csatPercent: 0.5, firstResponseSlaCompliance: 0.5 }); // 5 (3) 6 (5); 5 breached 6 met
    expect(south.medianResolutionTime).toBeCloseTo(14 * H); // 8, 20
    expect(r.grandTotal.ticketsOpened).toBe(8);
    expect(r.grandTotal.medianResolutionTime).toBeCloseTo(9 * H); // not (7 + 14) / 2
    expect(r.grandTotal.csatPercent).toBeCloseTo(2 / 3); // not (1 + 0.5) / 2
    expect(r.grandTotal.firstResponseSlaCompliance).toBeCloseTo(3 / 5); // not (2/3 + 1/2) / 2
  });

  it('fills cells, row totals and column totals of a two-way pivot', async () => {
    const r = await pivot({ rows: ['branch'], columns: ['priority'], measures: ['ticketsOpened', 'csatPercent'], period: JANUARY });
    expect(r.columnKeys.map((k) => k.values[0])).toEqual(['high', 'low', 'medium']); // by label
    const cell = (b: string, p: string) => r.cells[r.rowKeys.findIndex((k) => k.values[0] === b)][r.columnKeys.findIndex((k) => k.values[0] === p)];
    expect(cell('north', 'high')).toEqual({ ticketsOpened: 1, csatPercent: 1 }); // 1
    expect(cell('north', 'medium')).toEqual({ ticketsOpened: 1, csatPercent: null }); // 2, unanswered
    expect(cell('north', 'low')).toEqual({ ticketsOpened: 2, csatPercent: null }); // 3, 8
    expect(cell('south', 'high')).toEqual({ ticketsOpened: 1, csatPercent: null }); // 4
    expect(cell('south', 'medium')).toEqual({ ticketsOpened: 1, csatPercent: 0 }); // 5 answered 3
    expect(cell('south', 'low')).toEqual({ ticketsOpened: 2, csatPercent: 1 }); // 6 answered 5; 9
    const col = (p: string) => r.columnTotals[r.columnKeys.findIndex((k) => k.values[0] === p)];
    expect(col('high')).toEqual({ ticketsOpened: 2, csatPercent: 1 });
    expect(col('medium')).toEqual({ ticketsOpened: 2, csatPercent: 0 });
    expect(col('low')).toEqual({ ticketsOpened: 4, csatPercent: 1 });
    expect(r.rowTotals).toEqual([{ ticketsOpened: 4, csatPercent: 1 }, { ticketsOpened: 4, csatPercent: 0.5 }]);
    expect(r.grandTotal.ticketsOpened).toBe(8);
  });

  it('counts a ticket once in the totals although it sits in two theme groups', async () => {
    const r = await pivot({ rows: ['theme'], measures: ['ticketsOpened'], period: JANUARY });
    const byTheme = Object.fromEntries(r.rowKeys.map((k, i) => [k.labels[0], r.rowTotals[i].ticketsOpened]));
    expect(byTheme).toEqual({ 'waiting time': 2, staff: 2, price: 1, '(none)': 4 }); // 1 2 | 1 5 | 4 | 3 6 8 9
    expect(r.grandTotal.ticketsOpened).toBe(8); // not 9
  });

  it('buckets by week and by day in the chosen time zone', async () => {
    const weeks = await pivot({ rows: ['createdWeek'], measures: ['ticketsOpened'], period: JANUARY });
    expect(weeks.rowKeys.map((k) => [k.values[0], k.labels[0]])).toEqual([
      ['2025-01-06', '2025-W02'],
      ['2025-01-13', '2025-W03'],
      ['2025-01-20', '2025-W04'],
    ]);
    expect(weeks.rowTotals.map((v) => v.ticketsOpened)).toEqual([2, 3, 3]); // 1 2 | 3 4 8 | 5 6 9
    const utc = await pivot({ rows: ['createdDay'], measures: ['ticketsOpened'], filters: [{ dimension: 'channel', values: ['kiosk'] }], period: JANUARY });
    expect(utc.rowKeys.map((k) => k.values[0])).toEqual(['2025-01-06', '2025-01-14']); // 1 at 03:00 UTC, 4
    const ny = await pivot({ rows: ['createdDay'], measures: ['ticketsOpened'], filters: [{ dimension: 'channel', values: ['kiosk'] }], period: JANUARY, timeZone: 'America/New_York' });
    expect(ny.rowKeys.map((k) => k.values[0])).toEqual(['2025-01-05', '2025-01-14']); // 1 is 22:00 the day before in New York
  });

  it('sorts rows by a measure and keeps totals over all rows when limited', async () => {
    const r = await pivot({ rows: ['assignee'], measures: ['ticketsOpened'], period: JANUARY, sort: { by: 'ticketsOpened', direction: 'desc' }, limit: 2 });
    expect(r.rowKeys.map((k) => k.labels[0])).toEqual(['Ben', '(none)']); // 3 (3 5 6), 3 (4 8 9); Ana 2 left out
    expect(r.truncatedRows).toBe(1);
    expect(r.grandTotal.ticketsOpened).toBe(8);
  });

  it('groups feedback-based measures by ticket dimensions, with feedback that opened no ticket under "(none)"', async () => {
    const r = await pivot({ rows: ['priority'], measures: ['promoterActivationRate', 'ticketsOpened'], period: JANUARY });
    const byPriority = Object.fromEntries(r.rowKeys.map((k, i) => [k.labels[0], r.rowTotals[i]]));
    expect(byPriority.Low.promoterActivationRate).toBeCloseTo(1 / 3); // 6 yes; 8, 9 no
    expect(byPriority['(none)']).toEqual({ promoterActivationRate: 0, ticketsOpened: 0 }); // the lone promoter
    expect(byPriority.High).toEqual({ promoterActivationRate: null, ticketsOpened: 2 }); // no promoter there
    const low = await pivot({ measures: ['promoterActivationRate', 'feedbackReceived'], period: JANUARY, filters: [{ dimension: 'priority', values: ['low'] }] });
    expect(low.grandTotal.promoterActivationRate).toBeCloseTo(1 / 3); // the lone promoter has no ticket, so no priority
    expect(low.grandTotal.feedbackReceived).toBe(4); // 3 6 8 9
  });

  it('groups by highest escalation level, root cause and action with their names', async () => {
    const esc = await pivot({ rows: ['escalationLevel'], measures: ['ticketsOpened'], period: JANUARY });
    expect(esc.rowKeys.map((k, i) => `${k.labels[0]}=${esc.rowTotals[i].ticketsOpened}`)).toEqual(['L1=2', 'L2=1', 'Not escalated=5']);
    const rc = await pivot({ rows: ['rootCause'], columns: ['action'], measures: ['ticketsResolved'], period: JANUARY, filters: [{ dimension: 'rootCause', values: [null], exclude: true }] });
    expect(rc.rowKeys.map((k) => k.labels[0])).toEqual(['Long waiting time', 'Staff behaviour']);
    expect(rc.columnKeys.map((k) => k.labels[0])).toEqual(['Apology and explanation', 'Refund or credit']);
    expect(rc.cells[0].map((c) => c?.ticketsResolved ?? null)).toEqual([1, 1]); // 1 apology, 2 refund
    expect(rc.cells[1].map((c) => c?.ticketsResolved ?? null)).toEqual([2, null]); // 5 6
  });
});

describe('filters, periods and scope', () => {
  it('filters by values, by exclusion, by "(none)" and by theme', async () => {
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'channel', values: ['kiosk'] }] })).grandTotal.ticketsOpened).toBe(2); // 1, 4
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'branch', values: ['north'], exclude: true }] })).grandTotal.ticketsOpened).toBe(4); // south
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'sentiment', values: [null] }] })).grandTotal.ticketsOpened).toBe(1); // 4
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'theme', values: ['waiting time'] }] })).grandTotal.ticketsOpened).toBe(2); // 1, 2
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'theme', values: [null] }] })).grandTotal.ticketsOpened).toBe(4); // 3 6 8 9
    expect((await pivot({ measures: ['ticketsOpened'], period: JANUARY, filters: [{ dimension: 'assignee', values: [IDS.ana] }, { dimension: 'priority', values: ['medium'] }] })).grandTotal.ticketsOpened).toBe(1); // 2
  });

  it('places tickets in the period by creation or by resolution', async () => {
    expect((await pivot({ measures: ['ticketsOpened'] })).grandTotal.ticketsOpened).toBe(9); // all time
    expect((await pivot({ measures: ['ticketsOpened'], period: { from: '2025-02-01', to: '2025-02-28' } })).grandTotal.ticketsOpened).toBe(1); // 7
    expect((await pivot({ measures: ['ticketsOpened'], period: { ...JANUARY, basis: 'resolved' } })).grandTotal.ticketsOpened).toBe(4); // 1 2 5 6
    expect((await pivot({ measures: ['ticketsOpened'], period: { lastDays: 30 } })).grandTotal.ticketsOpened).toBe(1); // now = 1 March: 7
  });

  it('shows a manager only the branches they work', async () => {
    const north = await pivot({ rows: ['branch'], measures: ['ticketsOpened', 'promoterActivationRate'], period: JANUARY }, { role: 'manager', branches: ['north'] });
    expect(north.rowKeys.map((k) => k.values[0])).toEqual(['north']);
    expect(north.grandTotal.ticketsOpened).toBe(4); // 1 2 3 8
    expect(north.grandTotal.promoterActivationRate).toBe(0); // 8 not sent, lone promoter not asked
    const none = await pivot({ measures: ['ticketsOpened'] }, { role: 'agent', branches: [] });
    expect(none.grandTotal.ticketsOpened).toBe(0);
  });

  it('refuses malformed queries with field-level messages', () => {
    const bad = [
      { measures: [] },
      { measures: ['nope'] },
      { rows: ['branch'], columns: ['branch'], measures: ['ticketsOpened'] },
      { measures: ['ticketsOpened'], timeZone: 'Mars/Base' },
      { measures: ['ticketsOpened'], period: { from: '2025-02-01', to: '2025-01-01' } },
      { measures: ['ticketsOpened'], period: { from: '2025-01-01', lastDays: 3 } },
      { measures: ['ticketsOpened'], sort: { by: 'csatPercent', direction: 'desc' } },
    ];
    for (const b of bad) expect(reportQuerySchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});
