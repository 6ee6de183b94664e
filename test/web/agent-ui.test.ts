// The agent's day in a real browser (Debian's Chromium via playwright-core) on the real stack: sign-in,
// the board (filters in the URL, list and kanban, live SLA bars), the ticket page (feedback, AI panel,
// composer with the AI draft, lifecycle, refused move, resolve dialog, similar tickets), phone width.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../domain/ticket';
import { customerMessageSignal } from '../../workflows/ticket-messages';
import { ADMIN } from '../support/stack';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { forgetWorkflow, openFollowUp } from '../support/ticket-fixtures';

let b: BrowserStack;
let ann: { email: string; password: string; id: string; name: string };

type Detail = { status: string; priority: string; assigneeId: string | null; sla: { resolution: { targetMs: number } }; ai: { suggestedReply: string; analysedAt: string; source: string } | null };
const detail = async (n: number) => (await (await b.s.call('GET', `/api/v1/tickets/${n}`, undefined, b.admin)).json()) as Detail;

async function feedbackTicket(body: Record<string, unknown>) {
  const n = await b.s.ticketNumberOf(await b.s.postFeedback(body, '?wait=true'), body);
  expect(n).toBeGreaterThan(0);
  await b.s.eventually(async () => (await b.s.call('GET', `/api/v1/tickets/${n}`, undefined, b.admin)).status === 200); // projected
  return n;
}

beforeAll(async () => {
  b = await startBrowserStack();
  ann = await b.createUser({ email: 'ann.agent@test.local', name: 'Ann Agent', role: 'agent', branches: ['main'] });
});
afterAll(async () => b?.close());

const status = (page: Page) => page.locator('.meta .status');

