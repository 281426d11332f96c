import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectNoA11yViolations, headingText, launchBrowser, newPage, signInThroughUi } from './browser.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  // Enough data that every page has rows, a tree with children, badges and menus to check.
  const call = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const service = await call<{ id: number }>('POST', '/api/departments', { name: 'Customer Service' });
  const hotline = await call<{ id: number }>('POST', '/api/departments', { name: 'Hotline', parentId: service.id });
  await call('POST', '/api/departments', { name: 'Field Service' });
  const head = await call<{ id: number }>('POST', '/api/staff', { name: 'Hannah Head', email: 'hannah@example.com', departmentId: hotline.id, staffClass: 'dedicated', roles: ['supervisor', 'agent'] });
  await call('PATCH', `/api/departments/${hotline.id}`, { headId: head.id });
  const old = await call<{ id: number }>('POST', '/api/staff', { name: 'Oliver Old', email: 'oliver@example.com', roles: ['agent'] });
  await call('PATCH', `/api/staff/${old.id}`, { active: false });
  const billing = await call<{ id: number }>('POST', '/api/categories', { name: 'Billing', description: 'Bills and payments', departmentId: hotline.id, defaultHandlerId: head.id });
  await call('POST', '/api/categories', { name: 'Wrong bill', parentId: billing.id });
  await call('POST', '/api/tokens', { name: 'hotline integration' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(page: Page, path: string, ready: string) {
  await page.goto(path);
  await headingText(page);
  await page.getByText(ready).first().waitFor();
}

for (const lang of [
  { locale: 'en-US', name: 'English', texts: { staff: 'Hannah Head', depts: 'Customer Service', cats: 'Billing', audit: 'Created category', tokens: 'hotline integration', home: 'What you can do', signIn: 'Sign in', report: 'How well the service commitments' } },
  { locale: 'zh-CN', name: 'Chinese', texts: { staff: 'Hannah Head', depts: 'Customer Service', cats: 'Billing', audit: '创建类别', tokens: 'hotline integration', home: '您可以使用的功能', signIn: '登录', report: '一段时间内服务承诺的兑现情况' } },
]) {
  describe(`accessibility (axe-core, serious and critical) in ${lang.name}`, () => {
    it('has no violations on any page, with modals and menus open', async () => {
      const { context, page } = await newPage(browser, server.baseUrl, lang.locale);
      await visit(page, '/sign-in', lang.texts.signIn);
      await expectNoA11yViolations(page, `sign-in (${lang.name})`);
      // An error state too.
      await page.locator('input[name="email"]').fill(server.admin.email);
      await page.locator('input[name="password"]').fill('wrong password!');
      await page.locator('button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      await expectNoA11yViolations(page, `sign-in with an error (${lang.name})`);

      await signInThroughUi(page, server.admin.email, server.admin.password);
      await visit(page, '/', lang.texts.home);
      await expectNoA11yViolations(page, `home (${lang.name})`);
      if (lang.locale === 'zh-CN') await page.screenshot({ path: '/tmp/centric-home-zh.png', fullPage: true });

      await visit(page, '/admin/staff', lang.texts.staff);
      await expectNoA11yViolations(page, `staff (${lang.name})`);
      if (lang.locale === 'en-US') await page.screenshot({ path: '/tmp/centric-staff-en.png', fullPage: true });
      await page.getByRole('main').getByRole('button').first().click(); // "Add staff member"
      await page.getByRole('dialog').waitFor();
      await expectNoA11yViolations(page, `staff form modal (${lang.name})`);
      if (lang.locale === 'zh-CN') await page.screenshot({ path: '/tmp/centric-staff-modal-zh.png' });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await visit(page, '/admin/departments', lang.texts.depts);
      await page.getByRole('main').getByRole('button', { expanded: false }).first().click();
      await page.getByText('Hotline').first().waitFor();
      await expectNoA11yViolations(page, `departments (${lang.name})`);
      if (lang.locale === 'zh-CN') await page.screenshot({ path: '/tmp/centric-departments-zh.png', fullPage: true });
      await page.getByRole('main').getByRole('button', { name: /Hotline/ }).last().click();
      await page.getByRole('menu').waitFor();
      await expectNoA11yViolations(page, `departments with a menu open (${lang.name})`);
      await page.keyboard.press('Escape');

      await visit(page, '/admin/categories', lang.texts.cats);
      await page.getByRole('main').getByRole('button', { expanded: false }).first().click();
      await page.getByText('Wrong bill').first().waitFor();
      await expectNoA11yViolations(page, `duty catalog (${lang.name})`);
      if (lang.locale === 'en-US') await page.screenshot({ path: '/tmp/centric-categories-en.png', fullPage: true });

      await visit(page, '/admin/audit', lang.texts.audit);
      await expectNoA11yViolations(page, `audit trail (${lang.name})`);
      if (lang.locale === 'en-US') await page.screenshot({ path: '/tmp/centric-audit-en.png', fullPage: true });

      await visit(page, '/reports/commitments', lang.texts.report);
      await page.getByTestId('report-table').waitFor();
      await expectNoA11yViolations(page, `commitment report (${lang.name})`);

      await visit(page, '/account', lang.texts.tokens);
      await expectNoA11yViolations(page, `account (${lang.name})`);
      if (lang.locale === 'zh-CN') await page.screenshot({ path: '/tmp/centric-account-zh.png', fullPage: true });

      // Accountability screens every staff member has (the office's and supervisors' are in accountability.test.ts).
      const en = lang.locale === 'en-US';
      await visit(page, '/notices', en ? 'Notice board' : '通报栏');
      await expectNoA11yViolations(page, `notice board (${lang.name})`);
      await visit(page, '/my-score', en ? 'My score' : '我的考核');
      await page.getByTestId('suggestion').waitFor();
      await expectNoA11yViolations(page, `my score (${lang.name})`);
      await visit(page, '/complaints', en ? 'Complaints' : '投诉');
      await expectNoA11yViolations(page, `complaints (${lang.name})`);

      await context.close();
    });
  });
}
