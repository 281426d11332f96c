import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, launchBrowser, newPage, signInThroughUi } from './browser.ts';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let asAdmin: Awaited<ReturnType<typeof apiSession>>;

beforeAll(async () => {
  browser = await launchBrowser();
});
// Every test has a company of its own (a fresh server and database) with the admin signed in, and
// seeds over the API what the steps before it would have built through the screens.
beforeEach(async () => {
  server = await startTestServer();
  ({ context, page } = await newPage(browser, server.baseUrl));
  await signInThroughUi(page, server.admin.email, server.admin.password);
  asAdmin = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
});
afterEach(async () => {
  await context?.close();
  await server?.close();
});
afterAll(async () => {
  await browser?.close();
});

/** Customer Service with its Hotline, as the first test creates them. */
async function seedDepartments() {
  const service = await asAdmin<{ id: number }>('POST', '/api/departments', { name: 'Customer Service' });
  const hotline = await asAdmin<{ id: number }>('POST', '/api/departments', { name: 'Hotline', parentId: service.id });
  return { service, hotline };
}

/** …and Hannah Head added to the Hotline by the admin, as the second test adds her; returns her generated password. */
async function seedHannah() {
  const depts = await seedDepartments();
  const hannah = await asAdmin<{ id: number; generatedPassword: string }>('POST', '/api/staff', { name: 'Hannah Head', email: 'hannah@example.com', departmentId: depts.hotline.id, roles: ['supervisor'], staffClass: 'functional' });
  return { ...depts, hannah };
}

/** Everything the first four tests build: Hannah heads the Hotline, which answers for billing questions. */
async function seedOrganisation() {
  const org = await seedHannah();
  await asAdmin('PATCH', `/api/departments/${org.hotline.id}`, { headId: org.hannah.id });
  const billing = await asAdmin<{ id: number }>('POST', '/api/categories', { name: 'Billing questions', description: 'Bills, meter readings and payments', departmentId: org.hotline.id, defaultHandlerId: org.hannah.id });
  await asAdmin('POST', '/api/categories', { name: 'Wrong bill', parentId: billing.id });
  return org;
}

const dialog = () => page.getByRole('dialog');
const status = () => page.getByRole('status');

