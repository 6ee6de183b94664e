// Issue 18 item 7: what schemathesis turned into 500s is a 400 naming the field — integers beyond the
// Postgres integer column in paths, queries and bodies (domain/ids.ts), time-zone names Intl accepts but
// Postgres does not know (domain/time-zones.ts), NUL in query strings, SLA hours no date can hold — and
// a time zone stored before the rule neither breaks reading the branch nor starting its tickets nor running a saved report.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchTimeZones } from '../../db/agent-notifications';
import { runPivot } from '../../db/report-query';
import { reportQuerySchema } from '../../domain/reports';
import { branches, calendars, savedReports, tickets } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const TOO_BIG = 2_147_483_648;

async function expect400(res: Response, field: string, message: RegExp) {
  const body = (await res.json()) as { error: { code: string; details?: { fields?: Array<{ path: string; message: string }> } } };
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe('INVALID_INPUT');
  const named = body.error.details?.fields ?? [];
  expect(named.find((f) => f.path === field)?.message, `${field} in ${JSON.stringify(named)}`).toMatch(message);
}

async function newTicket(branch = 'main'): Promise<number> {
  const sent = { channel: 'kiosk', type: 'star', score: 1, comment: 'Cold soup', branch, externalId: randomUUID() };
  const res = await s.postFeedback(sent, '?wait=true');
  expect(res.status).toBe(202);
  return s.ticketNumberOf(res, sent);
}

