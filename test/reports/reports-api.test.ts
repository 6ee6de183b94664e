// Reports through the API on the real stack: a ticket's life lands in the report columns; queries,
// exports read back (XLSX with exceljs, PDF text with pdfjs), saved reports and who may see them.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/security';
import { savedReports, taxonomyEntries, tickets, users } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';
import { insertFixture } from './fixture';

let s: Stack;
let admin: Session;
const people: Record<string, Session> = {};
const ids: Record<string, string> = {};
const JANUARY = { from: '2025-01-01', to: '2025-01-31' };
const BY_BRANCH = { rows: ['branch'], measures: ['ticketsOpened', 'csatPercent', 'medianResolutionTime'], period: JANUARY };
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
type Pivot = { rowKeys: Array<{ labels: string[] }>; rowTotals: Array<Record<string, number | null>>; grandTotal: Record<string, number | null> };

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  await insertFixture(s.database.db);
  const staff: Array<[string, 'agent' | 'manager', string[]]> = [
    ['nora', 'agent', ['north']],
    ['sam', 'agent', ['south']],
    ['mia', 'manager', ['north', 'south']],
    ['max', 'manager', ['north']],
  ];
  for (const [name, role, branches] of staff) {
    ids[name] = `user-${name}`;
    await s.database.db.insert(users).values({ id: ids[name], email: `${name}@test.local`, name: name[0].toUpperCase() + name.slice(1), passwordHash: await hashPassword(`${name}-pass-1`), role, branches });
    people[name] = await s.login(`${name}@test.local`, `${name}-pass-1`);
  }
});
afterAll(async () => s?.teardown());

const query = (body: unknown, who: Session = admin, format = '') => s.call('POST', `/api/v1/reports/query${format ? `?format=${format}&title=Tickets+by+branch` : ''}`, body, who);

describe('a ticket in the report columns', () => {
  it('projects first response, SLA outcomes and the CSAT answer, and the measures count them', async () => {
    // The survey answer acts at once (no change window), so the ticket closes on the customer's post.
    const settings = await json(await s.call('GET', '/api/v1/settings/tickets', undefined, admin));
    expect((await s.call('PUT', '/api/v1/settings/tickets', { ...settings, csatChangeMinutes: 0 }, admin)).status).toBe(200);
    const fb = { channel: 'web', type: 'star', score: 1, comment: 'Order never arrived', contact: { email: 'rita@example.com' }, branch: 'main', externalId: 'rep-1' };
    const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Sorry, Rita, we are on it.', visibility: 'public' }, admin)).status).toBe(200);
    const tax = await s.database.db.select().from(taxonomyEntries);
    expect((await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin)).status).toBe(200);
    const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes('rita@example.com') && (m.parsed.subject ?? '').includes('How did we do'));
    const link = /http:\/\/closeloop\.test(\/csat\/[^\s?]+)\?score=/.exec(mail.parsed.text ?? '')![1];
    // The workflow drops an answer that arrives before it has recorded the survey as sent (the mail
    // goes out inside the activity), so answer once the read model shows it sent.
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n)))[0]?.csatSentAt);
    // The link only opens the page (a mail scanner following it records nothing); the customer's post answers.
    expect((await s.app.request(`${link}?score=5`)).status).toBe(200);
    const posted = await s.app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=5' });
    expect(posted.status).toBe(200);
    const row = await s.eventually(async () => {
      const [r] = await s.database.db.select().from(tickets).where(eq(tickets.number, n));
      return r?.status === 'closed' ? r : null;
    });
    expect(row).toMatchObject({ firstResponseSla: 'met', resolutionSla: 'met', csatRecovered: true, csatScore: 5, maxEscalationLevel: 0, repeatDetractor: false });
    expect(row.firstResponseMs).toBeGreaterThan(0);
    expect(row.resolutionMs).toBeGreaterThanOrEqual(row.firstResponseMs!);
    expect(row.csatSentAt).not.toBeNull();
    expect(row.csatAnsweredAt).not.toBeNull();
    const r = await json<Pivot>(await query({ measures: ['ticketsOpened', 'ticketsResolved', 'csatPercent', 'surveyResponseRate', 'recoveryRate', 'slaCompliance'], filters: [{ dimension: 'branch', values: ['main'] }] }));
    expect(r.grandTotal).toEqual({ ticketsOpened: 1, ticketsResolved: 1, csatPercent: 1, surveyResponseRate: 1, recoveryRate: 1, slaCompliance: 1 });
  });
});

