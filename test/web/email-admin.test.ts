// The email admin screens in a real browser (Chromium) on the real stack in embedded mode: edit a
// template (refused, then saved), see the mail in the dev mailbox, answer it as the customer and find
// the answer, with its attachment link, on the ticket page.
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devMailbox } from '../../db/schema';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN, type Session, type Stack } from '../support/stack';

let env: BrowserStack;
let s: Stack;
let base: string;
let browser: Browser;
let admin: Session;

beforeAll(async () => {
  env = await startBrowserStack({ devMailbox: true });
  ({ s, base, browser, admin } = env);
});
afterAll(async () => env?.close());

describe('email admin screens', () => {
  it('edits a template, then answers the mail it produced as the customer from the dev mailbox', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(base);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Templates' }).click();

    const form = page.getByRole('form', { name: 'Template reply' });
    await form.getByLabel('Plain text').fill('Hi {{firstName}},\n\n{{body}}');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('unknown placeholder {{firstName}}');
    await form.getByLabel('Plain text').fill('Hi {{customerName}},\n\n{{body}}\n\nYours, {{agentName}}');
    await form.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('region', { name: 'Preview' }).getByText('Hi Ann Lee,').waitFor();
    await page.frameLocator('iframe[title="HTML preview"]').getByText('Hi Ann Lee,').waitFor(); // the HTML part, sandboxed
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').getByText('Saved').waitFor();
    await env.shot(page, 'templates', true); // also fails on any WCAG A/AA violation

    const fb = { channel: 'kiosk', type: 'star', score: 1, comment: 'Broken chair', contact: { name: 'Ivy', email: 'ivy@example.com' }, branch: 'main', externalId: 'ui-mail-1' };
    const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Which table was it?', visibility: 'public' }, admin)).status).toBe(200);

    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    const subject = page.getByRole('button', { name: new RegExp(`\\[#${n}\\]`) });
    await subject.waitFor({ timeout: 15_000 }); // the list polls
    await subject.click();
    const message = page.getByRole('article', { name: 'Message' });
    await message.getByText('Hi Ivy,').waitFor(); // the edited template, as sent
    await message.getByLabel("The customer's answer").fill('Table 12, by the window.');
    await message.getByRole('button', { name: 'Send answer' }).click();
    await message.getByRole('status').getByText(`Added to ticket #${n} (matched by token)`).waitFor();
    await env.shot(page, 'dev-mailbox', true);
    const answered = await s.database.db.select().from(devMailbox).where(eq(devMailbox.direction, 'answered'));
    expect(answered).toHaveLength(1);

    await message.getByRole('button', { name: `Open ticket #${n}` }).click();
    await page.getByRole('heading', { name: new RegExp(`#${n}`) }).waitFor();
    await page.locator('.timeline li[data-type="email_in"] blockquote', { hasText: 'Table 12, by the window.' }).waitFor({ timeout: 15_000 });
    await env.shot(page, 'ticket-customer-answer', true);
    await page.close();
  });
});