describe('integers beyond the Postgres integer range are a 400 naming the field', () => {
  it('in paths, queries and bodies across routes', async () => {
    const range = /whole number|at most 2147483647/;
    // path: a ticket, and its sub-resources
    await expect400(await s.call('GET', `/api/v1/tickets/${TOO_BIG}`, undefined, admin), 'id', range);
    await expect400(await s.call('GET', `/api/v1/tickets/ticket-${TOO_BIG}/customer`, undefined, admin), 'id', range);
    await expect400(await s.call('GET', `/api/v1/dev-mailbox/${TOO_BIG}`, undefined, admin), 'id', range);
    // query: the board's escalation-level filter compares with an integer column
    await expect400(await s.call('GET', `/api/v1/tickets?escalationLevel=${TOO_BIG}`, undefined, admin), 'escalationLevel', range);
    // bodies: bulk actions and macros name tickets by number
    const bulk = await s.call('POST', '/api/v1/tickets/bulk', { tickets: [1000, TOO_BIG], action: { kind: 'priority', priority: 'high' } }, admin);
    await expect400(bulk, 'tickets.1', range);
    const macro = await s.call('POST', '/api/v1/macros', { name: `Thanks ${randomUUID()}`, body: 'Thank you for telling us.' }, admin);
    expect(macro.status).toBe(201);
    const { id } = (await macro.json()) as { id: string };
    await expect400(await s.call('POST', `/api/v1/macros/${id}/apply`, { ticket: TOO_BIG }, admin), 'ticket', range);
    await expect400(await s.call('POST', `/api/v1/macros/${id}/apply`, { ticket: -1 }, admin), 'ticket', range);
  });

  it('SLA hours are bounded: an endless target made due dates no projection could write (a wedged ticket)', async () => {
    const hours = /at most 87600 hours/;
    await expect400(await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 1e300, resolutionHours: 24, nextReplyHours: null }, admin), 'firstResponseHours', hours);
    const rule = { name: 'Slow', trigger: { buckets: ['star_1_2'] }, outcome: { priority: 'low', sla: { resolutionHours: 1e300 }, escalationChain: [{ level: 1, afterHours: 1e300, users: [{ userId: s.adminId, channel: 'email' }] }] } };
    const res = await s.call('POST', '/api/v1/rules', rule, admin);
    await expect400(res.clone(), 'outcome.sla.resolutionHours', hours);
    await expect400(res, 'outcome.escalationChain.0.afterHours', hours);
    expect((await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 87_600, resolutionHours: 24, nextReplyHours: null }, admin)).status).toBe(200);
    expect((await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 4, resolutionHours: 24, nextReplyHours: null }, admin)).status).toBe(200);
  });

  it('instants a Postgres timestamp cannot hold (year 0) are a 400, not a 500 or lost feedback', async () => {
    const year = /between 1970 and 9999/;
    const rule = { name: 'r', trigger: { buckets: ['star_1_2'] }, outcome: { priority: 'low' } };
    await expect400(await s.call('POST', '/api/v1/rules/simulate', { rules: [rule], from: '0000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, admin), 'from', year);
    await expect400(await s.postFeedback({ channel: 'kiosk', type: 'star', score: 1, externalId: randomUUID(), submittedAt: '0000-01-01T00:00:00Z' }), 'submittedAt', year);
    await expect400(await s.call('POST', '/api/v1/api-tokens', { name: 't', kind: 'personal', scopes: ['tickets:read'], expiresAt: '10000-01-01T00:00:00Z' }, admin), 'expiresAt', /./);
    expect((await s.call('POST', '/api/v1/rules/simulate', { rules: [rule], from: '1970-01-01T00:00:00Z', to: '9999-12-31T23:59:59Z' }, admin)).status).toBe(200);
  });

  it('the largest integer still reaches the lookup (404, not 400)', async () => {
    expect((await s.call('GET', '/api/v1/tickets/2147483647', undefined, admin)).status).toBe(404);
    expect((await s.call('GET', '/api/v1/tickets?escalationLevel=2147483647', undefined, admin)).status).toBe(200);
  });
});

describe('time zones: UTC or an IANA Area/Location name Intl knows', () => {
  const weekly = { '1': [{ start: '09:00', end: '17:00' }] };

  it('a legacy or unknown name is a 400 naming timeZone, for calendars and reports', async () => {
    for (const timeZone of ['US/Pacific-New', 'Canada/East-Saskatchewan', 'AET', 'PST', 'CET', 'Japan', 'SystemV/AST4', 'Mars/Olympus', '+01:00']) {
      await expect400(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone, weekly }, admin), 'timeZone', /time zone/);
      await expect400(await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened'], timeZone }, admin), 'timeZone', /time zone/);
    }
  });

  it('canonical names, aliases Intl knows and UTC are accepted, and reports run in them', async () => {
    for (const timeZone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Calcutta', 'US/Eastern', 'Etc/GMT+1', 'America/Argentina/Salta']) {
      const cal = await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone, weekly }, admin);
      expect(cal.status, `${timeZone}: ${await cal.clone().text()}`).toBe(200);
      const report = await s.call('POST', '/api/v1/reports/query', { rows: ['createdDay'], measures: ['ticketsOpened'], timeZone }, admin);
      expect(report.status, `${timeZone}: ${await report.clone().text()}`).toBe(200);
    }
    await s.call('PUT', '/api/v1/branches/main/calendar', null, admin);
  });

  it('a name stored before the rule is read as its canonical zone (or UTC): branches list, new tickets start, saved reports run', async () => {
    await s.call('POST', '/api/v1/branches', { id: 'legacy', name: 'Legacy' }, admin);
    await s.call('POST', '/api/v1/branches', { id: 'broken', name: 'Broken' }, admin);
    // Written as an older release would have (Intl accepted "AET"); "Not/AZone" as if ICU had dropped it.
    await s.database.db.insert(calendars).values([
      { id: 'legacy', name: 'legacy hours', timeZone: 'AET', weekly, holidays: [] },
      { id: 'broken', name: 'broken hours', timeZone: 'Not/AZone', weekly, holidays: [] },
    ]);
    await s.database.db.update(branches).set({ calendarId: 'legacy' }).where(eq(branches.id, 'legacy'));
    await s.database.db.update(branches).set({ calendarId: 'broken' }).where(eq(branches.id, 'broken'));

    const list = await s.call('GET', '/api/v1/branches', undefined, admin);
    expect(list.status).toBe(200);
    const zones = Object.fromEntries(((await list.json()) as { items: Array<{ id: string; calendar: { timeZone: string } | null }> }).items.map((b) => [b.id, b.calendar?.timeZone]));
    expect(zones).toMatchObject({ legacy: 'Australia/Sydney', broken: 'UTC' });
    // The daily digest reads the branch zones too (its run would fail for everyone on a RangeError).
    const digestZones = await branchTimeZones(s.database.db);
    expect([digestZones.get('legacy'), digestZones.get('broken')]).toEqual(['Australia/Sydney', 'UTC']);

    for (const branch of ['legacy', 'broken']) {
      const n = await newTicket(branch);
      await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length === 1);
      const [row] = await s.database.db.select().from(tickets).where(eq(tickets.number, n));
      expect(row.resolutionDueAt, `ticket ${n} of ${branch} has an SLA clock`).not.toBeNull();
    }

    await s.database.db.insert(savedReports).values({ id: 'old-aet', name: 'Old report', ownerId: s.adminId, definition: { measures: ['ticketsOpened'], rows: ['createdDay'], timeZone: 'AET' } });
    const saved = await s.call('GET', '/api/v1/reports/saved/old-aet', undefined, admin);
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(((await saved.json()) as { definition: { timeZone: string } }).definition.timeZone).toBe('Australia/Sydney');
    expect((await s.call('GET', '/api/v1/reports/saved/old-aet/result', undefined, admin)).status).toBe(200);

    // Backstop for a Postgres whose tz database lacks a name Node's ICU knows: a 400 naming timeZone.
    const query = reportQuerySchema.parse({ rows: ['createdDay'], measures: ['ticketsOpened'] });
    const refused = await runPivot(s.database.db, { ...query, timeZone: 'Mars/Olympus' }, { role: 'admin', branches: [] }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'timeZone' }] } });
  });
});

