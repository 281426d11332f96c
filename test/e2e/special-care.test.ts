import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday } from '../../src/services/care/care-common.ts';
import { buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 7's special-care register end to end: the office registers an elderly customer living alone,
 * adds a weekly visit plan and generates the visits; the visitor records today's visit from the
 * keyboard with the customer's confirmation on the spot, which resolves the visit ticket. axe-core on
 * every special-care screen.
 */

let server: TestServer;
let browser: Browser;
let officer: { email: string; password: string; id: number };
let visitor: { email: string; password: string; id: number };
let customerId: number;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const care = await admin<{ id: number }>('POST', '/api/departments', { name: 'Community Care' });
  officer = await buildStaff(server.db, { name: 'Olga Office', email: 'olga@example.com', roles: ['office'] });
  visitor = await buildStaff(server.db, { name: 'Victor Visitor', email: 'victor@example.com', roles: ['agent'], departmentId: care.id });
  customerId = (await server.db.insertInto('customers').values({ name: 'Grandma Wang', phones: ['13800009999'], search_text: 'grandma wang 13800009999' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('special care: register, plan, generate, record the visit', () => {
  it('takes a customer from the register to a recorded, confirmed visit', async () => {
    const today = localToday(Date.now());
    const office = await newPage(browser, server.baseUrl);
    const page = office.page;
    await signInThroughUi(page, officer.email, officer.password);
    await page.getByRole('link', { name: 'Special care' }).click();
    await expectHeading(page, 'Special-care register');
    await expectNoA11yViolations(page, 'the special-care register');

    await page.getByRole('button', { name: 'Register a customer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').first().fill('Grandma');
    await page.getByRole('option', { name: /Grandma Wang/ }).click();
    await expect.poll(() => dialog.getByTestId('care-new-customer').textContent()).toBe('Grandma Wang');
    await dialog.getByRole('checkbox', { name: 'Elderly' }).check();
    await dialog.getByRole('checkbox', { name: 'Living alone' }).check();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Hard of hearing: knock loudly');
    await expectNoA11yViolations(page, 'the new-entry dialog');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expectHeading(page, 'Special care: Grandma Wang');

    // A weekly plan starting today, visited by Victor, preferred in the morning.
    await page.getByRole('textbox', { name: 'First visit' }).fill(today);
    await page.getByRole('textbox', { name: 'Preferred from' }).fill('09:00');
    await page.getByRole('textbox', { name: 'Preferred until' }).fill('11:00');
    await page.getByRole('textbox', { name: 'Visitor' }).fill('Victor');
    await page.getByRole('option', { name: /Victor Visitor/ }).click();
    await page.getByLabel('Every').fill('1');
    await page.getByRole('button', { name: 'Add plan' }).click();
    await expect.poll(() => page.getByTestId('care-plans').textContent()).toContain('Victor Visitor');
    await expect.poll(() => page.getByTestId('care-plans').textContent()).toContain('Every 1 week(s)');
    await expectNoA11yViolations(page, "a customer's care entry");

    await page.getByRole('link', { name: 'Overdue and upcoming visits' }).click();
    await expectHeading(page, 'Care visits');
    await page.getByRole('button', { name: 'Generate visits now' }).click();
    // Today, +7, +14, +21 and +28 days fall within the 30-day horizon.
    await expect.poll(() => page.getByRole('status').textContent()).toContain('5 visit ticket(s) generated');
    await page.getByText('Upcoming', { exact: true }).click();
    await expect.poll(async () => page.getByTestId('care-visits-table').locator('tbody tr').count()).toBe(5);
    await expectNoA11yViolations(page, 'the care visits page');
    await office.context.close();

    // The visitor records today's visit, from the keyboard.
    const field = await newPage(browser, server.baseUrl);
    const vpage = field.page;
    await signInThroughUi(vpage, visitor.email, visitor.password);
    await vpage.goto('/care/visits');
    await vpage.getByText('Upcoming', { exact: true }).click();
    await vpage.getByRole('link', { name: /^Record the visit to Grandma Wang/ }).first().click();
    await expectHeading(vpage, 'Record a visit');
    await expectNoA11yViolations(vpage, 'the visit record form');
    const findings = vpage.getByRole('textbox', { name: 'What was found' });
    await expect.poll(() => findings.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    await vpage.keyboard.type('Well; the gas stove lights slowly.');
    await vpage.keyboard.press('Tab');
    await vpage.keyboard.press('Space');
    await expect.poll(() => vpage.getByRole('radio', { name: 'Yes, confirmed' }).isChecked()).toBe(true);
    await vpage.keyboard.press('Tab');
    await vpage.keyboard.type('Thank you, Victor');
    await vpage.keyboard.press('Tab');
    await vpage.keyboard.press('Tab');
    await vpage.keyboard.press('Enter');
    await expectHeading(vpage, 'Special care: Grandma Wang');
    await expect.poll(() => vpage.getByRole('status').textContent()).toContain('The visit is recorded');
    const history = await vpage.getByTestId('care-visit-history').textContent();
    expect(history).toContain('Well; the gas stove lights slowly.');
    expect(history).toContain('Confirmed');
    expect(history).toContain('Thank you, Victor');

    // The visit ticket is resolved with the confirmation on its timeline.
    const asVisitor = await apiSession(server.baseUrl, visitor.email, visitor.password);
    const visits = await asVisitor<{ items: { ticketId: number; plannedFor: string; ticketStatus: string }[] }>('GET', '/api/care/visits?view=recorded');
    expect(visits.items).toEqual([expect.objectContaining({ plannedFor: today, ticketStatus: 'resolved' })]);
    const timeline = await asVisitor<unknown>('GET', `/api/tickets/${visits.items[0]!.ticketId}/timeline`);
    expect(JSON.stringify(timeline)).toContain('Thank you, Victor');
    // The customer 360 page says she is on the register and links to the entry.
    await vpage.goto(`/customers/${customerId}`);
    await vpage.getByTestId('customer-special-care').getByRole('link', { name: 'Special care: on the register' }).click();
    await expectHeading(vpage, 'Special care: Grandma Wang');
    await field.context.close();

    // The same screens in Chinese.
    const zh = await newPage(browser, server.baseUrl, 'zh-CN');
    await signInThroughUi(zh.page, officer.email, officer.password);
    await zh.page.goto('/care');
    await expectHeading(zh.page, '特殊关怀登记');
    await expect.poll(() => zh.page.getByTestId('care-register-table').textContent()).toContain('独居');
    await expectNoA11yViolations(zh.page, 'the special-care register in Chinese');
    await zh.page.goto('/care/visits');
    await zh.page.getByText('即将到来', { exact: true }).click();
    await expect.poll(async () => zh.page.getByTestId('care-visits-table').locator('tbody tr').count()).toBe(4);
    await expectNoA11yViolations(zh.page, 'the care visits page in Chinese');
    await zh.context.close();
  });
});
