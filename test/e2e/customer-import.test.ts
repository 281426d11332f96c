import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/** Issue 7's import through the browser: a CSV with one bad row, the error naming row and column, valid rows only imported. */

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

describe('customer import wizard', () => {
  it('uploads a CSV, shows the preview and the bad row with its column, and imports the valid rows', async () => {
    const agent = await buildStaff(server.db, { name: 'Ivy Import', email: 'ivy@example.com', roles: ['agent'] });
    const { context, page } = await newPage(browser, server.baseUrl);
    await signInThroughUi(page, agent.email, agent.password);
    await page.goto('/customers/import');
    await expectHeading(page, 'Import customers');

    const csv = 'Name,Phone,Email,Remark\n张三,13800138000,zhang@example.com,VIP\nLi Si,not a phone,li@example.com,\n王五,13800138005,,\n';
    await page.getByLabel('File (CSV or XLSX)').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    // The header was read as fields; Remark is offered as notes.
    await expect.poll(() => page.getByLabel('Customer field for column "Phone"').inputValue()).toBe('phones');
    await expect.poll(() => page.getByLabel('Customer field for column "Remark"').inputValue()).toBe('notes');
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.textContent()).toContain('张三');
    // The preview shows rows as they will be stored, and flags the bad one before anything is checked on the server.
    const previewRows = preview.locator('tbody tr');
    await expect.poll(() => previewRows.nth(0).locator('td').allTextContents()).toEqual(['张三', '13800138000', 'zhang@example.com', 'VIP', '']);
    await expect.poll(() => previewRows.nth(1).locator('td').last().textContent()).toBe('Phone: "not a phone" is not a phone number');
    await expectNoA11yViolations(page, 'import: columns and preview');

    // Keyboard: leave Remark out with the keyboard, then check every row.
    await page.getByLabel('Customer field for column "Remark"').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByLabel('Customer field for column "Remark"').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Check every row' }).click();
    const summary = page.getByTestId('validation-summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('Rows in the file: 3. Can be imported: 2. With errors: 1.');
    const errorRow = page.getByTestId('import-errors').locator('tbody tr');
    await expect.poll(() => errorRow.count()).toBe(1);
    await expect.poll(() => errorRow.locator('td').allTextContents()).toEqual(['3', 'Phone', '"not a phone" is not a phone number']);
    await expectNoA11yViolations(page, 'import: validation with errors');

    // All or nothing is refused and says so; only the valid rows then import.
    await page.getByLabel('All or nothing').check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining('Rows with errors: 1. All or nothing imports nothing'));
    await page.getByLabel('Only the valid rows').check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent(), { timeout: 20_000 }).toContain('Customers imported from people.csv: 2. Rows with errors skipped: 1.');
    await expectNoA11yViolations(page, 'import: result');
    const names = (await server.db.selectFrom('customers').select('name').orderBy('id').execute()).map((c) => c.name);
    expect(names).toEqual(['张三', '王五']);
    await context.close();

    // The wizard in Chinese: translated and just as accessible.
    const zh = await newPage(browser, server.baseUrl, 'zh-CN');
    await signInThroughUi(zh.page, agent.email, agent.password);
    await zh.page.goto('/customers/import');
    await expectHeading(zh.page, '导入客户');
    await expect.poll(() => zh.page.getByLabel('文件（CSV 或 XLSX）').count()).toBe(1);
    await expectNoA11yViolations(zh.page, 'import (zh-CN)');
    await zh.context.close();
  });
});
