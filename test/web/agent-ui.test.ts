// The agent UI in a real browser (Debian's Chromium via playwright-core) on the real stack.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/security';
import { users } from '../../db/schema';
import { SHOTS, startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN, type Session, type Stack } from '../support/stack';

let env: BrowserStack;
let s: Stack;
let base: string;
let browser: Browser;
let admin: Session;

beforeAll(async () => {
  env = await startBrowserStack();
  ({ s, base, browser, admin } = env);
});
afterAll(async () => env?.close());

async function signIn(email: string, password: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(base);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

describe('agent UI', () => {
  it('refuses a wrong password', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password/i);
    await page.screenshot({ path: `${SHOTS}/sign-in.png` });
    await page.close();
  });

  it('shows a new ticket, then replies, notes, moves, is refused an illegal move and resolves', async () => {
    const page = await signIn(ADMIN.email, ADMIN.password);
    const res = await s.postFeedback({ channel: 'kiosk', type: 'star', score: 1, comment: 'Cold coffee and a long queue', contact: { name: 'Ann Lee', email: 'ann@example.com' }, branch: 'main', externalId: 'ui-1' }, '?wait=true');
    const n = ((await res.json()) as { ticketNumber: number }).ticketNumber;
    const row = page.locator(`[data-ticket="${n}"]`);
    await row.waitFor({ timeout: 15_000 }); // appears by polling, without a reload
    await page.screenshot({ path: `${SHOTS}/board.png`, fullPage: true });
    await row.click();
    await page.getByRole('heading', { name: new RegExp(`#${n}`) }).waitFor();

    await page.getByLabel('Message').fill('Checked with the barista team');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.timeline blockquote[data-visibility="internal"]', { hasText: 'barista' }).waitFor();

    await page.getByLabel('Public reply (emailed)').check();
    await page.getByLabel('Message').fill('So sorry, Ann. Your next coffee is on us.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await s.smtp.waitFor((m) => (m.parsed.text ?? '').includes('next coffee is on us'));
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('in progress');

    await page.getByRole('button', { name: 'Move to pending customer' }).click();
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('pending customer');
    await page.getByRole('button', { name: 'Move to in progress' }).click();
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('in progress');

    // Someone else moves the ticket meanwhile: the page's button is stale and the server refuses it.
    await page.getByRole('button', { name: 'Move to pending customer' }).waitFor();
    await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, admin);
    await page.getByRole('button', { name: 'Move to pending customer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/cannot move to pending_customer/);
    await page.screenshot({ path: `${SHOTS}/ticket-refused.png`, fullPage: true });

    await page.getByRole('button', { name: 'Resolve…' }).click();
    await page.getByLabel('Root cause').selectOption({ label: 'Long waiting time' });
    await page.getByLabel('Action taken').selectOption({ label: 'Apology and explanation' });
    await page.getByRole('button', { name: 'Confirm resolve' }).click();
    await expect.poll(() => page.locator('.status').first().textContent()).toBe('resolved');
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/ticket-resolved.png`, fullPage: true });
    await page.close();
  });

  it('turns an SLA bar amber at 80 % and red on breach, live', async () => {
    // 0.004 h = 14.4 s, ×0.5 for the demo rule's high priority: warning after ~5.8 s, breach at 7.2 s.
    await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 0.004, resolutionHours: 1 }, admin);
    const page = await signIn(ADMIN.email, ADMIN.password);
    const res = await s.postFeedback({ channel: 'web', type: 'nps', score: 0, branch: 'main', externalId: 'ui-sla' }, '?wait=true');
    const n = ((await res.json()) as { ticketNumber: number }).ticketNumber;
    const bar = page.locator(`[data-ticket="${n}"] .sla`).first();
    await bar.waitFor({ timeout: 15_000 });
    expect(await bar.getAttribute('data-colour')).toBe('green');
    await expect.poll(() => bar.getAttribute('data-colour'), { timeout: 15_000 }).toBe('amber');
    await page.screenshot({ path: `${SHOTS}/sla-amber.png` });
    await expect.poll(() => bar.getAttribute('data-colour'), { timeout: 15_000 }).toBe('red');
    await page.screenshot({ path: `${SHOTS}/sla-red.png` });
    await s.call('PUT', '/api/v1/settings/sla', { firstResponseHours: 4, resolutionHours: 24 }, admin);
    await page.close();
  });

  it('keeps an agent of another branch away from the ticket, on a phone-width screen', async () => {
    await s.database.db.insert(users).values({ id: 'north-agent', email: 'nina@test.local', name: 'Nina', passwordHash: await hashPassword('nina-pass-1'), role: 'agent', branches: ['north'] });
    const page = await signIn('nina@test.local', 'nina-pass-1', { width: 390, height: 844 });
    await page.getByText('No tickets match.').waitFor();
    await page.screenshot({ path: `${SHOTS}/agent-other-branch-phone.png`, fullPage: true });
    await page.close();
  });
});
