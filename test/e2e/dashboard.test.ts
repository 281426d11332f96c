import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWeeklyScorecards } from '../../src/services/scorecards/open-weekly-scorecards.ts';
import { buildScorecardAccount, buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 5 in the browser: the satisfaction dashboard with real ratings draws its charts (canvas), saves
 * one as a PNG and the low ratings as CSV, and passes axe-core in both languages.
 */

let server: TestServer;
let browser: Browser;
let scorecardToken = '';

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
  // A B2B account the admin manages, with this week's scorecard open and a link for its contact.
  const account = await buildScorecardAccount(server.db, { name: 'Acme Motors', team: { account_manager: server.admin.id } });
  // Opened here or by the server's own scheduler, whichever came first: one per account and week.
  await openWeeklyScorecards(server.db, Date.now());
  const card = await server.db.selectFrom('scorecards').select('id').where('customer_id', '=', account.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const link = await admin<{ url: string }>('POST', `/api/scorecards/${card.id}/links`, { contactId: account.contact.id });
  scorecardToken = link.url.split('/scorecard/')[1]!;
  // A second account whose contact has already answered by link, so the dashboard's scorecard trend
  // has data whether or not the link test ran first.
  const answered = await buildScorecardAccount(server.db, { name: 'Bolt Industries', team: { account_manager: server.admin.id } });
  await openWeeklyScorecards(server.db, Date.now());
  const answeredCard = await server.db.selectFrom('scorecards').select('id').where('customer_id', '=', answered.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const answeredLink = await admin<{ url: string }>('POST', `/api/scorecards/${answeredCard.id}/links`, { contactId: answered.contact.id });
  const token = answeredLink.url.split('/scorecard/')[1]!;
  const graded = await fetch(`${server.baseUrl}/api/rating/scorecard/${token}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grades: { quality: 'A', on_time_delivery: 'B+', communication: 'A-', service_flexibility: 'B', technical_support: 'A' } }),
  });
  if (!graded.ok) throw new Error(`seeding the answered scorecard: ${graded.status} ${await graded.text()}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('scorecard link', () => {
  it('a contact grades the week without signing in; the link then says it was answered', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, 'zh-CN');
    try {
      await page.goto(`/scorecard/${scorecardToken}`);
      await expectHeading(page, '每周评分卡');
      await expectNoA11yViolations(page, 'scorecard link (zh-CN)');
      await page.getByRole('button', { name: /简体中文/ }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await expectHeading(page, 'Weekly scorecard');
      // Submitting with a missing grade names it; nothing is sent.
      await page.getByRole('button', { name: 'Send the scorecard' }).click();
      await page.getByText('Choose a grade').first().waitFor();
      for (const [area, grade] of [['Quality', 'A'], ['On-time delivery', 'B+'], ['Communication', 'A-'], ['Service & flexibility', 'B'], ['Technical support', 'A']]) {
        await page.getByLabel(`Grade: ${area}`).selectOption(grade!);
      }
      await page.getByLabel('Comment on On-time delivery (optional)').fill('One batch was a day late');
      await expectNoA11yViolations(page, 'scorecard link (en)');
      await page.getByRole('button', { name: 'Send the scorecard' }).click();
      await expectHeading(page, 'Thank you!');
      await page.reload();
      await expectHeading(page, 'Already answered');
    } finally {
      await context.close();
    }
  });
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
      // The scorecard answered through a link is on the account's weekly trend.
      await page.getByTestId('chart-scorecards').locator('canvas').first().waitFor();
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
      // The scorecard list and the company settings, in Chinese too.
      await zh.page.getByRole('link', { name: '每周评分卡' }).click();
      await expectHeading(zh.page, '每周评分卡');
      await zh.page.getByTestId('scorecards-table').getByText('Acme Motors').waitFor();
      await expectNoA11yViolations(zh.page, 'scorecards (zh-CN)');
      await zh.page.goto('/admin/company-settings');
      await expectHeading(zh.page, '公司设置');
      await expect.poll(() => zh.page.getByLabel('公司时区（IANA，如 Asia/Shanghai）').inputValue()).toBe('Asia/Shanghai');
      await expectNoA11yViolations(zh.page, 'company settings (zh-CN)');
    } finally {
      await zh.context.close();
    }
  });
});
