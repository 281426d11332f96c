import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, TEST_PASSWORD } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectHeading, launchBrowser, newPage, signInThroughUi } from './browser.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('signing in', () => {
  it('shows an error for a wrong password and lands on the home page with the right one', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await expectHeading(page, 'Sign in');
    expect(await page.title()).toContain('Sign in');

    await page.getByLabel('Email').fill(server.admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email or password is not correct.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Password').fill(server.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expectHeading(page, 'Hello, Ada Admin');
    await page.getByText('Administrator', { exact: true }).first().waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Staff' }).waitFor();

    // Reloading keeps the session (HttpOnly cookie), then signing out ends it.
    await page.reload();
    await expectHeading(page, 'Hello, Ada Admin');
    await page.getByRole('button', { name: 'User menu for Ada Admin' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto('/admin/staff');
    await page.waitForURL('**/sign-in?next=%2Fadmin%2Fstaff');
    await context.close();
  });

  it('works with the keyboard alone (Tab and Enter)', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').waitFor();
    // The email field has focus on arrival; Tab moves to the password.
    await page.keyboard.type(server.admin.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }).document.activeElement.getAttribute('name'))).toBe('password');
    await page.keyboard.type(server.admin.password);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await expectHeading(page, 'Hello, Ada Admin');

    // Keyboard to a navbar link and follow it.
    const staffLink = page.getByRole('navigation').getByRole('link', { name: 'Staff' });
    // The navbar grows with every feature, so Tab until the link has focus (bounded) and say so if it never does.
    const focused = async () => staffLink.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);
    for (let i = 0; i < 80 && !(await focused()); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focused(), 'the Staff link is reachable by Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/admin/staff');
    await expectHeading(page, 'Staff');
    await context.close();
  });

  it('switches to Chinese, keeps <html lang> in sync, and remembers the choice across reloads', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, 'en-US');
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: /^Language:\s*English$/ }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await expectHeading(page, '登录');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByLabel('邮箱').count()).toBe(1);

    await page.reload();
    await expectHeading(page, '登录');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await signInThroughUi(page, server.admin.email, server.admin.password);
    await expectHeading(page, 'Ada Admin，您好');
    await page.getByRole('navigation').getByRole('link', { name: '职责目录' }).waitFor();

    // And back to English.
    await page.getByRole('button', { name: /^语言：\s*简体中文$/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expectHeading(page, 'Hello, Ada Admin');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('starts in Chinese when the browser prefers Chinese', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, 'zh-CN');
    await page.goto('/sign-in');
    await expectHeading(page, '登录');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await context.close();
  });
});

describe('a staff member who is not an admin', () => {
  it('sees no admin navigation and gets a polite "not allowed" page on admin addresses', async () => {
    const agent = await buildStaff(server.db, { name: 'Alan Agent', roles: ['agent'] });
    const { context, page } = await newPage(browser, server.baseUrl);
    await signInThroughUi(page, agent.email, TEST_PASSWORD);
    await expectHeading(page, 'Hello, Alan Agent');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'My account' }).waitFor();
    await expect.poll(() => nav.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    await expect.poll(() => nav.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);

    for (const path of ['/admin/staff', '/admin/departments', '/admin/categories', '/admin/audit']) {
      await page.goto(path);
      await expectHeading(page, 'Not allowed');
      await page.getByText('this page is for administrators only').waitFor();
    }
    await context.close();
  });

  it('is refused (403) when a change is sent without the CSRF token', async () => {
    const agent = await buildStaff(server.db, { roles: ['agent'] });
    const { context, page } = await newPage(browser, server.baseUrl);
    await signInThroughUi(page, agent.email, TEST_PASSWORD);
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'sneaky' }) });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    });
    expect(status.status).toBe(403);
    expect(status.body.error.code).toBe('csrf');
    await context.close();
  });
});
