import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution, buildClock, buildCommitment, buildReportTicket } from '../helpers/clock-factories-report.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 4's screens in the browser: the compliance report with its CSV, the commitment editor
 * (a stage that does not fit its parent is refused on its field), and a ticket's clocks counting
 * down live and turning met or breached.
 */

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.baseUrl));
  await signInThroughUi(page, server.admin.email, server.admin.password);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the compliance report', () => {
  it('shows the figures per commitment and per department, who caused each breach, and downloads the CSV', async () => {
    const crew = await buildDepartment(server.db, { name: '抢修队' });
    const wang = await buildStaff(server.db, { name: '王五', departmentId: crew.id });
    const promise = await buildCommitment(server.db, { name: 'Repair crew on site', targetMinutes: 30 });
    const stage = await buildCommitment(server.db, { name: 'Crew drives out', level: 2, parentId: promise.id, targetMinutes: 20 });
    const at = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00Z`;
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await buildReportTicket(server.db, server.admin.id));
    await buildClock(server.db, { ticketId: tickets[0]!.id, commitment: promise, state: 'met', startedAt: at(2, '01:00'), stoppedAt: at(2, '01:20'), elapsedMinutes: 20, departmentId: crew.id, staffId: wang.id });
    await buildClock(server.db, { ticketId: tickets[1]!.id, commitment: promise, state: 'met', startedAt: at(3, '01:00'), stoppedAt: at(3, '01:25'), elapsedMinutes: 25, departmentId: crew.id, staffId: wang.id });
    const late = await buildClock(server.db, { ticketId: tickets[2]!.id, commitment: promise, state: 'breached', startedAt: at(4, '01:00'), breachedAt: at(4, '01:30'), stoppedAt: at(4, '01:45'), elapsedMinutes: 45, lateMinutes: 15, departmentId: crew.id, staffId: wang.id });
    const stageClock = await buildClock(server.db, { ticketId: tickets[2]!.id, commitment: stage, parentClockId: late.id, state: 'breached', startedAt: at(4, '01:05'), breachedAt: at(4, '01:25'), stoppedAt: at(4, '01:40'), elapsedMinutes: 35, lateMinutes: 15, departmentId: crew.id, staffId: wang.id });
    await buildAttribution(server.db, { clockId: late.id, kind: 'stage_overrun', stageClockId: stageClock.id, stageCommitmentId: stage.id, budgetMinutes: 20, usedMinutes: 35, overrunMinutes: 15, departmentId: crew.id, staffId: wang.id });

    await page.getByRole('link', { name: 'Compliance report' }).click();
    await expectHeading(page, 'Commitment compliance');
    await page.getByLabel('From').fill('2026-03-01');
    await page.getByLabel('To (inclusive)').fill('2026-03-31');
    await page.getByRole('button', { name: 'Show' }).click();

    const table = page.getByTestId('report-table');
    const promiseRow = table.getByRole('row', { name: /Repair crew on site/ });
    await promiseRow.waitFor();
    // 3 clocks, 2 met, 1 breach; elapsed 20 25 45 → median 25 min, p90 45 min; 45 / 30 = 150 % of target.
    await expect.poll(async () => (await promiseRow.locator('td').allTextContents()).join(' | ').replace(/\u00a0/g, ' ')).toBe('30 min | 3 | 2 | 1 | 66.7 % | 25 min | 45 min | 83 % | 150 %');
    const attribution = page.getByTestId('attribution-table').getByRole('row', { name: new RegExp(tickets[2]!.number) });
    expect((await attribution.locator('td').allTextContents()).slice(0, 6)).toEqual([tickets[2]!.number, 'Repair crew on site', 'Crew drives out', '15 min', '抢修队', '王五']);
    await expectNoA11yViolations(page, 'commitment report');
    await page.screenshot({ path: '/tmp/centric-commitment-report-en.png', fullPage: true });

    // Per department: one row for the crew, its stage clock included: 4 clocks, 2 breaches.
    const radioId = await page.getByRole('radio', { name: 'Department' }).getAttribute('id');
    await page.locator(`label[for="${radioId}"]`).click();
    const crewRow = table.getByRole('row', { name: /抢修队/ });
    await expect.poll(async () => (await crewRow.locator('td').allTextContents()).join(' | ').replace(/\u00a0/g, ' ')).toBe('4 | 2 | 2 | 50 % | 25 min | 45 min | 83 % | 175 %');

    // The CSV the button offers: UTF-8 with a BOM, the same figures.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toContain('groupBy=department');
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      return { type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
    }, href!);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(new Uint8Array(csv.bytes.slice(3)));
    expect(text.split('\r\n')[1]).toBe(`抢修队,${crew.id},,,4,2,2,50,25,45,0.833,1.75,30`);
  });
});