describe('POST /reports/query', () => {
  it('answers the pivot with totals; refuses bad queries and agents', async () => {
    const r = await json<Pivot>(await query(BY_BRANCH));
    expect(r.rowKeys.map((k) => k.labels[0])).toEqual(['North', 'South']);
    expect(r.rowTotals.map((t) => t.ticketsOpened)).toEqual([4, 4]);
    expect(r.grandTotal.csatPercent).toBeCloseTo(2 / 3);
    const bad = await query({ rows: ['nope'], measures: [] });
    expect(bad.status).toBe(400);
    const body = await json<{ error: { code: string; message: string } }>(bad);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/rows\.0/);
    expect(body.error.message).toMatch(/measures/);
    expect((await query(BY_BRANCH, people.nora)).status).toBe(403);
    expect((await s.call('POST', '/api/v1/reports/query', BY_BRANCH)).status).toBe(401);
    expect((await query(BY_BRANCH, admin, 'docx')).status).toBe(400);
  });

  it('exports CSV', async () => {
    const res = await query({ ...BY_BRANCH, columns: ['priority'] }, admin, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('closeloop-tickets-by-branch.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header[0]).toBe('Branch');
    expect(header).toContain('High · Tickets opened');
    expect(header).toContain('Total · CSAT % (%)');
    expect(header).toContain('Total · Median time to resolution (h)');
    const north = lines[1].split(',');
    expect(north[0]).toBe('North');
    expect(north[header.indexOf('High · Tickets opened')]).toBe('1');
    expect(north[header.indexOf('Total · CSAT % (%)')]).toBe('100');
    expect(north[header.indexOf('Total · Median time to resolution (h)')]).toBe('7');
    const total = lines.at(-1)!.split(',');
    expect(total[0]).toBe('Total');
    expect(total[header.indexOf('Total · CSAT % (%)')]).toBe('66.7');
    expect(total[header.indexOf('Total · Tickets opened')]).toBe('8');
  });

  it('exports XLSX that exceljs reads back', async () => {
    const res = await query(BY_BRANCH, admin, 'xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('Report')!;
    expect(ws.getCell('A1').value).toBe('Tickets by branch');
    expect(String(ws.getCell('A2').value)).toContain('Period: 2025-01-01 to 2025-01-31');
    expect(ws.getRow(3).values).toEqual([undefined, 'Branch', 'Tickets opened', 'CSAT % (%)', 'Median time to resolution (h)']);
    expect(ws.getRow(4).values).toEqual([undefined, 'North', 4, 100, 7]);
    expect(ws.getRow(5).values).toEqual([undefined, 'South', 4, 50, 14]);
    expect(ws.getRow(6).values).toEqual([undefined, 'Total', 8, 66.7, 9]);
    expect(ws.getRow(6).font?.bold).toBe(true);
    expect(ws.getColumn(3).numFmt).toBe('0.0');
    const defs = wb.getWorksheet('Measures')!;
    expect(defs.getRow(3).values).toEqual([undefined, 'CSAT %', '%', 'satisfied CSAT answers (4–5 of 5) ÷ CSAT answers']);
  });

  it('exports a PDF with the table and a drawn chart', async () => {
    const res = await query({ ...BY_BRANCH, filters: [{ dimension: 'channel', values: ['kiosk', 'web'] }] }, admin, 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), useSystemFonts: false }).promise;
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Tickets by branch');
    expect(text).toContain('Filters: Channel is Kiosk, Web');
    expect(text).toContain('Tickets opened by Branch'); // the chart's title
    // Kiosk + web in January: north 1 (satisfied, 4 h) and 2 (unanswered, 10 h); south 4 (open) and 6 (satisfied, 8 h).
    expect(text).toMatch(/North\s+2\s+100\.0 %\s+7\.00 h/);
    expect(text).toMatch(/South\s+2\s+100\.0 %\s+8\.00 h/);
    expect(text).toMatch(/Total\s+4\s+100\.0 %\s+8\.00 h/); // median of 4, 8, 10
    const ops = await page.getOperatorList();
    // pdf.js folds each path into constructPath with its painting operator as the first argument.
    const fills = ops.fnArray.filter((f, i) => f === OPS.constructPath && (ops.argsArray[i] as number[])[0] === OPS.fill).length;
    expect(fills).toBeGreaterThanOrEqual(2); // one bar per branch
    await pdf.destroy();
  });
});

