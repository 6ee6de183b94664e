// The CSAT loop through real mail and the public page: resolve → survey mailed → one-click answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyEntries } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const json = async <T>(r: Response) => (await r.json()) as T;
type Ticket = { status: string; csat: { score: number | null; recovered: boolean | null; comment?: string | null; reasonId?: string | null } | null };

async function resolvedTicket(externalId: string, email: string) {
  const res = await s.postFeedback({ channel: 'email', type: 'star', score: 2, comment: 'Wrong order', contact: { email }, branch: 'main', externalId }, '?wait=true');
  const n = (await json<{ ticketNumber: number }>(res)).ticketNumber;
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  const tax = await s.database.db.select().from(taxonomyEntries);
  const r = await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin);
  expect(r.status).toBe(200);
  const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes(email) && (m.parsed.subject ?? '').includes('How did we do'));
  const link = /http:\/\/closeloop\.test(\/csat\/[^\s?]+)\?score=/.exec(mail.parsed.text ?? '')![1];
  return { n, link };
}

const ticket = (n: number) => s.call('GET', `/api/v1/tickets/${n}`, undefined, admin).then((r) => json<Ticket>(r));

describe('CSAT survey', () => {
  it('an unhappy one-click answer reopens the ticket; the comment and reason follow; the score is single-use', async () => {
    const { n, link } = await resolvedTicket('csat-1', 'una@example.com');
    const page = await s.app.request(`${link}?score=1`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('1 / 5');
    expect(html).toContain('Problem not solved'); // reasons are offered for unhappy answers
    await s.eventually(async () => (await ticket(n)).status === 'reopened');
    const reason = (await s.database.db.select().from(taxonomyEntries)).find((t) => t.name === 'Too slow')!.id;
    const post = await s.app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ score: '1', comment: 'Still no refund', reasonId: reason }).toString() });
    expect(post.status).toBe(200);
    await s.app.request(`${link}?score=5`); // a second click does not change the score
    const t = await s.eventually(async () => {
      const v = await ticket(n);
      return v.csat?.comment ? v : null;
    });
    expect(t.csat).toMatchObject({ score: 1, recovered: false, comment: 'Still no refund', reasonId: reason });
  });

  it('a happy answer closes the ticket', async () => {
    const { n, link } = await resolvedTicket('csat-2', 'hal@example.com');
    expect((await s.app.request(`${link}?score=5`)).status).toBe(200);
    await s.eventually(async () => (await ticket(n)).status === 'closed');
  });

  it('rejects forged or malformed links without touching a ticket', async () => {
    expect((await s.app.request('/csat/not-a-token?score=5')).status).toBe(404);
    expect((await s.app.request(`/csat/999999.${'a'.repeat(32)}?score=5`)).status).toBe(404);
    const { n, link } = await resolvedTicket('csat-3', 'fay@example.com');
    const forged = link.replace(/\.[0-9a-f]+$/, `.${'b'.repeat(32)}`);
    expect((await s.app.request(`${forged}?score=1`)).status).toBe(200); // indistinguishable page…
    await new Promise((r) => setTimeout(r, 1000));
    expect((await ticket(n)).status).toBe('resolved'); // …but the workflow ignored it
  });
});