/** Picks an option in a Mantine Select inside the open dialog by typing and choosing. */
async function choose(label: string, typed: string, option: string | RegExp) {
  const input = dialog().getByRole('textbox', { name: label });
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

describe('an admin organises the company', () => {
  it('creates a department and a sub-department', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Departments' }).click();
    await expectHeading(page, 'Departments');
    await page.getByText('No departments yet').waitFor();

    await page.getByRole('button', { name: 'New top-level department' }).click();
    await dialog().getByRole('textbox', { name: 'Department name' }).fill('Customer Service');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status().textContent()).toContain('Department Customer Service was created.');

    await page.getByRole('button', { name: 'Actions Customer Service' }).click();
    await page.getByRole('menuitem', { name: 'Add sub-department' }).click();
    await expect.poll(() => dialog().getByRole('heading').first().textContent()).toContain('New sub-department of Customer Service');
    await dialog().getByRole('textbox', { name: 'Department name' }).fill('Hotline');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status().textContent()).toContain('Department Hotline was created.');
    // The parent opened to show its new child; collapsing hides it again.
    await page.getByRole('button', { name: 'Actions Hotline' }).waitFor();
    await page.getByRole('button', { name: 'Collapse Customer Service' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Actions Hotline' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: 'Expand Customer Service' }).getAttribute('aria-expanded')).toBe('false');

    // A duplicate name at the same level is refused next to the field.
    await page.getByRole('button', { name: 'New top-level department' }).click();
    await dialog().getByRole('textbox', { name: 'Department name' }).fill('Customer Service');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await dialog().getByText('There is already one with this name at this level.').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('adds a staff member to the sub-department and sees the generated password once', async () => {
    await seedDepartments();
    await page.getByRole('navigation').getByRole('link', { name: 'Staff' }).click();
    await expectHeading(page, 'Staff');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Hannah Head');
    await dialog().getByRole('textbox', { name: 'Email' }).fill('hannah@example.com');
    await choose('Department', 'Hotline', 'Customer Service / Hotline');
    await dialog().getByRole('checkbox', { name: 'Supervisor' }).check();
    await dialog().getByRole('checkbox', { name: 'Agent' }).uncheck();
    await dialog().getByRole('button', { name: 'Create' }).click();

    await dialog().getByText('Password for Hannah Head').waitFor();
    const generatedPassword = ((await dialog().getByTestId('secret').textContent()) ?? '').trim();
    expect(generatedPassword.length).toBeGreaterThanOrEqual(8);
    await dialog().getByRole('button', { name: 'Done' }).click();
    await dialog().waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: /Hannah Head/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Hotline');
    await expect.poll(() => row.textContent()).toContain('Supervisor');
    await expect.poll(() => row.textContent()).toContain('Active');

    // Searching narrows the table.
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('hannah');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);

    // An email already in use is reported beside the email field.
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await dialog().getByRole('textbox', { name: 'Name' }).fill('Somebody Else');
    await dialog().getByRole('textbox', { name: 'Email' }).fill('hannah@example.com');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await dialog().getByText('Someone already uses this email address.').waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  });

  it('makes the new staff member head of the sub-department', async () => {
    await seedHannah();
    await page.getByRole('navigation').getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('button', { name: 'Expand Customer Service' }).click();
    await page.getByRole('button', { name: 'Actions Hotline' }).click();
    await page.getByRole('menuitem', { name: 'Set head' }).click();
    await choose('Head (search staff)', 'Hannah', /Hannah Head/);
    await dialog().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status().textContent()).toContain('Department Hotline was saved.');
    const hotline = page.locator('li', { has: page.getByRole('button', { name: 'Actions Hotline' }) }).last();
    await expect.poll(() => hotline.textContent()).toContain('Head: Hannah Head');
    await expect.poll(() => hotline.textContent()).toContain('1 person');
  });

  it('maps a duty catalog category to the department with a default handler', async () => {
    await seedHannah();
    await page.getByRole('navigation').getByRole('link', { name: 'Duty catalog' }).click();
    await expectHeading(page, 'Duty catalog');
    await page.getByRole('button', { name: 'New top-level category' }).click();
    await dialog().getByRole('textbox', { name: 'Category name' }).fill('Billing questions');
    await dialog().getByRole('textbox', { name: 'Description' }).fill('Bills, meter readings and payments');
    // Without a department a top-level category is refused before it is sent.
    await dialog().getByRole('button', { name: 'Create' }).click();
    await dialog().getByText('A top-level category needs its responsible department.').first().waitFor();
    await choose('Responsible department', 'Hot', 'Customer Service / Hotline');
    await choose('Default handler (search staff)', 'hannah', /Hannah Head/);
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => status().textContent()).toContain('Category Billing questions was created.');

    await page.getByRole('button', { name: 'Actions Billing questions' }).click();
    await page.getByRole('menuitem', { name: 'Add sub-category' }).click();
    await dialog().getByRole('textbox', { name: 'Category name' }).fill('Wrong bill');
    await dialog().getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => status().textContent()).toContain('Category Wrong bill was created.');

    const tree = page.getByRole('list', { name: 'Duty catalog tree' });
    await expect.poll(() => tree.textContent()).toContain('Responsible: Hotline');
    await expect.poll(() => tree.textContent()).toContain('Default handler: Hannah Head');
    await expect.poll(() => tree.textContent()).toContain('Responsible: Hotline (inherited)');
  });

  it('shows the changes just made in the audit trail, newest first, with before → after', async () => {
    await seedOrganisation();
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await expectHeading(page, 'Audit trail');
    const table = page.getByTestId('audit-table');
    await table.getByText('Created category').first().waitFor();
    const text = (await table.textContent()) ?? '';
    for (const expected of ['Created department', 'Changed department', 'Added staff member', 'Created category', 'Ada Admin', 'Customer Service', 'hannah@example.com']) {
      expect(text).toContain(expected);
    }
    // Newest first: the sub-category came last, so it is the first row.
    const firstRow = page.getByRole('row').nth(1);
    await expect.poll(() => firstRow.textContent()).toContain('Created category');
    await expect.poll(() => firstRow.textContent()).toContain('Wrong bill');
    // The head change shows the field going from empty to Hannah's id.
    const headRow = page.getByRole('row', { name: /Changed department/ }).first();
    await expect.poll(() => headRow.textContent()).toMatch(/headId: \(empty\) → \d+/);

    // Filtering by record type.
    await page.getByRole('textbox', { name: 'Record type' }).click();
    await page.getByRole('option', { name: 'Duty catalog category' }).click();
    await expect.poll(async () => (await table.textContent())?.includes('Created department')).toBe(false);
    await expect.poll(() => table.textContent()).toContain('Created category');
  });

  it('lets the new staff member sign in with the generated password; they are not an admin', async () => {
    const { hannah: { generatedPassword } } = await seedHannah();
    const { context, page: p2 } = await newPage(browser, server.baseUrl);
    await signInThroughUi(p2, 'hannah@example.com', generatedPassword);
    await expectHeading(p2, 'Hello, Hannah Head');
    await p2.getByText('Department: Hotline').waitFor();
    await p2.getByText('Supervisor', { exact: true }).waitFor();
    await expect.poll(() => p2.getByRole('navigation').getByRole('link', { name: 'Departments' }).count()).toBe(0);

    // They change their password on the account page.
    await p2.getByRole('navigation').getByRole('link', { name: 'My account' }).click();
    await p2.getByLabel('Current password').fill('wrong password');
    await p2.getByLabel(/^New password/).fill('a brand new secret');
    await p2.getByLabel('Repeat the new password').fill('a brand new secret');
    await p2.getByRole('button', { name: 'Change password' }).click();
    await p2.getByText('The current password is not correct').waitFor();
    await p2.getByLabel('Current password').fill(generatedPassword);
    await p2.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => p2.getByRole('status').first().textContent()).toContain('Your password was changed.');
    await context.close();
  });

  it('creates an API token, sees its secret once, and revokes it', async () => {
    await page.getByRole('button', { name: 'User menu for Ada Admin' }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await expectHeading(page, 'My account');
    await page.getByText('You have no API tokens.').waitFor();
    await page.getByRole('textbox', { name: 'Token name' }).fill('hotline integration');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = ((await dialog().getByTestId('secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^ctk_/);
    await dialog().getByRole('button', { name: 'Done' }).click();

    // The secret works as a Bearer token…
    const me = await fetch(`${server.baseUrl}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);

    const row = page.getByRole('row', { name: /hotline integration/ });
    await expect.poll(() => row.textContent()).toContain('Active');
    await row.getByRole('button', { name: 'Revoke hotline integration' }).click();
    await dialog().getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    // …until it is revoked.
    const after = await fetch(`${server.baseUrl}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
    expect(after.status).toBe(401);
  });

  it('deactivates and reactivates a staff member, and resets a password', async () => {
    await seedHannah();
    await page.getByRole('navigation').getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('button', { name: 'Deactivate Hannah Head' }).click();
    await dialog().getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => status().textContent()).toContain('Hannah Head was deactivated.');
    await expect.poll(() => page.getByRole('row', { name: /Hannah Head/ }).textContent()).toContain('Inactive');
    await page.getByRole('button', { name: 'Reactivate Hannah Head' }).click();
    await expect.poll(() => status().textContent()).toContain('Hannah Head was reactivated.');

    await page.getByRole('button', { name: 'Reset password Hannah Head' }).click();
    await dialog().getByRole('button', { name: 'Reset password' }).click();
    const secret = ((await dialog().getByTestId('secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await dialog().getByRole('button', { name: 'Done' }).click();
  });

  it('deletes an unused department and deactivates one still in use', async () => {
    await seedOrganisation();
    await page.getByRole('navigation').getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('button', { name: 'New top-level department' }).click();
    await dialog().getByRole('textbox', { name: 'Department name' }).fill('Temporary');
    await dialog().getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Actions Temporary' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status().textContent()).toContain('Department Temporary was deleted.');

    await page.getByRole('button', { name: 'Actions Customer Service' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => status().textContent()).toContain('still in use, so it was deactivated rather than deleted');
  });
});
