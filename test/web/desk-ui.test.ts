// The agent's desk in a real browser on the real stack: bulk selection, the macros screen and the
// composer's macro picker, the customer history beside a ticket, the dashboards by role, and the fixes
// people can see (effective escalation delays and the Slack fallback in the rule editor and on the
// timeline, "escalated" versus "breached" in words, the analyser's guesses labelled and corrected).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../api/routes/users';
import type { Ticket } from '../../api/ticket-schemas';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN } from '../support/stack';

let b: BrowserStack;
let ava: User & { password: string }; // agent, main
let mark: User & { password: string }; // manager, main
let rootCause: string;
let action: string;

const detail = async (n: number) => (await (await b.s.call('GET', `/api/v1/tickets/${n}`, undefined, b.admin)).json()) as Ticket;
/** A ticket the "desk" rule opens unassigned (passive stars whose comment says "desk"). */
async function open(externalId: string, over: Record<string, unknown> = {}) {
  const fb = { channel: 'web', type: 'star', score: 3, comment: 'desk: the coffee was cold', branch: 'main', externalId, ...over };
  const n = await b.s.ticketNumberOf(await b.s.postFeedback(fb, '?wait=true'), fb);
  await b.s.eventually(async () => (await detail(n)).ai !== null); // projected and analysed
  return n;
}

beforeAll(async () => {
  b = await startBrowserStack();
  await b.s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, b.admin);
  await b.s.call('POST', '/api/v1/rules', { name: 'Desk', trigger: { buckets: [], keywords: ['desk'] }, outcome: { priority: 'medium', pool: [] } }, b.admin);
  ava = await b.createUser({ email: 'ava@desk.test', name: 'Ava Agent', role: 'agent', branches: ['main'] });
  mark = await b.createUser({ email: 'mark@desk.test', name: 'Mark Manager', role: 'manager', branches: ['main'] });
  const tax = (await (await b.s.call('GET', '/api/v1/taxonomies', undefined, b.admin)).json()) as { items: Array<{ id: string; kind: string }> };
  rootCause = tax.items.find((e) => e.kind === 'root_cause')!.id;
  action = tax.items.find((e) => e.kind === 'action')!.id;
});
afterAll(async () => b?.close());

describe('bulk actions on the board', () => {
  it('ticks tickets with the keyboard or "select all", applies a status, and lists each refusal', async () => {
    const [x, y, z] = [await open('bulk-x', { comment: 'desk bulk one' }), await open('bulk-y', { comment: 'desk bulk two' }), await open('bulk-z', { comment: 'desk bulk three' })];
    expect((await b.s.call('POST', `/api/v1/tickets/${z}/resolve`, { rootCauseId: rootCause, actionId: action }, b.admin)).status).toBe(200);
    const page = await b.signIn(mark.email, mark.password, { path: '/tickets?q=bulk&sort=age' });
    const bar = page.getByRole('form', { name: 'Bulk actions' });
    await page.getByLabel(`Select ticket #${z}`).waitFor();
    await page.getByLabel(`Select ticket #${x}`).focus();
    await page.keyboard.press('Space');
    await bar.getByText('1 selected').waitFor();
    await bar.getByLabel(/Select all 3 on this page/).check();
    await bar.getByText('3 selected').waitFor();
    await bar.getByLabel('Change').selectOption('status');
    await bar.getByLabel('To').selectOption({ label: 'pending customer' });
    await bar.getByRole('button', { name: 'Apply to 3 tickets' }).click();
    const result = page.getByTestId('bulk-result');
    await expect.poll(() => result.textContent()).toMatch(/Changed 2 of 3\. 1 refused \(still selected\)/);
    expect(await result.locator(`[data-refused="${z}"]`).textContent()).toMatch(new RegExp(`#${z}: A resolved ticket cannot move to pending_customer \\(allowed: reopened\\)`));
    expect(await result.getAttribute('role')).toBe('alert');
    await bar.getByText('1 selected').waitFor(); // the refused one stays ticked
    expect(await page.getByLabel(`Select ticket #${z}`).isChecked()).toBe(true);
    await b.shot(page, 'board-bulk');
    expect([(await detail(x)).status, (await detail(y)).status, (await detail(z)).status]).toEqual(['pending_customer', 'pending_customer', 'resolved']);
    await page.close();
  });
});

