// The CSAT loop through real mail and the public page: resolve → survey mailed → the links only open
// the page (a mail scanner's GET/HEAD records nothing) → the person's POST answers, under the
// second-answer policy the workflow enforces; the page says exactly what is on record.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyEntries, ticketEvents, tickets } from '../../db/schema';
import { ticketWorkflowId } from '../../domain/ticket';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const json = async <T>(r: Response) => (await r.json()) as T;
type Ticket = { status: string; version: number; csat: { score: number | null; answeredAt: number | null; recovered: boolean | null; comment?: string | null; reasonId?: string | null } | null };

async function resolvedTicket(externalId: string, email: string, over: Record<string, unknown> = {}) {
  const fb = { channel: 'email', type: 'star', score: 2, comment: 'Wrong order', contact: { name: 'Una Example', email }, branch: 'main', externalId, ...over };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  const tax = await s.database.db.select().from(taxonomyEntries);
  const r = await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin);
  expect(r.status).toBe(200);
  const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes(email) && /\/csat\//.test(m.parsed.text ?? ''));
  const link = /http:\/\/closeloop\.test(\/csat\/[^\s?]+)\?score=/.exec(mail.parsed.text ?? '')![1];
  // Settled: the survey is recorded as sent and projected (the read model included).
  await s.eventually(async () => (await s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n))).some((e) => e.type === 'csat_sent'));
  return { n, link, mail };
}

const ticket = (n: number) => s.call('GET', `/api/v1/tickets/${n}`, undefined, admin).then((r) => json<Ticket>(r));
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  s.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });

/** Everything that could show a recorded answer: the workflow's history, the ticket, the read model.
 * Taken once the history has stopped growing: work the resolve started (the survey send, the projection,
 * agents' notifications) may still be finishing, and would look like a change made by the requests. */
async function snapshot(n: number) {
  const handle = s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n));
  let history = await handle.fetchHistory();
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const again = await handle.fetchHistory();
    if ((again.events?.length ?? 0) === (history.events?.length ?? 0)) break;
    history = again;
  }
  const [row] = await s.database.db.select().from(tickets).where(eq(tickets.number, n));
  const events = await s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));
  const eventTypes = (history.events ?? []).map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes')));
  return { historyLength: history.events?.length ?? 0, signalsOrUpdates: eventTypes.filter((t) => /Signaled|Update/.test(t ?? '')).length, ticket: await ticket(n), row: { ...row, search: null }, events: events.length };
}

/** A scanner: every method, following redirects, the way Safe Links or Mimecast open each link. */
async function scan(url: string, method: 'GET' | 'HEAD') {
  let target = url.replace('http://closeloop.test', '');
  for (let hop = 0; hop < 5; hop++) {
    const r = await s.app.request(target, { method, headers: { 'user-agent': 'Mozilla/5.0 (compatible; SafeLinks scanner)' } });
    const next = r.headers.get('location');
    if (!next || r.status < 300 || r.status >= 400) return r;
    target = next;
  }
  throw new Error('redirect loop');
}