describe('agent UI', () => {
  it('refuses a wrong password', async () => {
    const page = await b.browser.newPage();
    await page.goto(b.base);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password/i);
    await b.shot(page, 'sign-in', false);
    await page.close();
  });

  it('shows a new ticket on the board by itself; filters and sort live in the URL; list and kanban', async () => {
    const page = await b.signIn(ann.email, ann.password, { path: '/tickets' });
    await page.getByRole('heading', { name: 'Tickets' }).waitFor();
    // An agent's board opens on "My open tickets"; clearing the filters shows every ticket of her branches.
    await expect.poll(() => new URL(page.url()).searchParams.get('assignee')).toBe(ann.id);
    expect(await page.getByRole('list', { name: 'Views' }).getByRole('link', { name: /My open tickets/ }).getAttribute('aria-current')).toBe('true');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    const n = await feedbackTicket({ channel: 'kiosk', type: 'star', score: 1, comment: 'Cold coffee and a long queue', contact: { name: 'Ann Lee', email: 'ann@example.com' }, branch: 'main', externalId: 'ui-1' });
    const row = page.locator(`[data-ticket="${n}"]`);
    await row.waitFor({ timeout: 15_000 }); // appears by polling, without a reload
    await expect.poll(() => row.locator('.row-ai [class*="s-"]').count()).toBe(1); // AI sentiment on the row
    await expect.poll(() => row.textContent()).toMatch(/churn \d+%/);
    await b.shot(page, 'board-list');

    await page.getByLabel('Status').selectOption({ label: 'open (not resolved)' });
    await page.getByLabel('Priority').selectOption('high');
    await page.getByLabel('Sort by').selectOption({ label: 'SLA due' });
    await page.getByLabel('Search').fill('coffee');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('coffee');
    const params = new URL(page.url()).searchParams;
    expect(params.get('status')).toContain('in_progress');
    expect(params.get('priority')).toBe('high');
    expect(params.get('sort')).toBe('sla_due');
    await page.reload();
    await row.waitFor();
    expect(await page.getByLabel('Priority').inputValue()).toBe('high');
    expect(await page.getByLabel('Search').inputValue()).toBe('coffee');
    // A filter that excludes it empties the board; clearing brings it back.
    await page.getByLabel('Priority').selectOption('low');
    await page.getByText('No tickets match.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row.waitFor();
    expect(new URL(page.url()).search).toBe('');

    await page.getByRole('button', { name: 'Kanban' }).click();
    await page.getByRole('region', { name: /^new/ }).locator(`[data-ticket="${n}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('kanban');
    await b.shot(page, 'board-kanban');
    await page.close();
  });

  it('works a ticket: feedback, AI panel, take, note, reply from the AI draft, moves, a refused move, resolve', async () => {
    // CSAT answers act at once for this ticket (no change-of-mind window), so the happy answer closes it now.
    const settings = (await (await b.s.call('GET', '/api/v1/settings/tickets', undefined, b.admin)).json()) as Record<string, unknown>;
    expect((await b.s.call('PUT', '/api/v1/settings/tickets', { ...settings, csatChangeMinutes: 0 }, b.admin)).status).toBe(200);
    const n = await feedbackTicket({ channel: 'qr', type: 'nps', score: 2, comment: 'Rude staff at the bar and cold coffee', contact: { name: 'Bo Chen', email: 'bo@example.com', phone: '+44 20 7946 0000' }, branch: 'main', externalId: 'ui-2' });
    const page = await b.signIn(ann.email, ann.password, { path: `/tickets/${n}` });
    await page.getByRole('heading', { level: 1, name: new RegExp(`#${n}`) }).waitFor();

    const feedback = page.getByRole('region', { name: 'Feedback' });
    await expect.poll(() => feedback.textContent()).toContain('Rude staff at the bar');
    expect(await feedback.textContent()).toMatch(/qr.*NPS 2 of 10.*Bo Chen · bo@example.com · \+44/s);
    const ai = page.getByRole('region', { name: 'AI analysis' });
    await ai.getByText('Local analyser').waitFor({ timeout: 15_000 });
    const analysed = await b.s.eventually(async () => (await detail(n)).ai);
    expect(await ai.textContent()).toContain('Suggested action');
    // The composer starts as a public reply holding the AI's draft; nothing is sent by itself.
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe(analysed.suggestedReply);
    expect(await page.getByLabel('Public reply (emailed)').isChecked()).toBe(true);
    expect(await page.getByTestId('assignee').textContent()).toBe('Admin'); // the demo rule's pool
    // The Temporal UI shows every customer's data past branch limits: admins only (test/api/tickets.test.ts).
    expect(await page.getByRole('link', { name: 'Workflow in Temporal UI' }).count()).toBe(0);
    await b.shot(page, 'ticket');

    // Assigned to a colleague: only a manager reassigns it, so it is not hers to take …
    expect(await page.getByRole('button', { name: 'Take ticket' }).count()).toBe(0);
    // … until it is unassigned.
    expect((await b.s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: null }, b.admin)).status).toBe(200);
    await page.getByRole('button', { name: 'Take ticket' }).click();
    await expect.poll(() => page.getByTestId('assignee').textContent()).toBe('Ann Agent');
    expect((await detail(n)).assigneeId).toBe(ann.id);

    // Priority: the SLA is re-computed with the new multiplier (high ×0.5 → low ×2).
    const highPriority = await detail(n);
    await page.getByLabel('Priority').selectOption('low');
    await page.getByRole('button', { name: 'Change priority' }).click();
    await expect.poll(async () => (await detail(n)).priority).toBe('low');
    expect((await detail(n)).sla.resolution.targetMs).toBe(highPriority.sla.resolution.targetMs * 4);
    await page.locator('.timeline li[data-type="priority_changed"]').waitFor();

    await page.getByLabel('Internal note').check();
    expect(await page.getByLabel('Message').inputValue()).toBe(''); // the note has its own draft
    await page.getByLabel('Message').fill('Checked with the bar team');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline blockquote[data-visibility="internal"]', { hasText: 'bar team' }).waitFor();

    await page.getByLabel('Public reply (emailed)').check();
    expect(await page.getByLabel('Message').inputValue()).toBe(analysed.suggestedReply); // the draft is still there
    await page.getByLabel('Message').fill('So sorry, Bo. Your next coffee is on us.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await b.s.smtp.waitFor((m) => (m.parsed.text ?? '').includes('next coffee is on us'));
    await page.locator('.timeline blockquote[data-visibility="public"]', { hasText: 'next coffee' }).waitFor();
    await expect.poll(() => status(page).textContent()).toBe('in progress');
    // The customer answers by email: it shows in the timeline as a customer message.
    await b.s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n)).signal(customerMessageSignal, {
      messageId: '<answer-1@example.com>', from: 'bo@example.com', subject: `Re: [#${n}] sorry`, body: 'Thanks, that is kind of you.', verifiedSender: true, autoReply: false, receivedAt: Date.now(),
      quoted: 'On Mon, 23 Nov 2026 at 09:00, Support wrote:\nSo sorry, Bo.', attachments: [{ id: 'f'.repeat(32), filename: 'original-message.eml', contentType: 'message/rfc822', size: 4096, stored: true, original: true }],
    });
    await page.locator('.timeline li[data-type="email_in"] blockquote', { hasText: 'kind of you' }).waitFor();
    // The cut quote is one click away, the raw original a download.
    const mail = page.locator('.timeline li[data-type="email_in"]');
    expect(await mail.locator('.tl-quoted blockquote').isVisible()).toBe(false);
    await mail.getByText('Show quoted text').click();
    await mail.locator('.tl-quoted blockquote', { hasText: 'So sorry, Bo.' }).waitFor();
    expect(await mail.getByRole('link', { name: 'Original message (4 KB)' }).getAttribute('href')).toBe(`/api/v1/attachments/${'f'.repeat(32)}`);

    await page.getByRole('button', { name: 'Move to pending customer' }).click();
    await expect.poll(() => status(page).textContent()).toBe('pending customer');
    await page.getByRole('button', { name: 'Move to in progress' }).click();
    await expect.poll(() => status(page).textContent()).toBe('in progress');
    // Only the allowed moves are offered.
    expect(await page.getByRole('group', { name: 'Status' }).getByRole('button').allTextContents()).toEqual(['Move to pending customer', 'Move to escalated', 'Resolve…']);

    // Someone else moves the ticket meanwhile: the page's button is stale and the server refuses it. The
    // other move lands while the click's request is on its way — moved before the click, the live update
    // could replace the button first.
    await page.route(`**/api/v1/tickets/${n}/status`, async (route) => {
      await b.s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, b.admin);
      await route.continue();
    }, { times: 1 });
    await page.getByRole('button', { name: 'Move to pending customer' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/cannot move to pending_customer.*Allowed: /);
    await b.shot(page, 'ticket-refused');

    await page.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Resolve the ticket' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Confirm resolve' }).click(); // nothing chosen: the form refuses
    expect(await dialog.isVisible()).toBe(true);
    expect((await detail(n)).status).toBe('pending_customer');
    await dialog.getByLabel('Root cause').selectOption({ label: 'Staff behaviour' });
    await dialog.getByLabel('Action taken').selectOption({ label: 'Apology and explanation' });
    await dialog.getByLabel('Resolution note (internal)').fill('Talked to the bar manager');
    await b.shot(page, 'ticket-resolve-dialog', false);
    await dialog.getByRole('button', { name: 'Confirm resolve' }).click();
    await expect.poll(() => status(page).textContent()).toBe('resolved');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.locator('.timeline li[data-type="resolved"]', { hasText: 'Staff behaviour / Apology and explanation' }).waitFor();
    await b.shot(page, 'ticket-resolved');
    // The customer's CSAT answer lands in the timeline; a happy one closes the ticket.
    const survey = await b.s.smtp.waitFor((mail) => mail.envelopeTo.includes('bo@example.com') && (mail.parsed.text ?? '').includes('/csat/'));
    const link = /http:\/\/closeloop\.test(\/csat\/[^\s?]+)\?score=/.exec(survey.parsed.text ?? '')![1];
    expect((await b.s.app.request(`${link}?score=4`)).status).toBe(200); // opens the page only
    expect((await b.s.app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=4' })).status).toBe(200);
    await page.locator('.timeline li[data-type="csat_answered"]', { hasText: 'CSAT answer 4/5' }).waitFor();
    await expect.poll(() => status(page).textContent()).toBe('closed');
    await page.getByText('This ticket is closed.').waitFor();
    expect(await page.getByRole('form', { name: 'Write' }).count()).toBe(0); // a finished workflow takes no commands

    // A later, similar complaint links back to this ticket with its root cause and action.
    const m = await feedbackTicket({ channel: 'web', type: 'star', score: 1, comment: 'Rude staff again, and the coffee was cold', branch: 'main', externalId: 'ui-3' });
    await page.goto(`${b.base}/tickets/${m}`);
    const similar = page.getByRole('region', { name: 'AI analysis' }).getByRole('link', { name: new RegExp(`#${n}`) });
    await similar.waitFor({ timeout: 15_000 });
    expect(await page.locator('.similar li').first().textContent()).toContain('root cause: Staff behaviour, action: Apology and explanation');
    const before = (await detail(m)).ai!.analysedAt;
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await b.s.eventually(async () => (await detail(m)).ai!.analysedAt !== before);
    await page.getByRole('button', { name: 'Regenerate' }).waitFor(); // the button is back from "Regenerating…"
    await similar.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`#${n}`) }).waitFor();
    expect((await b.s.call('PUT', '/api/v1/settings/tickets', settings, b.admin)).status).toBe(200);
    await page.close();
  });

  it('turns an SLA bar amber at 80 % and red on breach, live', async () => {
    // 0.004 h = 14.4 s, ×0.5 for the demo rule's high priority: warning after ~5.8 s, breach at 7.2 s.
    await b.s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 0.004, resolutionHours: 1 }, b.admin);
    const page = await b.signIn(ann.email, ann.password, { path: '/tickets?sort=newest' }); // every ticket, not her default view
    const n = await feedbackTicket({ channel: 'web', type: 'nps', score: 0, branch: 'main', externalId: 'ui-sla' });
    const bar = page.locator(`[data-ticket="${n}"] .sla`).first();
    await bar.waitFor({ timeout: 15_000 });
    expect(await bar.getAttribute('data-colour')).toBe('green');
    await expect.poll(() => bar.getAttribute('data-colour'), { timeout: 15_000 }).toBe('amber');
    await b.shot(page, 'sla-amber', false);
    await expect.poll(() => bar.getAttribute('data-colour'), { timeout: 15_000 }).toBe('red');
    await b.shot(page, 'sla-red', false);
    // An escalated ticket's bars are red whatever their clocks say.
    await b.s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 4, resolutionHours: 24 }, b.admin);
    const e = await feedbackTicket({ channel: 'web', type: 'nps', score: 1, branch: 'main', externalId: 'ui-esc' });
    expect((await b.s.call('POST', `/api/v1/tickets/${e}/status`, { to: 'escalated' }, b.admin)).status).toBe(200);
    const escalated = page.locator(`[data-ticket="${e}"][data-status="escalated"] .sla`).first();
    await escalated.waitFor({ timeout: 15_000 });
    expect(await escalated.getAttribute('data-colour')).toBe('red');
    await page.close();
  });

  it('keeps an agent of another branch away from the tickets, on a phone-width screen', async () => {
    await b.s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, b.admin);
    const nina = await b.createUser({ email: 'nina@test.local', name: 'Nina North', role: 'agent', branches: ['north'] });
    const phone = { width: 390, height: 844 };
    const page = await b.signIn(nina.email, nina.password, { viewport: phone, path: '/tickets' });
    await page.getByText('No tickets match.').waitFor();
    await b.shot(page, 'board-phone-other-branch');
    const [mine] = ((await (await b.s.call('GET', '/api/v1/tickets?limit=1', undefined, b.admin)).json()) as { items: Array<{ number: number }> }).items;
    await page.goto(`${b.base}/tickets/${mine.number}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/branch you do not work/);
    await page.close();

    const annPhone = await b.signIn(ann.email, ann.password, { viewport: phone, path: `/tickets/${mine.number}` });
    await annPhone.getByRole('region', { name: 'AI analysis' }).waitFor();
    // Nothing is wider than the screen.
    expect(await annPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await b.shot(annPhone, 'ticket-phone');
    await annPhone.goto(`${b.base}/tickets?sort=newest`);
    await annPhone.locator('[data-ticket]').first().waitFor();
    expect(await annPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await b.shot(annPhone, 'board-phone');
    await annPhone.close();
  });

  it('links a follow-up to the ticket it follows, while its workflow runs and once it is gone', async () => {
    const n = await feedbackTicket({ channel: 'web', type: 'star', score: 1, comment: 'The lift was broken', contact: { email: 'cy@example.com' }, branch: 'main', externalId: 'ui-follow' });
    const f = await openFollowUp(b.s, n, 'cy@example.com', 'The lift is still broken.');
    await b.s.eventually(async () => (await b.s.call('GET', `/api/v1/tickets/${f}`, undefined, b.admin)).status === 200);
    const page = await b.signIn(ann.email, ann.password, { path: `/tickets/${f}` });
    const link = page.getByRole('link', { name: `follow-up of #${n}` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/tickets/${n}`);

    // Past retention only the read model answers: the same link, and none on a ticket that follows nothing.
    await forgetWorkflow(b.s, f);
    await forgetWorkflow(b.s, n);
    await page.reload();
    await page.getByText('The workflow of this ticket has ended; this is the stored record.').waitFor();
    expect(await link.getAttribute('href')).toBe(`/tickets/${n}`);
    await b.shot(page, 'ticket-follow-up-stored');
    await link.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`#${n}`) }).waitFor();
    await page.getByText('The workflow of this ticket has ended; this is the stored record.').waitFor();
    const feedback = await page.getByRole('region', { name: 'Feedback' }).textContent();
    expect(feedback).toContain('The lift was broken');
    expect(feedback).not.toContain('Invalid Date');
    expect(await page.getByRole('link', { name: /follow-up of/ }).count()).toBe(0);
    await page.close();
  });
});
