// The report builder in Chromium on the real stack: a manager drags dimensions (and uses the keyboard
// buttons), picks measures, a period and a filter, saves and shares the report and exports all three
// files; the agent it is shared with opens it with their branch's data, another agent never sees it.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../../scripts/history/insert';
import { insertFixture } from '../reports/fixture';
import { SHOTS, startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN } from '../support/stack';

let b: BrowserStack;
const people: Record<string, { email: string; password: string }> = {};

beforeAll(async () => {
  b = await startBrowserStack();
  await insertFixture(b.s.database.db);
  const staff: Array<[string, 'agent' | 'manager', string[]]> = [
    ['Mia', 'manager', ['north', 'south']],
    ['Nora', 'agent', ['north']],
    ['Sam', 'agent', ['south']],
  ];
  for (const [name, role, branches] of staff) people[name] = await b.createUser({ email: `${name.toLowerCase()}@ui.test`, name, role, branches });
});
afterAll(async () => b?.close());

const signIn = (name: string) => (name === 'Admin' ? b.signIn(ADMIN.email, ADMIN.password) : b.signIn(people[name].email, people[name].password));

const totalCell = (page: Page, row: string, measure: string) => page.locator(`table.pivot tr[data-row="${row}"] td.total[data-measure="${measure}"]`).last();

describe('report builder', () => {
  it('builds, saves, shares and exports a report', async () => {
    const page = await signIn('Mia');
    // The home dashboard comes from the same measures: open tickets 3, 4, 8, 9 of her two branches.
    await expect.poll(() => page.locator('[data-kpi="openTickets"] strong').textContent()).toBe('4');
    await expect.poll(() => page.locator('[data-kpi="openBreachedTickets"] strong').textContent()).toBe('1');

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('region', { name: 'Report builder' }).waitFor();
    // Start from an empty layout, then drag Branch into the rows (HTML5 drag and drop)…
    await page.getByRole('button', { name: 'Remove Branch' }).click();
    await page.locator('.palette [data-dimension="branch"]').dragTo(page.locator('[data-zone="rows"]'));
    await expect.poll(() => page.locator('[data-zone="rows"] [data-dimension]').allTextContents()).toEqual([expect.stringContaining('Branch')]);
    // …and put Priority into the columns with the keyboard.
    await page.getByRole('button', { name: 'Add Priority to columns' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-zone="columns"] [data-dimension]').count()).toBe(1);

    await page.getByLabel('Period').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill('2025-01-01');
    await page.getByLabel('To', { exact: true }).fill('2025-01-31');
    await page.getByRole('checkbox', { name: 'Median time to resolution' }).check();
    await page.getByRole('checkbox', { name: 'Resolution rate' }).uncheck();

    await expect.poll(() => totalCell(page, 'Total', 'ticketsOpened').textContent()).toBe('8');
    await expect.poll(() => totalCell(page, 'North', 'csatPercent').textContent()).toBe('100.0 %');
    expect(await totalCell(page, 'Total', 'medianResolutionTime').textContent()).toBe('9.0 h'); // median of 4, 8, 10, 20
    expect(await page.locator('svg[data-chart="bar"] rect').count()).toBe(2); // one bar per branch

    // A filter: kiosk and web only (tickets 1, 2, 4, 6), then taken off again.
    await page.getByLabel('Filter on').selectOption('channel');
    await page.getByRole('group', { name: 'Channel values' }).getByLabel('Kiosk').check();
    await page.getByRole('group', { name: 'Channel values' }).getByLabel('Web').check();
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect.poll(() => totalCell(page, 'Total', 'ticketsOpened').textContent()).toBe('4');
    await page.getByRole('button', { name: /Remove filter Channel is Kiosk, Web/ }).click();
    await expect.poll(() => totalCell(page, 'Total', 'ticketsOpened').textContent()).toBe('8');

    await page.getByLabel('Report name').fill('January by branch');
    await page.getByRole('group', { name: 'Share with people' }).getByLabel('Nora (agent)').check();
    await page.getByRole('button', { name: 'Save report' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).toBe('Saved “January by branch”.');
    await page.locator('aside [data-report="January by branch"]').waitFor();
    await page.getByRole('button', { name: 'Save changes' }).waitFor(); // now the owner's saved report
    expect(await totalCell(page, 'Total', 'ticketsOpened').textContent()).toBe('8');
    await b.shot(page, 'report-builder');

    const download = async (button: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
    };
    const csv = await download('Export CSV');
    expect(csv.name).toBe('closeloop-january-by-branch.csv');
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('High · Tickets opened');
    expect(lines[1]).toMatch(/^North,/);
    expect(lines.at(-1)).toMatch(/^Total,/);
    const xlsx = await download('Export XLSX');
    expect(xlsx.name).toBe('closeloop-january-by-branch.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.bytes).buffer);
    expect(wb.getWorksheet('Report')!.getCell('A1').value).toBe('January by branch');
    expect(wb.getWorksheet('Report')!.getCell('A4').value).toBe('North');
    const pdf = await download('Export PDF');
    expect(pdf.name).toBe('closeloop-january-by-branch.pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('shows the shared report to Nora with her branch only, and not to Sam', async () => {
    const nora = await signIn('Nora');
    await nora.getByRole('link', { name: 'Reports' }).click();
    await nora.locator('aside [data-report="January by branch"]').click();
    await expect.poll(() => totalCell(nora, 'Total', 'ticketsOpened').textContent()).toBe('4'); // 1 2 3 8
    expect(await nora.locator('table.pivot tbody tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['North', 'Total']);
    expect(await nora.getByRole('region', { name: 'Report builder' }).count()).toBe(0); // agents open, never build
    await b.shot(nora, 'report-shared-with-agent');
    await nora.close();

    const sam = await signIn('Sam');
    await sam.getByRole('link', { name: 'Reports' }).click();
    await sam.getByText('No reports yet.').waitFor();
    expect(await sam.locator('aside [data-report]').count()).toBe(0);
    await sam.close();
  });

  it("shows the admin's dashboard with the weekly CSAT trend of a recent history", async () => {
    await seedHistory(b.s.database.db, { tickets: 1500, days: 100, seed: 11 });
    const page = await signIn('Admin');
    const [{ open }] = ((await b.s.database.db.execute(sql`select count(*)::int as open from tickets where status not in ('resolved', 'closed')`)) as unknown as { rows: Array<{ open: number }> }).rows;
    await expect.poll(() => page.locator('[data-kpi="openTickets"] strong').textContent()).toBe(open.toLocaleString('en-US'));
    await expect.poll(() => page.locator('svg[data-chart="line"] circle').count()).toBeGreaterThanOrEqual(10); // 12 weeks
    await b.shot(page, 'dashboard-history');
    await page.getByRole('region', { name: 'Dashboard' }).screenshot({ path: `${SHOTS}/dashboard-figures.png` });
    await page.close();
  });
});