describe('holidays: days that exist, 1970–9999', () => {
  it('a day that does not exist is a 400 naming it; one stored before the rule is dropped on read', async () => {
    await expect400(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: {}, holidays: ['2026-02-30'] }, admin), 'holidays.0', /a date that exists/);
    await expect400(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: {}, holidays: ['1969-12-25'] }, admin), 'holidays.0', /between 1970 and 9999/);
    await s.call('POST', '/api/v1/branches', { id: 'old-holidays', name: 'Old holidays' }, admin);
    // Written as an older release would have (its pattern was \d{4}-\d{2}-\d{2}).
    await s.database.db.insert(calendars).values({ id: 'old-holidays', name: 'old holidays', timeZone: 'UTC', weekly: {}, holidays: ['2026-02-30', '0000-00-00', '2026-12-25'] });
    await s.database.db.update(branches).set({ calendarId: 'old-holidays' }).where(eq(branches.id, 'old-holidays'));
    const list = await s.call('GET', '/api/v1/branches', undefined, admin);
    expect(list.status).toBe(200);
    const branch = ((await list.json()) as { items: Array<{ id: string; calendar: { holidays: string[] } | null }> }).items.find((b) => b.id === 'old-holidays');
    expect(branch?.calendar?.holidays).toEqual(['2026-12-25']);
  });
});

describe('NUL in a query string is a 400 naming the parameter on every kind of route', () => {
  it('declared and undeclared parameters, API and public pages', async () => {
    await expect400(await s.call('GET', '/api/v1/macros?q=a%00b', undefined, admin), 'query.q', /NUL/);
    await expect400(await s.call('GET', '/api/v1/rules?x=%00', undefined, admin), 'query.x', /NUL/);
    await expect400(await s.call('GET', '/api/v1/tickets?escalationLevel=1%00', undefined, admin), 'query.escalationLevel', /NUL/);
    await expect400(await s.call('GET', '/api/v1/dev-mailbox?limit=%00', undefined, admin), 'query.limit', /NUL/);
    await expect400(await s.call('GET', '/csat/abc?score=%00'), 'query.score', /NUL/);
  });
});
