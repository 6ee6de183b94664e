// Roles and the admin screens in a real browser (Debian's Chromium via playwright-core) on the real
// stack: what agent, manager and admin may see and do; users and availability, branches and services,
// business hours, rules (editor, keyboard and drag-and-drop reorder, simulation), taxonomies, channel
// keys, settings and the password change. Every screen is photographed into data/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../api/routes/users';
import type { Rule } from '../../domain/rules';
import type { Branch } from '../../web/src/api';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN, INTAKE_KEY } from '../support/stack';

let b: BrowserStack;
let ari: User & { password: string };
let mo: User & { password: string };
let nils: User & { password: string };
let admin: Page;

const get = async <T,>(path: string) => (await (await b.s.call('GET', `/api/v1${path}`, undefined, b.admin)).json()) as T;
async function feedbackTicket(body: Record<string, unknown>) {
  const n = await b.s.ticketNumberOf(await b.s.postFeedback(body, '?wait=true'), body);
  await b.s.eventually(async () => (await b.s.call('GET', `/api/v1/tickets/${n}`, undefined, b.admin)).status === 200);
  return n;
}
const navLinks = async (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

let mainTicket: number;
let northTicket: number;

beforeAll(async () => {
  b = await startBrowserStack();
  await b.s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, b.admin);
  ari = await b.createUser({ email: 'ari@test.local', name: 'Ari Agent', role: 'agent', branches: ['main'] });
  mo = await b.createUser({ email: 'mo@test.local', name: 'Mo Manager', role: 'manager', branches: ['main'] });
  nils = await b.createUser({ email: 'nils@test.local', name: 'Nils North', role: 'agent', branches: ['north'] });
  mainTicket = await feedbackTicket({ channel: 'kiosk', type: 'star', score: 1, comment: 'Charged twice, want a refund', contact: { email: 'cy@example.com' }, branch: 'main', externalId: 'a-1' });
  northTicket = await feedbackTicket({ channel: 'kiosk', type: 'star', score: 2, comment: 'Dirty tables', branch: 'north', externalId: 'a-2' });
  admin = await b.signIn(ADMIN.email, ADMIN.password);
});
afterAll(async () => b?.close());

