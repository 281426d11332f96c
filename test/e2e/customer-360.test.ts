import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 7's customer 360 page: an agent finds a B2B account by a Chinese substring on the customer
 * list, opens its 360 page (tickets, organisation chart, account team, timeline), follows a ticket
 * and comes back through the customer's name on the ticket. axe-core in English and Chinese.
 */

let server: TestServer;
let browser: Browser;
let agent: { email: string; password: string; id: number };
let accountId: number;
let ticketNumber: string;
let ticketId: number;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  agent = await buildStaff(server.db, { name: 'Alice Agent', email: 'alice.crm@example.com', roles: ['agent'] });
  const planner = await buildStaff(server.db, { name: 'Pat Planner', email: 'pat@example.com', roles: ['agent'] });
  const call = await apiSession(server.baseUrl, agent.email, agent.password);
  const account = await call<{ id: number }>('POST', '/api/customers', { name: '远洋燃气设备有限公司', kind: 'organisation', isAccount: true, segment: 'key_account', phones: ['021-5555 0101'], tags: ['大客户'] });
  accountId = account.id;
  const ceo = await call<{ id: number }>('POST', `/api/customers/${accountId}/contacts`, { name: '陈总', title: '总经理', decisionRole: 'decision_maker', goals: '降低停气损失' });
  await call('POST', `/api/customers/${accountId}/contacts`, { name: '技术总监', decisionRole: 'technical_influencer', reportsToId: ceo.id, painPoints: '停气通知太晚' });
  await call('POST', `/api/customers/${accountId}/team`, { staffId: agent.id, role: 'account_manager' });
  await call('POST', `/api/customers/${accountId}/team`, { staffId: planner.id, role: 'planner' });
  const ticket = await call<{ id: number; number: string }>('POST', '/api/tickets', { channel: 'phone', subject: '厂区燃气压力不稳', customerId: accountId });
  ticketId = ticket.id;
  ticketNumber = ticket.number;
  await call('POST', '/api/tickets', { channel: 'email', subject: 'Meter readings for May', customerId: accountId });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('customer 360', () => {
  it('finds the account, shows its 360 page and links back from its ticket, with no axe violations in both languages', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await signInThroughUi(page, agent.email, agent.password);
    await page.getByRole('link', { name: 'Customers' }).click();
    await expectHeading(page, 'Customers');
    await page.getByRole('searchbox', { name: 'Search customers' }).fill('远洋');
    const row = page.getByTestId('customers-table').getByRole('link', { name: '远洋燃气设备有限公司' });
    await row.waitFor();
    await expectNoA11yViolations(page, 'the customer list');
    await row.click();
    await expectHeading(page, '远洋燃气设备有限公司');
    await page.getByRole('link', { name: ticketNumber }).waitFor();
    await expect.poll(() => page.getByText('厂区燃气压力不稳').count()).toBe(1);
    await expectNoA11yViolations(page, 'the 360 page (tickets)');

    await page.getByRole('tab', { name: /Contacts/ }).click();
    // The organisation chart: the technical director sits under the CEO.
    const ceoItem = page.locator('li', { hasText: '陈总' }).first();
    await ceoItem.locator('li', { hasText: '技术总监' }).waitFor();
    await expectNoA11yViolations(page, 'the 360 page (contacts and organisation chart)');
    await page.getByRole('tab', { name: /Account team/ }).click();
    await page.getByRole('cell', { name: 'Account manager', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: 'Pat Planner', exact: true }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expect.poll(() => page.getByTestId('customer-timeline').locator('li').count()).toBe(2);
    await expectNoA11yViolations(page, 'the 360 page (timeline)');

    // From a ticket back to its customer.
    await page.goto(`/tickets/${ticketId}`);
    await page.getByRole('link', { name: '远洋燃气设备有限公司' }).click();
    await expectHeading(page, '远洋燃气设备有限公司');
    await context.close();

    const zh = await newPage(browser, server.baseUrl, 'zh-CN');
    await signInThroughUi(zh.page, agent.email, agent.password);
    await zh.page.goto(`/customers/${accountId}`);
    await expectHeading(zh.page, '远洋燃气设备有限公司');
    await zh.page.getByRole('tab', { name: /工单/ }).waitFor();
    await expectNoA11yViolations(zh.page, 'the 360 page (Chinese)');
    await zh.page.getByRole('button', { name: '编辑' }).click();
    await zh.page.getByRole('dialog').waitFor();
    await expectNoA11yViolations(zh.page, 'the customer form (Chinese)');
    await zh.page.keyboard.press('Escape');
    await zh.page.goto('/customers');
    await expectHeading(zh.page, '客户');
    await zh.page.getByTestId('customers-table').waitFor();
    await expectNoA11yViolations(zh.page, 'the customer list (Chinese)');
    await zh.context.close();
  });
});