describe('macros', () => {
  it('are kept on their own screen and used from the composer, their actions run and refusals told', async () => {
    const admin = await b.signIn(ADMIN.email, ADMIN.password, { path: '/macros' });
    await admin.getByRole('button', { name: 'New macro' }).click();
    const form = admin.getByRole('form', { name: 'New macro' });
    await form.getByLabel('Name').fill('Refund on its way');
    await form.getByLabel('Text').fill('Hello {{customerFirstName}}, the refund for #{{ticketNumber}} is on its way. — {{agentFirstName}}');
    await form.getByLabel('Status').selectOption({ label: 'pending customer' });
    await form.getByLabel('Shared with everyone').check();
    await form.getByRole('button', { name: 'Save macro' }).click();
    await admin.getByText('Saved “Refund on its way”.').waitFor();
    await b.shot(admin, 'macros-admin');
    await admin.close();

    const n = await open('macro-ui', { contact: { name: 'Lou Reed', email: 'lou@example.com' } });
    const page = await b.signIn(ava.email, ava.password, { path: '/macros' });
    // Her own macro that would give the ticket to a colleague: an agent may not.
    await page.getByRole('button', { name: 'New macro' }).click();
    const own = page.getByRole('form', { name: 'New macro' });
    await own.getByLabel('Name').fill('Pass to Mark');
    await own.getByLabel('Text').fill('Mark will call you today.');
    await own.getByLabel('Assignee').selectOption({ label: 'Mark Manager' });
    expect(await own.getByLabel('Shared with everyone').count()).toBe(0);
    await own.getByRole('button', { name: 'Save macro' }).click();
    await page.locator('tr[data-macro="Pass to Mark"]').waitFor();
    await b.shot(page, 'macros-agent');

    await page.goto(`${b.base}/tickets/${n}`);
    await page.getByRole('button', { name: 'Macros…' }).click();
    await page.getByLabel('Search macros').fill('refund');
    const list = page.getByRole('list', { name: 'Matching macros' });
    await expect.poll(() => list.locator('li').count()).toBe(1);
    await page.getByRole('button', { name: 'Use macro Refund on its way' }).click();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toBe(`Hello Lou, the refund for #${n} is on its way. — Ava`);
    await page.getByRole('status').filter({ hasText: 'Inserted' }).getByText('Status: done.').waitFor();
    await expect.poll(() => page.locator('.meta .status').textContent()).toBe('pending customer');
    await b.shot(page, 'composer-macro');

    await page.getByLabel('Search macros').fill('mark');
    await page.getByRole('button', { name: 'Use macro Pass to Mark' }).click();
    await page.locator('[data-action="assignee"][data-ok="false"]', { hasText: /not changed — Agents may only take a ticket themselves/ }).waitFor();
    await expect.poll(() => page.getByLabel('Message').inputValue()).toContain('Mark will call you today.');
    expect((await detail(n)).assigneeId).toBe(null);
    await page.close();
  });
});