describe('roles in the browser', () => {
  it('an agent has no admin screens and may take an unassigned ticket but not give it away', async () => {
    const page = await b.signIn(ari.email, ari.password);
    expect(await navLinks(page)).toEqual(['Dashboard', 'Tickets', 'Reports', 'Macros']);
    await b.shot(page, 'dashboard');
    await page.goto(`${b.base}/admin/users`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    await b.shot(page, 'agent-admin-refused', false);
    await page.goto(`${b.base}/tickets/${mainTicket}`);
    // The demo rule gave it to the admin: a colleague's ticket is a manager's to reassign …
    await page.getByTestId('assignee').getByText('Admin').waitFor();
    expect(await page.getByRole('button', { name: 'Take ticket' }).count()).toBe(0);
    expect((await b.s.call('POST', `/api/v1/tickets/${mainTicket}/assign`, { userId: null }, b.admin)).status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Take ticket' }).waitFor(); // … an unassigned one hers to take
    expect(await page.getByLabel('Assign to').count()).toBe(0);
    await page.goto(`${b.base}/tickets?sort=newest`);
    await page.locator(`[data-ticket="${mainTicket}"]`).waitFor();
    expect(await page.locator(`[data-ticket="${northTicket}"]`).count()).toBe(0);
    await page.close();
  });

  it('a manager sees the branch\'s tickets and reassigns to people of that branch only', async () => {
    const page = await b.signIn(mo.email, mo.password, { path: '/tickets' });
    expect(await navLinks(page)).toEqual(['Dashboard', 'Tickets', 'Reports', 'Macros']);
    await page.locator(`[data-ticket="${mainTicket}"]`).waitFor();
    expect(await page.locator(`[data-ticket="${northTicket}"]`).count()).toBe(0);
    await page.locator(`[data-ticket="${mainTicket}"]`).click();
    const assignTo = page.getByLabel('Assign to');
    await expect.poll(() => assignTo.locator('option').allTextContents()).toEqual(expect.arrayContaining(['unassigned', 'Admin', 'Ari Agent', 'Mo Manager']));
    expect(await assignTo.locator('option').allTextContents()).not.toContain('Nils North');
    await assignTo.selectOption({ label: 'Ari Agent' });
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect.poll(() => page.getByTestId('assignee').textContent()).toBe('Ari Agent');
    await b.shot(page, 'ticket-manager');
    await page.goto(`${b.base}/tickets/${northTicket}`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/branch you do not work/);
    await page.close();
  });

  it('an admin has every admin screen', async () => {
    await admin.goto(`${b.base}/tickets`);
    await expect.poll(() => navLinks(admin)).toEqual(['Dashboard', 'Tickets', 'Reports', 'Macros', 'Users', 'Branches & services', 'Business hours', 'Rules', 'Taxonomies', 'Collection points', 'Channel keys', 'Webhooks', 'Google', 'Settings', 'Templates', 'Branding', 'Dev mailbox']);
    await admin.locator(`[data-ticket="${northTicket}"]`).waitFor();
    await admin.locator(`[data-ticket="${mainTicket}"]`).waitFor();
  });
});

describe('admin screens', () => {
  it('users: create, availability, edit, deactivate', async () => {
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('button', { name: 'New user' }).click();
    const form = admin.getByRole('form', { name: 'New user' });
    await form.getByLabel('Name').fill('Uma');
    await form.getByLabel('Email').fill('uma@test.local');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByLabel('Main branch').check();
    await form.getByLabel('Capacity (open tickets)').fill('3');
    await form.getByLabel('Slack target').fill('U999');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Create user' }).click();
    expect(await form.getByLabel('Password').evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(false); // the browser refuses < 10 characters
    await form.getByLabel('Password').fill('uma-password-1');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = admin.locator('tr[data-user="uma@test.local"]');
    await row.waitFor();
    const uma = () => get<{ items: User[] }>('/users').then((r) => r.items.find((u) => u.email === 'uma@test.local')!);
    expect(await uma()).toMatchObject({ name: 'Uma', role: 'agent', branches: ['main'], capacity: 3, slackTarget: 'U999', available: true, active: true });

    await admin.getByLabel('Uma available').uncheck();
    await expect.poll(async () => (await uma()).available).toBe(false);
    await admin.getByRole('button', { name: 'Edit Uma' }).click();
    const edit = admin.getByRole('form', { name: 'Edit Uma' });
    await edit.getByLabel('Capacity (open tickets)').fill('5');
    await edit.getByLabel('North').check();
    await b.shot(admin, 'admin-user-edit');
    await edit.getByRole('button', { name: 'Save user' }).click();
    await expect.poll(async () => (await uma()).capacity).toBe(5);
    expect((await uma()).branches).toEqual(['main', 'north']);

    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByRole('button', { name: 'Deactivate Uma' }).click();
    await row.locator('.badge', { hasText: /^deactivated$/ }).waitFor();
    expect((await b.s.call('POST', '/api/v1/auth/login', { email: 'uma@test.local', password: 'uma-password-1' })).status).toBe(401);
    await b.shot(admin, 'admin-users');
  });

  it('branches and services; business hours', async () => {
    await admin.getByRole('link', { name: 'Branches & services' }).click();
    await admin.getByLabel('New branch id').fill('harbour');
    await admin.getByLabel('New branch name').fill('Harbour');
    await admin.getByRole('button', { name: 'Add branch' }).click();
    await admin.locator('li[data-id="harbour"]').waitFor();
    await admin.getByLabel('New service id').fill('spa');
    await admin.getByLabel('New service name').fill('Spa');
    await admin.getByRole('button', { name: 'Add service' }).click();
    await admin.getByRole('button', { name: 'Rename Spa' }).click();
    await admin.getByLabel('New name of service Spa').fill('Spa & wellness');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Spa & wellness').waitFor();
    expect((await get<{ items: Array<{ id: string; name: string }> }>('/services')).items).toContainEqual({ id: 'spa', name: 'Spa & wellness' });
    await b.shot(admin, 'admin-branches');

    await admin.getByRole('link', { name: 'Business hours' }).click();
    const harbour = admin.getByRole('region', { name: 'Harbour' });
    await harbour.getByRole('button', { name: 'Set business hours' }).click();
    await harbour.getByLabel('Time zone').fill('Europe/Berlin');
    await harbour.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await harbour.getByLabel('Saturday opens').fill('10:00');
    await harbour.getByLabel('Saturday closes').fill('14:00');
    await harbour.getByLabel('Add a holiday').fill('2026-12-25');
    await harbour.getByRole('button', { name: 'Add holiday' }).click();
    await harbour.getByRole('button', { name: 'Save business hours' }).click();
    await harbour.getByText('Business hours saved.').waitFor();
    const saved = (await get<{ items: Branch[] }>('/branches')).items.find((x) => x.id === 'harbour')!.calendar!;
    expect(saved.timeZone).toBe('Europe/Berlin');
    expect(saved.weekly['6']).toEqual([{ start: '10:00', end: '14:00' }]);
    expect(saved.weekly['1']).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(saved.holidays).toEqual(['2026-12-25']);
    await b.shot(admin, 'admin-business-hours');
  });

  it('rules: create with the editor, edit, reorder by keyboard and by drag and drop, simulate', async () => {
    await admin.getByRole('link', { name: 'Rules' }).click();
    const demo = (await get<{ items: Rule[] }>('/rules')).items[0];
    await admin.getByRole('button', { name: 'New rule' }).click();
    const editor = admin.getByRole('form', { name: 'New rule' });
    await editor.getByLabel('Rule name').fill('Billing complaints');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => editor.getByRole('alert').textContent()).toMatch(/at least one score bucket/); // the server's field error
    await editor.getByLabel('Keywords').fill('refund\ncharged twice');
    await editor.getByLabel('Star 4 5').check();
    await editor.getByRole('button', { name: 'Add a score range' }).click();
    const range = editor.getByRole('group', { name: 'Score range 1' });
    await range.getByLabel('To', { exact: true }).selectOption('4');
    await editor.getByLabel('Fire').selectOption({ label: 'only with a comment' });
    await editor.getByRole('group', { name: 'Scope (empty: everywhere)' }).getByLabel('Main branch').check();
    await editor.getByLabel('Priority').selectOption('low');
    await editor.getByLabel('Add to pool').selectOption({ label: 'Ari Agent (agent)' });
    await editor.getByRole('button', { name: 'Add', exact: true }).click();
    await editor.getByLabel('Strategy').selectOption({ label: 'first available' });
    await editor.getByLabel('First response').fill('2');
    await editor.getByLabel('Send a CSAT survey after resolution').uncheck();
    await editor.getByRole('button', { name: 'Add escalation level' }).click();
    await editor.getByLabel('Level 1 after (hours)').fill('4');
    await editor.getByLabel('Level 1 person 1', { exact: true }).selectOption({ label: 'Mo Manager' });
    await editor.getByLabel('Level 1 person 1 channel').selectOption('slack');
    await editor.getByLabel('Level 1 person 1 Slack target').fill('#escalations');
    await b.shot(admin, 'admin-rule-editor');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await admin.getByText('Billing complaints').waitFor();
    const rules = (await get<{ items: Rule[] }>('/rules')).items;
    const billing = rules.find((r) => r.name === 'Billing complaints')!;
    expect(billing).toMatchObject({
      position: 2,
      trigger: { buckets: ['star_4_5'], scoreRanges: [{ type: 'nps', min: 0, max: 4 }], keywords: ['refund', 'charged twice'] },
      condition: 'with_comment',
      scope: { branches: ['main'], services: [] },
      outcome: { priority: 'low', pool: [ari.id], strategy: 'first_available', sla: { firstResponseHours: 2 }, csatSurvey: false, escalationChain: [{ level: 1, afterHours: 4, users: [{ userId: mo.id, channel: 'slack', slackTarget: '#escalations' }] }] },
    });

    await admin.getByRole('button', { name: `Edit ${demo.name}` }).click();
    const edit = admin.getByRole('form', { name: `Edit rule "${demo.name}"` });
    await edit.getByLabel('Rule name').fill('Detractors (edited)');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await admin.getByText('Detractors (edited)').waitFor();
    expect((await get<{ items: Rule[] }>('/rules')).items.map((r) => r.name)).toEqual(['Detractors (edited)', 'Billing complaints']);

    // Keyboard: the move button, then Enter; focus stays with the moved rule.
    const order = async () => (await get<{ items: Rule[] }>('/rules')).items.map((r) => r.id);
    await admin.getByRole('button', { name: 'Move Billing complaints up' }).focus();
    await admin.keyboard.press('Enter');
    await expect.poll(order).toEqual([billing.id, demo.id]);
    await admin.locator(`li[data-rule="${billing.id}"] .pos`, { hasText: '1' }).waitFor();
    await expect.poll(() => admin.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Billing complaints down');
    await admin.getByRole('status').filter({ hasText: 'Billing complaints is now rule 1 of 2.' }).waitFor();

    // Drag and drop (HTML5): the demo rule back on top.
    await admin.locator(`li[data-rule="${demo.id}"]`).dragTo(admin.locator(`li[data-rule="${billing.id}"]`));
    await expect.poll(order).toEqual([demo.id, billing.id]);

    // The simulation counts what each rule would have opened over stored feedback.
    await feedbackTicket({ channel: 'web', type: 'star', score: 5, comment: 'Great, but I was charged twice', branch: 'main', externalId: 'a-3' });
    await admin.getByRole('button', { name: 'Simulate', exact: true }).click();
    const result = admin.locator('.sim-result');
    await result.waitFor();
    expect(await result.locator(`tr[data-rule="${demo.id}"] .tickets`).textContent()).toBe('2');
    expect(await result.locator(`tr[data-rule="${billing.id}"] .tickets`).textContent()).toBe('1');
    expect(await result.locator(`tr[data-rule="${billing.id}"]`).textContent()).toContain('Ari Agent 1');
    await b.shot(admin, 'admin-rules');
  });

  it('taxonomies: add a theme, retire and restore a root cause', async () => {
    await admin.getByRole('link', { name: 'Taxonomies' }).click();
    const themes = admin.getByRole('region', { name: 'Themes' });
    await themes.getByLabel('New theme').fill('Noise');
    await themes.getByRole('button', { name: 'Add theme' }).click();
    await themes.locator('li[data-entry="Noise"]').waitFor();
    await admin.getByRole('button', { name: 'Retire Billing error' }).click();
    await admin.locator('li[data-entry="Billing error"] .badge', { hasText: /^retired$/ }).waitFor();
    const entries = await get<{ items: Array<{ name: string; kind: string; retired: boolean }> }>('/taxonomies');
    expect(entries.items).toContainEqual(expect.objectContaining({ name: 'Noise', kind: 'theme', retired: false }));
    expect(entries.items).toContainEqual(expect.objectContaining({ name: 'Billing error', retired: true }));
    await b.shot(admin, 'admin-taxonomies');
    await admin.getByRole('button', { name: 'Restore Billing error' }).click();
    await admin.getByRole('button', { name: 'Retire Billing error' }).waitFor();
  });

  it('channel keys: the secret is shown once and works; revoking stops it', async () => {
    await admin.getByRole('link', { name: 'Channel keys' }).click();
    await admin.getByLabel('Key name').fill('Kiosk north');
    await admin.getByLabel('Channel', { exact: true }).selectOption('kiosk');
    await admin.getByRole('button', { name: 'Create key' }).click();
    const key = (await admin.getByTestId('new-secret').textContent())!;
    expect(key).toMatch(/^clk_[0-9a-f]{8}_/);
    await b.shot(admin, 'admin-channel-keys');
    const post = (externalId: string) => b.s.call('POST', '/api/v1/feedback', { channel: 'kiosk', type: 'smile', score: 2, branch: 'north', externalId }, null, { authorization: `Bearer ${key}` });
    expect((await post('k-1')).status).toBe(202);
    await admin.getByRole('button', { name: 'Done' }).click();
    expect(await admin.getByText(key).count()).toBe(0); // never shown again
    const row = admin.locator('tr[data-key="Kiosk north"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke Kiosk north' }).click();
    await row.getByText(/^revoked/).waitFor();
    expect((await post('k-2')).status).toBe(401);
    expect(INTAKE_KEY).not.toBe(key);
  });

  it('settings: SLA targets', async () => {
    await admin.getByRole('link', { name: 'Settings' }).click();
    const sla = admin.getByRole('form', { name: 'SLA targets' });
    await sla.getByLabel('First response (hours)').fill('3');
    await sla.getByLabel(/Next reply/).fill('6');
    await sla.getByRole('button', { name: 'Save' }).click();
    await sla.getByText('Saved. New tickets use it.').waitFor();
    expect(await get('/settings/sla')).toEqual({ firstResponseHours: 3, resolutionHours: 24, nextReplyHours: 6 });
    await b.shot(admin, 'admin-settings');
  });

  it('account: an agent changes their password and signs in with the new one', async () => {
    const page = await b.signIn(nils.email, nils.password, { path: '/account' });
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByLabel('Current password').fill('wrong-password');
    await page.getByLabel('New password', { exact: true }).fill('nils-new-password');
    await page.getByLabel('Repeat new password').fill('nils-new-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong current password/);
    await page.getByLabel('Current password').fill(nils.password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();
    await b.shot(page, 'account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
    const again = await b.signIn(nils.email, 'nils-new-password');
    // The header toggle sets the agent's own availability.
    await again.getByLabel('Available').uncheck();
    await expect.poll(async () => (await get<{ items: User[] }>('/users')).items.find((u) => u.id === nils.id)!.available).toBe(false);
    await again.close();
  });

  it('every admin screen fits a phone-width screen', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/admin/users', '/admin/branches', '/admin/calendars', '/admin/rules', '/admin/taxonomies', '/admin/intake-keys', '/admin/settings', '/admin/branding', '/account']) {
      await admin.goto(b.base + path);
      await admin.getByRole('heading', { level: 1 }).waitFor();
      await admin.waitForLoadState('networkidle');
      expect({ path, width: await admin.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 390 });
    }
    await admin.goto(`${b.base}/admin/rules`);
    await admin.getByText('Billing complaints').waitFor();
    await b.shot(admin, 'admin-rules-phone');
    await admin.setViewportSize({ width: 1280, height: 900 });
  });
});