describe('CSAT survey links', () => {
  it('a scanner opening every link of the survey mail (GET, HEAD, redirects) records nothing', async () => {
    const { n, mail } = await resolvedTicket('csat-scan', 'sam@example.com');
    const links = [...new Set([...(mail.parsed.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).concat([...String(mail.parsed.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#38;|&amp;/g, '&'))))];
    expect(links.filter((l) => l.includes('/csat/')).length).toBe(5);
    const before = await snapshot(n);
    for (const link of links) {
      for (const method of ['GET', 'HEAD'] as const) {
        const r = await scan(link, method);
        expect(r.status, `${method} ${link}`).toBeLessThan(500);
      }
    }
    const page = await s.app.request(links.find((l) => l.endsWith('?score=1'))!.replace('http://closeloop.test', ''));
    const html = await page.text();
    expect(html).toMatch(/<input type="radio" name="score" id="score-1" value="1" checked required>/); // preselected, not recorded
    await new Promise((r) => setTimeout(r, 1500)); // anything a GET might have started would have landed by now
    const after = await snapshot(n);
    expect(after).toEqual(before);
    expect(after.signalsOrUpdates).toBe(before.signalsOrUpdates); // the resolve update only; no signal, no answer
    expect(after.ticket).toMatchObject({ status: 'resolved', csat: { score: null, answeredAt: null } });
  });

  it('serves a branded, strict-CSP page in the customer language, with wording that fits the answer', async () => {
    const { n, link } = await resolvedTicket('csat-page', 'pia@example.com', { locale: 'de-DE' });
    const r = await s.app.request(`${link}?score=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('content-security-policy')).toContain("style-src 'self'");
    const html = await r.text();
    expect(html).toMatch(/<html lang="de" dir="ltr">/);
    expect(html).not.toMatch(/<script|style=|<style/i);
    expect(html).toContain('<link rel="stylesheet" href="/public/page.css">');
    expect(html).toContain('Antwort senden');
    expect(html).toContain(`(Anfrage #${n})`);
    const css = await s.app.request('/public/page.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    const posted = await post(link, { score: '1', comment: 'Immer noch kalt' });
    expect(posted.status).toBe(200);
    const answer = await posted.text();
    expect(answer).toContain('Das tut uns leid'); // an apology for a 1, not "Thank you!"
    expect(answer).toContain('1 von 5 – Sehr unzufrieden');
    expect(answer).not.toMatch(/Vielen Dank!/);
    // The update answered after the projection: the read model already has it.
    const [row] = await s.database.db.select().from(tickets).where(eq(tickets.number, n));
    expect(row.csatScore).toBe(1);
    expect((await ticket(n)).csat).toMatchObject({ score: 1, comment: 'Immer noch kalt' });
  });
});

describe('answering on the page', () => {
  it('records only a POST; a changed mind within the window replaces it; the same answer again changes nothing', async () => {
    const { n, link } = await resolvedTicket('csat-post', 'hal@example.com');
    const reason = (await s.database.db.select().from(taxonomyEntries)).find((t) => t.name === 'Too slow')!.id;
    const first = await post(link, { score: '1', comment: 'Still no refund', reasonId: reason }, { origin: 'http://closeloop.test', 'sec-fetch-site': 'same-origin' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('We are sorry');
    expect((await ticket(n)).csat).toMatchObject({ score: 1, recovered: false, comment: 'Still no refund', reasonId: reason });
    expect((await ticket(n)).status).toBe('resolved'); // acted on when the change window ends
    const again = await s.app.request(link);
    expect(await again.text()).toMatch(/Your answer on record: 1 of 5 – Very unhappy\. You can still change it for 1[45] minutes\./);
    const changed = await post(link, { score: '5' });
    const html = await changed.text();
    expect(html).toContain('We have changed your answer to 5 of 5 – Very happy.');
    expect(html).toContain('Thank you!');
    expect((await ticket(n)).csat).toMatchObject({ score: 5, recovered: true, comment: 'Still no refund' });
    const same = await post(link, { score: '5' });
    expect(same.status).toBe(200);
    const events = await s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));
    expect(events.filter((e) => e.type === 'csat_answered').map((e) => [e.from, e.to])).toEqual([[null, '1'], ['1', '5']]);
  });

  it('refuses a cross-site post, a forged token and a bad answer, storing nothing', async () => {
    const { n, link } = await resolvedTicket('csat-bad', 'fay@example.com');
    const before = await snapshot(n);
    const evil = await post(link, { score: '5' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain('This form can only be sent from our page');
    expect((await post(link, { score: '5' }, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await post(link.replace(/\.[0-9a-f]+$/, `.${'b'.repeat(32)}`), { score: '5' })).status).toBe(404);
    expect((await post('/csat/not-a-token', { score: '5' })).status).toBe(404);
    expect((await s.app.request(`/csat/999999.${'a'.repeat(32)}?score=5`)).status).toBe(404);
    const noScore = await post(link, { comment: 'Kept for you' });
    expect(noScore.status).toBe(400);
    const page = await noScore.text();
    expect(page).toContain('role="alert">Please choose an answer.');
    expect(page).toContain('>Kept for you</textarea>');
    expect((await post(link, { score: '9' })).status).toBe(400);
    expect((await post(link, { score: '4', comment: 'a\u0000b' })).status).toBe(400);
    expect(await snapshot(n)).toEqual(before);
  });

  it('offers three faces for feedback given with faces, and stores them on the 1–5 scale', async () => {
    const { n, link, mail } = await resolvedTicket('csat-smile', 'sue@example.com', { type: 'smile', score: 0 });
    expect([...(mail.parsed.text ?? '').matchAll(/\?score=(\d)/g)].map((m) => m[1])).toEqual(['1', '3', '5']);
    const html = await (await s.app.request(`${link}?score=3`)).text();
    expect(html.match(/type="radio"/g)).toHaveLength(3);
    expect(html).toContain('class="scale faces"');
    expect(html).toMatch(/id="score-3" value="3" checked/);
    expect((await post(link, { score: '2' })).status).toBe(400); // not a face
    expect(await (await post(link, { score: '5' })).text()).toContain('We have recorded your answer (Happy)');
    expect((await ticket(n)).csat).toMatchObject({ score: 5, recovered: true });
  });

  it('refuses a different answer once the change window is over and says what is on record', async () => {
    const settings = await json<Record<string, unknown>>(await s.call('GET', '/api/v1/settings/tickets', undefined, admin));
    expect((await s.call('PUT', '/api/v1/settings/tickets', { ...settings, csatChangeMinutes: 0 }, admin)).status).toBe(200);
    const { n, link } = await resolvedTicket('csat-late', 'lou@example.com');
    expect(await (await post(link, { score: '3' })).text()).toContain('Thank you for your answer');
    const late = await post(link, { score: '5', comment: 'Actually great' });
    expect(late.status).toBe(409);
    const html = await late.text();
    expect(html).toContain('You have already answered');
    expect(html).toMatch(/We have your answer 3 of 5 – Okay, given on \w+ \d+, \d{4}\. It can no longer be changed\./);
    expect(html).not.toContain('Thank you!'); // never claims the 5
    expect((await ticket(n)).csat).toMatchObject({ score: 3, comment: null });
    const page = await (await s.app.request(`${link}?score=5`)).text();
    expect(page).toContain('Your answer on record: 3 of 5 – Okay.');
    expect(page).toContain('Would you like to tell us more?'); // the comment may still follow, once
    expect(await (await post(link, { score: '3', comment: 'Slow but fine' })).text()).toContain('Thank you for your comment');
    expect((await ticket(n)).csat).toMatchObject({ score: 3, comment: 'Slow but fine' });
    expect((await s.call('PUT', '/api/v1/settings/tickets', { ...settings, csatChangeMinutes: 15 }, admin)).status).toBe(200);
  });
});