describe('customer history beside the ticket', () => {
  it('lists the contact\'s tickets and scores on every channel, and says what lies in other branches', async () => {
    const contact = { name: 'Kim Ode', email: 'kim@example.com' };
    const older = await open('ctx-ui-1', { contact, channel: 'kiosk', comment: 'desk: cold tea' });
    await open('ctx-ui-2', { contact, branch: 'north', comment: 'desk: north was cold too' });
    await b.s.postFeedback({ channel: 'qr', type: 'nps', score: 9, contact: { email: 'kim@example.com' }, branch: 'main', externalId: 'ctx-ui-3' }, '?wait=true');
    expect((await b.s.call('POST', `/api/v1/tickets/${older}/resolve`, { rootCauseId: rootCause, actionId: action }, b.admin)).status).toBe(200);
    const n = await open('ctx-ui-4', { contact, comment: 'desk: cold again, I am thinking of leaving' });
    const page = await b.signIn(ava.email, ava.password, { path: `/tickets/${n}` });
    const history = page.getByRole('region', { name: 'Customer history' });
    await history.getByRole('list', { name: 'Other tickets' }).getByRole('link', { name: `#${older}` }).waitFor();
    await expect.poll(() => history.getByRole('list', { name: 'Score history' }).locator('li').count()).toBe(3);
    const scores = await history.getByRole('list', { name: 'Score history' }).locator('li').allTextContents(); // newest first
    expect(scores[0]).toMatch(/web · 3 of 5 stars passive \(this ticket\)/);
    expect(scores[1]).toMatch(/qr · NPS 9 promoter/);
    expect(scores[2]).toMatch(new RegExp(`kiosk · 3 of 5 stars passive → #${older}`));
    expect(await history.getByTestId('customer-hidden').textContent()).toBe('Not shown: 1 ticket(s) and 1 answer(s) of this customer in branches you do not work.');
    await history.getByRole('img', { name: /Churn risk per ticket/ }).waitFor();
    await b.shot(page, 'customer-context');
    await history.getByRole('list', { name: 'Other tickets' }).getByRole('link', { name: `#${older}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`#${older}`) }).waitFor();
    await page.close();
  });
});

describe('dashboards by role', () => {
  const panel = (page: Page, title: string | RegExp) => page.getByRole('region', { name: title });

  it('shows an agent their queue, SLA risk and CSAT, with empty states that say what will appear', async () => {
    const zed = await b.createUser({ email: 'zed@desk.test', name: 'Zed New', role: 'agent', branches: ['main'] });
    const empty = await b.signIn(zed.email, zed.password);
    await panel(empty, 'My queue: open tickets by status').getByText('Tickets assigned to you that are not resolved will appear here, by status.').waitFor();
    await panel(empty, 'My SLA risk').getByText(/will be listed here, most urgent first/).waitFor();
    await panel(empty, /My CSAT %/).getByText(/your weekly CSAT % will be drawn here/).waitFor();
    expect(await empty.getByRole('region', { name: 'Branch comparison (last 30 days)' }).count()).toBe(0);
    await b.shot(empty, 'dashboard-agent-empty');
    await empty.close();

    const n = await open('dash-ui-1');
    await b.s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: ava.id }, b.admin);
    await b.s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'in_progress' }, b.admin);
    const page = await b.signIn(ava.email, ava.password);
    const queue = panel(page, 'My queue: open tickets by status');
    await queue.getByRole('img', { name: /In progress/ }).waitFor();
    await b.shot(page, 'dashboard-agent');
    await page.close();
  });

  it('shows a manager the branch comparison, breaches, recovery trend and root causes; an admin everything', async () => {
    const page = await b.signIn(mark.email, mark.password);
    const compare = panel(page, 'Branch comparison (last 30 days)');
    await compare.getByRole('table').waitFor();
    expect(await compare.getByRole('rowheader').allTextContents()).toEqual(['Main branch']);
    await panel(page, 'Top root causes (last 90 days)').getByRole('img').waitFor(); // tickets were resolved above
    await panel(page, /SLA breaches by week created/).waitFor();
    await panel(page, /Recovery rate by week resolved/).getByText(/the share won back will be drawn here/).waitFor();
    expect(await page.getByRole('region', { name: 'My SLA risk' }).count()).toBe(0);
    await b.shot(page, 'dashboard-manager');
    await page.close();

    const admin = await b.signIn(ADMIN.email, ADMIN.password);
    await expect.poll(() => admin.locator('.role-dashboard > section').count()).toBe(7);
    expect(await panel(admin, 'Branch comparison (last 30 days)').getByRole('rowheader').allTextContents()).toEqual(['Main branch', 'North']);
    await b.shot(admin, 'dashboard-admin');
    await admin.close();
  });
});