describe('saved and shared reports', () => {
  const save = (body: unknown, who: Session) => s.call('POST', '/api/v1/reports/saved', body, who);
  const list = async (who: Session) => (await json<{ items: Array<{ id: string; name: string }> }>(await s.call('GET', '/api/v1/reports/saved', undefined, who))).items.map((i) => i.name);

  it('shares a report with one agent only: the other agent cannot see or run it', async () => {
    const res = await save({ name: 'North desk', definition: BY_BRANCH, sharedWith: { users: [ids.nora] } }, people.mia);
    expect(res.status).toBe(201);
    const report = await json<{ id: string; owner: { name: string }; sharedWith: { users: Array<{ name: string }> }; canEdit: boolean }>(res);
    expect(report.owner.name).toBe('Mia');
    expect(report.sharedWith.users.map((u) => u.name)).toEqual(['Nora']);
    expect(report.canEdit).toBe(true);

    expect(await list(people.nora)).toContain('North desk');
    const seen = await json<{ canEdit: boolean }>(await s.call('GET', `/api/v1/reports/saved/${report.id}`, undefined, people.nora));
    expect(seen.canEdit).toBe(false);
    // Nora works north: she sees north's data only, even though Mia sees both branches.
    const result = await json<Pivot>(await s.call('GET', `/api/v1/reports/saved/${report.id}/result`, undefined, people.nora));
    expect(result.rowKeys.map((k) => k.labels[0])).toEqual(['North']);
    expect(result.grandTotal.ticketsOpened).toBe(4);

    expect(await list(people.sam)).not.toContain('North desk');
    expect((await s.call('GET', `/api/v1/reports/saved/${report.id}`, undefined, people.sam)).status).toBe(404);
    expect((await s.call('GET', `/api/v1/reports/saved/${report.id}/result`, undefined, people.sam)).status).toBe(404);
    expect((await s.call('GET', `/api/v1/reports/saved/${report.id}/result?format=csv`, undefined, people.sam)).status).toBe(404);
    expect(await list(people.max)).not.toContain('North desk'); // another manager, not shared
    expect(await list(admin)).toContain('North desk');

    // Agents open, never change.
    expect((await s.call('PUT', `/api/v1/reports/saved/${report.id}`, { name: 'Mine now', definition: BY_BRANCH }, people.nora)).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/reports/saved/${report.id}`, undefined, people.nora)).status).toBe(403);
    expect((await save({ name: 'Agent report', definition: BY_BRANCH }, people.nora)).status).toBe(403);
  });

  it('shares by role, exports a saved report for the viewer, and lets the owner update and delete', async () => {
    const created = await json<{ id: string }>(await save({ name: 'Team CSAT', definition: BY_BRANCH }, people.mia));
    expect(await list(people.sam)).not.toContain('Team CSAT');
    const upd = await s.call('PUT', `/api/v1/reports/saved/${created.id}`, { name: 'Team CSAT', definition: { ...BY_BRANCH, measures: ['ticketsOpened'] }, sharedWith: { roles: ['agent'] } }, people.mia);
    expect(upd.status).toBe(200);
    expect(await list(people.sam)).toContain('Team CSAT');
    expect(await list(people.nora)).toContain('Team CSAT');
    const csv = await s.call('GET', `/api/v1/reports/saved/${created.id}/result?format=csv`, undefined, people.sam);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('closeloop-team-csat.csv');
    expect((await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['Branch,Tickets opened', 'South,4', 'Total,4']);
    expect((await s.call('PUT', `/api/v1/reports/saved/${created.id}`, { name: 'Hijack', definition: BY_BRANCH }, people.max)).status).toBe(404);
    expect((await s.call('DELETE', `/api/v1/reports/saved/${created.id}`, undefined, people.mia)).status).toBe(204);
    expect((await s.call('GET', `/api/v1/reports/saved/${created.id}`, undefined, people.mia)).status).toBe(404);
  });

  it('refuses unknown share targets and bad definitions, storing nothing', async () => {
    const before = (await s.database.db.select().from(savedReports)).length;
    const unknown = await save({ name: 'X', definition: BY_BRANCH, sharedWith: { users: ['ghost'] } }, people.mia);
    expect(unknown.status).toBe(400);
    expect((await json<{ error: { message: string } }>(unknown)).error.message).toContain('ghost');
    expect((await save({ name: 'X', definition: { measures: ['nope'] } }, people.mia)).status).toBe(400);
    expect((await save({ name: '', definition: BY_BRANCH }, people.mia)).status).toBe(400);
    expect((await save({ name: 'X', definition: BY_BRANCH, sharedWith: { roles: ['owner'] } }, people.mia)).status).toBe(400);
    expect((await s.database.db.select().from(savedReports)).length).toBe(before);
  });
});

describe('catalogue, ready-made reports and dashboard', () => {
  it('lists measures with formulas and ready-made reports that run', async () => {
    const meta = await json<{ measures: Array<{ key: string; formula: string }> }>(await s.call('GET', '/api/v1/reports/meta', undefined, people.nora));
    expect(meta.measures.find((m) => m.key === 'recoveryRate')?.formula).toContain('detractor');
    expect((await s.call('GET', '/api/v1/reports/ready-made', undefined, people.nora)).status).toBe(403);
    const ready = await json<{ items: Array<{ id: string; definition: unknown }> }>(await s.call('GET', '/api/v1/reports/ready-made', undefined, people.mia));
    expect(ready.items.map((r) => r.id)).toEqual(['top-root-causes-by-branch', 'most-used-actions', 'reopen-rate-by-agent', 'recovery-rate-trend', 'sla-compliance-by-priority']);
    for (const r of ready.items) expect((await query({ ...(r.definition as object), period: JANUARY }, people.mia)).status).toBe(200);
    const top = await json<Pivot>(await query({ ...(ready.items[0].definition as object), period: { ...JANUARY, basis: 'resolved' } }, people.mia));
    expect(top.rowKeys.map((k) => k.labels[0])).toEqual(['Long waiting time', 'Staff behaviour']); // 1 2 | 5 6: tie, by name
  });

  it('serves the dashboard from the same measures, scoped to the viewer', async () => {
    const nora = await json<{ now: Record<string, number>; last30Days: Record<string, number | null> }>(await s.call('GET', '/api/v1/reports/dashboard', undefined, people.nora));
    expect(nora.now).toEqual({ openTickets: 2, openBreachedTickets: 1 }); // 3 (breached), 8
    expect(nora.last30Days).toEqual({ ticketsOpened: 0, slaCompliance: null, recoveryRate: null, csatPercent: null }); // fixture is 2025
    const all = await json<{ now: Record<string, number>; last30Days: Record<string, number | null>; csatTrend: Pivot }>(await s.call('GET', '/api/v1/reports/dashboard', undefined, admin));
    expect(all.now.openTickets).toBe(4); // 3 4 8 9; the stack's own ticket is closed
    expect(all.last30Days).toEqual({ ticketsOpened: 1, slaCompliance: 1, recoveryRate: 1, csatPercent: 1 }); // the stack's ticket
    expect(all.csatTrend.rowKeys).toHaveLength(1);
    const doc = await json<{ paths: Record<string, unknown> }>(await s.call('GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/reports/query', '/reports/saved', '/reports/saved/{id}', '/reports/saved/{id}/result', '/reports/dashboard']));
  });
});
