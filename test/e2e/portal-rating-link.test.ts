import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectHeading, expectNoA11yViolations, launchBrowser, newPage } from './browser.ts';
import { expiredRatingLinkToken, openRatingLink, portalCustomer, ratingLinkToken, resolvedRequest, staffMember, tamperedToken } from './portal-helpers.ts';

/**
 * Rating from a link, without signing in, in a real browser: a valid link rates once and thanks;
 * the same link again says it was already rated; an expired link and a tampered one say so.
 * Plus axe-core on the portal's screens in both languages.
 */

let server: TestServer;
let browser: Browser;
let staff: Awaited<ReturnType<typeof staffMember>>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  staff = await staffMember(server, 'Rita Owner');
  mkdirSync('/tmp/centric-portal-screens', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('rating link', () => {
  it('valid → rate → thanks; again → already rated; expired → expired; tampered → invalid', async () => {
    const customer = await portalCustomer(server.baseUrl);
    const ticket = await resolvedRequest(customer.call, staff.call, '停电报修');
    const token = await ratingLinkToken(staff.call, ticket.id);
    const { context, page } = await newPage(browser, server.baseUrl);

    await openRatingLink(page, token);
    await expectHeading(page, 'Rate our service');
    await expect.poll(() => page.getByTestId('rating-ticket').textContent()).toBe(`Request ${ticket.number}: 停电报修`);
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByText('Please choose from 1 to 5.').waitFor();
    await page.getByRole('radio', { name: '4 — Satisfied' }).check();
    await page.getByLabel('Comment (optional)').fill('Fixed the same day.');
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await expectHeading(page, 'Thank you!');
    await page.getByText('Your rating was recorded.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Send my rating' }).count()).toBe(0);

    // Recorded as the customer's rating of the request.
    const seen = await customer.call<{ status: string; satisfaction: number }>('GET', `/api/portal/tickets/${ticket.id}`);
    expect(seen).toMatchObject({ status: 'rated', satisfaction: 4 });

    // The same link again.
    await openRatingLink(page, token);
    await expectHeading(page, 'Already rated');
    await page.getByText('This request has already been rated. Thank you for your answer!').waitFor();
    await expect.poll(() => page.getByRole('radio').count()).toBe(0);

    // Expired (signed with the server's secret, so only the date is wrong).
    await openRatingLink(page, await expiredRatingLinkToken(server, token));
    await expectHeading(page, 'This link has expired');
    await page.getByText(/Rating links work for 14 days/).waitFor();

    // Tampered, and made up.
    await openRatingLink(page, tamperedToken(token));
    await expectHeading(page, 'This link is not valid');
    await page.goto('/rate/nonsense');
    await expectHeading(page, 'This link is not valid');
    await page.getByRole('link', { name: 'Go to the customer portal' }).click();
    await page.waitForURL((u) => u.pathname === '/portal');
    await expectHeading(page, 'Sign in');
    await context.close();
  });

  it('a link rated elsewhere while the page was open answers "already rated" on submit (409)', async () => {
    const customer = await portalCustomer(server.baseUrl);
    const ticket = await resolvedRequest(customer.call, staff.call, 'Water pressure low');
    const token = await ratingLinkToken(staff.call, ticket.id);
    const { context, page } = await newPage(browser, server.baseUrl);
    await openRatingLink(page, token);
    await expectHeading(page, 'Rate our service');
    // Meanwhile the customer rates on the portal.
    await customer.call('POST', `/api/portal/tickets/${ticket.id}/rating`, { satisfaction: 3 });
    await page.getByRole('radio', { name: '1 — Very dissatisfied' }).check();
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await expectHeading(page, 'Already rated');
    expect((await customer.call<{ satisfaction: number }>('GET', `/api/portal/tickets/${ticket.id}`)).satisfaction).toBe(3);
    await context.close();
  });

  it('is in Chinese for a Chinese browser', async () => {
    const customer = await portalCustomer(server.baseUrl);
    const ticket = await resolvedRequest(customer.call, staff.call, '燃气表读数异常');
    const token = await ratingLinkToken(staff.call, ticket.id);
    const { context, page } = await newPage(browser, server.baseUrl, 'zh-CN');
    await openRatingLink(page, token);
    await expectHeading(page, '评价我们的服务');
    await page.getByRole('radio', { name: '5 分 — 非常满意' }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expectHeading(page, '谢谢！');
    await openRatingLink(page, tamperedToken(token));
    await expectHeading(page, '链接无效');
    await context.close();
  });
});

describe('portal accessibility (axe-core, both languages)', () => {
  for (const [locale, names] of [
    ['en-US', { signIn: 'Sign in', requests: 'My requests', rate: 'Rate our service', expired: 'This link has expired' }],
    ['zh-CN', { signIn: '登录', requests: '我的诉求', rate: '评价我们的服务', expired: '链接已过期' }],
  ] as const) {
    it(`sign-in, sign-up, my requests, new request, a request page and the rating page in ${locale}`, async () => {
      const customer = await portalCustomer(server.baseUrl, locale === 'zh-CN' ? '李女士' : 'Lee Customer');
      const resolved = await resolvedRequest(customer.call, staff.call, locale === 'zh-CN' ? '停水了' : 'No water since noon');
      const token = await ratingLinkToken(staff.call, resolved.id);
      const { context, page } = await newPage(browser, server.baseUrl, locale);

      await page.goto('/portal');
      await expectHeading(page, names.signIn);
      await expectNoA11yViolations(page, `portal sign-in (${locale})`);
      await page.goto('/portal/sign-up');
      await page.locator('input[name="name"]').waitFor();
      await expectNoA11yViolations(page, `portal sign-up (${locale})`);

      await page.goto('/portal');
      await page.locator('input[name="email"]').fill(customer.email);
      await page.locator('input[name="password"]').fill(customer.password);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL('**/portal/requests');
      await expectHeading(page, names.requests);
      await page.getByTestId('request-row').first().waitFor();
      await expectNoA11yViolations(page, `my requests (${locale})`);

      await page.goto('/portal/requests/new');
      await page.locator('input[name="subject"]').waitFor();
      await expectNoA11yViolations(page, `new request (${locale})`);

      // A resolved request: result, conversation, confirm, rate and reopen forms.
      await page.goto(`/portal/requests/${resolved.id}`);
      await page.getByTestId('conversation').waitFor();
      await page.getByRole('radio').first().waitFor();
      await expectNoA11yViolations(page, `request page (${locale})`);
      if (locale === 'en-US') await page.screenshot({ path: '/tmp/centric-portal-screens/request-page-axe-en.png', fullPage: true });
      else await page.screenshot({ path: '/tmp/centric-portal-screens/request-page-axe-zh.png', fullPage: true });

      await openRatingLink(page, token);
      await expectHeading(page, names.rate);
      await page.getByRole('radio').first().waitFor();
      await expectNoA11yViolations(page, `rating page (${locale})`);
      await openRatingLink(page, await expiredRatingLinkToken(server, token));
      await expectHeading(page, names.expired);
      await expectNoA11yViolations(page, `rating page, expired (${locale})`);
      await context.close();
    });
  }
});