describe('fixes people see', () => {
  it('the rule editor shows each level\'s delay per priority and says a Slack level will be e-mailed', async () => {
    const page = await b.signIn(ADMIN.email, ADMIN.password, { path: '/admin/rules' });
    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByRole('form', { name: 'New rule' });
    await editor.getByRole('button', { name: 'Add escalation level' }).click();
    const hours = editor.getByLabel('Level 1 after (hours)');
    await hours.fill('0.01');
    expect(await hours.getAttribute('aria-describedby')).toBeTruthy();
    await editor.getByText('Fires after 18 s at high, 36 s at medium, 1 min 12 s at low priority (×0.5 / ×1 / ×2)', { exact: false }).waitFor();
    expect(await editor.getByTestId('slack-fallback').count()).toBe(0);
    await editor.getByLabel('Level 1 person 1 channel').selectOption('slack');
    await editor.getByTestId('slack-fallback').getByText(/Slack is not configured \(no SLACK_TOKEN\): this person will be e-mailed instead/).waitFor();
    await b.shot(page, 'rule-editor-escalation');
    await page.close();
  });

  it('the timeline says a Slack notice went by e-mail instead', async () => {
    const chain = [{ level: 1, afterHours: 0.0005, users: [{ userId: mark.id, channel: 'slack' }] }];
    await b.s.call('POST', '/api/v1/rules', { name: 'Slack level', trigger: { buckets: [], keywords: ['slackcheck'] }, outcome: { priority: 'high', pool: [], escalationChain: chain } }, b.admin);
    const n = await open('slack-ui', { comment: 'slackcheck the lift', score: 4 });
    const page = await b.signIn(mark.email, mark.password, { path: `/tickets/${n}` });
    // Two notices reach level 1: "nobody available to take it" at once, the escalation after 0.9 s.
    const notice = page.locator('.timeline li[data-type="notification_sent"]').first();
    await notice.getByText('Notified Mark Manager by email instead of Slack (L1)').waitFor({ timeout: 20_000 });
    await notice.getByText(/no Slack token \(SLACK_TOKEN\) is configured: sent by e-mail instead/).waitFor();
    await b.shot(page, 'timeline-slack-fallback');
    await page.close();
  });

  it('an escalated ticket\'s red bar says "escalated" when on time and "breached" when late', async () => {
    const onTime = await open('esc-on-time');
    expect((await b.s.call('POST', `/api/v1/tickets/${onTime}/status`, { to: 'escalated' }, b.admin)).status).toBe(200);
    const page = await b.signIn(ava.email, ava.password, { path: `/tickets/${onTime}` });
    const bar = page.getByRole('meter', { name: 'First response SLA' });
    await expect.poll(() => bar.getAttribute('aria-valuetext')).toMatch(/^escalated, on time, \d+h \d+m left$/);
    expect(await bar.getAttribute('data-colour')).toBe('red');
    expect(await bar.locator('.sla-text').textContent()).toMatch(/^escalated, on time · /);
    await b.shot(page, 'sla-escalated-on-time', false);

    await b.s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 0.001, resolutionHours: 24 }, b.admin);
    const late = await open('esc-late');
    await b.s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 4, resolutionHours: 24 }, b.admin);
    await b.s.eventually(async () => (await detail(late)).breached, 20_000);
    await page.goto(`${b.base}/tickets/${late}`);
    const lateBar = page.getByRole('meter', { name: 'First response SLA' });
    await expect.poll(() => lateBar.getAttribute('aria-valuetext')).toMatch(/^breached, /);
    expect((await b.s.call('POST', `/api/v1/tickets/${late}/status`, { to: 'escalated' }, b.admin)).status).toBe(200);
    await expect.poll(() => lateBar.getAttribute('aria-valuetext'), { timeout: 10_000 }).toMatch(/^escalated and breached, /);
    await page.close();
  });

  it('the analysis says who guessed and how surely, and an agent\'s correction outlives the next analysis', async () => {
    const n = await open('ai-ui', { comment: 'desk: Could you please refund my order? It arrived damaged. Thank you.' });
    const page = await b.signIn(ava.email, ava.password, { path: `/tickets/${n}` });
    const ai = page.getByRole('region', { name: 'AI analysis' });
    await expect.poll(() => ai.getByTestId('ai-source').textContent()).toMatch(/^Local analyser \(keyword rules, a guess\) · confidence: sentiment (low|medium|high), themes (low|medium|high)$/);
    const guessed = (await detail(n)).ai!.sentiment;
    await ai.getByTestId('ai-sentiment').getByText('guessed').waitFor();
    await ai.getByText('Correct the analysis').click();
    const form = ai.getByRole('form', { name: 'Correct the analysis' });
    await form.getByLabel('Sentiment').selectOption('neutral');
    await form.getByLabel('Billing and refunds').check();
    await form.getByRole('button', { name: 'Save correction' }).click();
    await form.getByText('Saved. Later analyses keep your correction.').waitFor();
    await ai.getByTestId('ai-sentiment').getByText(`corrected (the analyser said ${guessed})`).waitFor();
    await b.shot(page, 'ai-corrected');
    const before = (await detail(n)).ai!.analysedAt;
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await b.s.eventually(async () => (await detail(n)).ai!.analysedAt !== before);
    await page.reload();
    await ai.getByTestId('ai-sentiment').getByText('neutral').waitFor();
    await ai.getByTestId('ai-themes').getByText('Billing and refunds').waitFor();
    await page.close();
  });
});
