import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 5 in the browser: the satisfaction dashboard with real ratings draws its charts (canvas), saves
 * one as a PNG and the low ratings as CSV, and passes axe-core in both languages.
 */

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const service = await admin<{ id: number }>('POST', '/api/departments', { name: 'Customer Service' });
  const agent = await buildStaff(server.db, { name: 'Alice Agent', email: 'alice@example.com', departmentId: service.id, staffClass: 'dedicated' });
  const asAgent = await apiSession(server.baseUrl, agent.email, agent.password);
  const questions = ['trust', 'empathy', 'responsiveness'].map((dimension) => ({ key: dimension, kind: 'scale', dimension, text: { zh: `${dimension}?`, en: `${dimension}?` } }));
  await admin('POST', '/api/surveys/templates', { name: 'Callback', questions, forCallback: true });
  for (const [satisfaction, subject] of [[5, 'Meter replaced'], [2, '=HYPERLINK("x") billing'], [4, 'Bill explained']] as const) {
    const ticket = await asAgent<{ id: number }>('POST', '/api/tickets', { channel: 'phone', subject, newCustomer: { name: 'Wang Li', phones: ['13800000000'] } });
    await asAgent('POST', `/api/tickets/${ticket.id}/take`, {});
    await asAgent('POST', `/api/tickets/${ticket.id}/resolve`, { result: 'Done' });
    await asAgent('POST', `/api/tickets/${ticket.id}/callback`, { satisfaction, channel: 'phone', answers: { trust: satisfaction, empathy: 3, responsiveness: 4 } });
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('satisfaction dashboard', () => {
  it('draws the charts from real ratings, saves a PNG and a guarded CSV, and is accessible in English and Chinese', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, 'en-US');
    try {
      await signInThroughUi(page, server.admin.email, server.admin.password);
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await expectHeading(page, 'Satisfaction dashboard');
      await expect.poll(() => page.getByTestId('dashboard-period').textContent()).toContain('Asia/Shanghai');
      // Each chart renders into a canvas; the week trend and the bars all have data.
      for (const id of ['week', 'month', 'department', 'person', 'channel', 'radar']) {
        await page.getByTestId(`chart-${id}`).locator('canvas').first().waitFor();
      }
      await expect.poll(() => page.getByTestId('chart-compliance').count()).toBe(1);
      await page.getByTestId('low-ratings').getByRole('link', { name: /^\d{4}-\d{6}$/ }).waitFor();

      const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PNG: Satisfaction by week' }).click()]);
      expect(png.suggestedFilename()).toMatch(/^satisfaction-week-.*\.png$/);
      const bytes = readFileSync((await png.path())!);
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.length).toBeGreaterThan(2000);

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Low ratings (1–2) and their follow-up' }).getByRole('button', { name: 'Save as CSV' }).click()]);
      const text = readFileSync((await csv.path())!, 'utf8');
      // The subject a customer could type as a formula is written as text.
      expect(text).toContain(`"'=HYPERLINK(""x"") billing"`);
      await expectNoA11yViolations(page, 'dashboard (en)');
    } finally {
      await context.close();
    }

    const zh = await newPage(browser, server.baseUrl, 'zh-CN');
    try {
      await signInThroughUi(zh.page, server.admin.email, server.admin.password);
      await zh.page.goto('/reports/dashboard');
      await expectHeading(zh.page, '满意度看板');
      await zh.page.getByTestId('chart-week').locator('canvas').first().waitFor();
      await zh.page.getByTestId('low-ratings').waitFor();
      await expectNoA11yViolations(zh.page, 'dashboard (zh-CN)');
    } finally {
      await zh.context.close();
    }
  });
});
