import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, launchBrowser, newPage } from './browser.ts';
import { staffMember, type Call } from './portal-helpers.ts';

/**
 * The customer portal end to end: a customer signs up and in, submits a request; a staff member
 * (over the staff API) picks it up and replies; the customer sees the reply and answers; staff
 * resolve it; the customer confirms the result and rates it.
 */

let server: TestServer;
let browser: Browser;
let staff: Awaited<ReturnType<typeof staffMember>>;

const SCREENSHOT_DIR = '/tmp/centric-portal-screens';

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const admin = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const dept = await admin<{ id: number }>('POST', '/api/departments', { name: 'Power Supply' });
  const outages = await admin<{ id: number }>('POST', '/api/categories', { name: 'Outages', departmentId: dept.id });
  await admin('POST', '/api/categories', { name: 'Power cut at home', parentId: outages.id, departmentId: dept.id });
  staff = await staffMember(server, 'Sam Service');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('customer portal', () => {
  it('sign up, sign in, submit → staff reply → customer reply → resolved → confirm and rate 5', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    const email = `lin-${Date.now()}@example.com`;
    const password = 'a long portal password';

    // Sign-up from the sign-in page's link; the account signs in straight away.
    await page.goto('/portal');
    await expectHeading(page, 'Sign in');
    expect(await page.title()).toContain('Sign in');
    await page.getByRole('link', { name: 'Sign up' }).click();
    await expectHeading(page, 'Sign up');
    await page.getByLabel('Your name').fill('Lin Customer');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Phone (optional)').fill('13900001111');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('The password must be 8 to 200 characters long.').waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL('**/portal/requests');
    await expectHeading(page, 'My requests');
    await page.getByText('You have no requests yet.').waitFor();
    await page.getByText('Signed in as Lin Customer').waitFor();

    // Sign out, then sign in through the form (a wrong password first).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/portal');
    await expectHeading(page, 'Sign in');
    await page.goto('/portal/requests');
    await page.waitForURL('**/portal?next=%2Fportal%2Frequests');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('The email or password is not correct.');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/portal/requests');
    await expectHeading(page, 'My requests');

    // A new request, with a category.
    await page.getByRole('main').getByRole('link', { name: 'New request' }).first().click();
    await expectHeading(page, 'New request');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.getByText('Please fill this in.').waitFor();
    await page.getByLabel('Subject').fill('No power in the kitchen');
    await page.getByLabel('Details (optional)').fill('Since this morning the kitchen sockets are dead. Meter 4711.');
    await page.getByLabel('Kind of matter (optional)').selectOption({ label: 'Outages › Power cut at home' });
    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/\/portal\/requests\/\d+$/);
    await expectHeading(page, 'No power in the kitchen');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('status').getByText(/Your request .+ was submitted\./).waitFor();
    await page.getByText('Status: Submitted').waitFor();
    const details = page.getByTestId('request-details');
    await expect.poll(() => details.textContent()).toContain('Power cut at home');
    await expect.poll(() => details.textContent()).toContain('Not assigned yet');

    // Staff pick it up and reply over the staff API.
    const asStaff: Call = staff.call;
    await asStaff('POST', `/api/tickets/${id}/pick-up`, {});
    await asStaff('POST', `/api/tickets/${id}/reply`, { text: 'Hello, an electrician will come at 14:00. Is someone at home?' });

    // The customer sees the reply, who wrote it, and answers.
    await page.reload();
    await expectHeading(page, 'No power in the kitchen');
    await page.getByText('Status: In progress').waitFor();
    const conversation = page.getByTestId('conversation');
    await conversation.getByText('Hello, an electrician will come at 14:00. Is someone at home?').waitFor();
    await conversation.getByText('Sam Service wrote').waitFor();
    await expect.poll(() => details.textContent()).toContain('Sam Service');
    await page.getByLabel('Your message').fill('Yes, I will be at home all afternoon.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').getByText('Your message was sent.').waitFor();
    await conversation.getByText('Yes, I will be at home all afternoon.').waitFor();
    await conversation.getByText('You wrote').waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/request-in-progress.png`, fullPage: true });

    // Staff see the customer's message on their timeline, and resolve it.
    const staffTimeline = await asStaff<{ items: { type: string; payload: { text?: string } }[] }>('GET', `/api/tickets/${id}/timeline`);
    expect(staffTimeline.items.some((e) => e.type === 'replied' && e.payload.text === 'Yes, I will be at home all afternoon.')).toBe(true);
    await asStaff('POST', `/api/tickets/${id}/resolve`, { result: 'Replaced the blown fuse in the kitchen circuit.' });

    // Resolved: the result, and confirm / rate / reopen are offered.
    await page.reload();
    await page.getByText('Status: Resolved').waitFor();
    await page.getByText('Replaced the blown fuse in the kitchen circuit.').first().waitFor();
    await page.getByRole('heading', { name: 'Rate us' }).waitFor();
    await page.getByRole('heading', { name: 'Not settled?' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/request-resolved.png`, fullPage: true });

    await page.getByLabel('Comment (optional)').first().fill('Works again.');
    await page.getByRole('button', { name: 'Confirm the result' }).click();
    await page.getByRole('status').getByText('Thank you: you confirmed the result.').waitFor();
    await conversation.getByText('You confirmed the result').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Confirm the result' }).count()).toBe(0);
    await page.getByText('You confirmed this result.').waitFor();

    // Rate 5 with a comment: the rating must be chosen first.
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByText('Please choose from 1 to 5.').waitFor();
    const five = page.getByRole('radio', { name: '5 — Very satisfied' });
    await five.check();
    await expect.poll(() => five.isChecked()).toBe(true);
    await page.getByLabel('Comment (optional)').fill('Quick and friendly, thank you!');
    await page.getByRole('button', { name: 'Send my rating' }).click();
    await page.getByRole('status').getByText('Thank you for your rating.').waitFor();
    await page.getByText('Status: Rated').waitFor();
    await conversation.getByText('You rated the result 5 of 5').waitFor();
    await conversation.getByText('Comment: Quick and friendly, thank you!').waitFor();
    await expect.poll(() => details.textContent()).toContain('5 of 5');
    await expect.poll(() => page.getByRole('heading', { name: 'Rate us' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/request-rated.png`, fullPage: true });

    // Staff see the satisfaction recorded.
    const staffView = await asStaff<{ status: string; satisfaction: number }>('GET', `/api/tickets/${id}`);
    expect(staffView).toMatchObject({ status: 'called_back', satisfaction: 5 });

    // My requests lists it as rated.
    await page.getByRole('navigation').getByRole('link', { name: 'My requests' }).click();
    await expectHeading(page, 'My requests');
    const row = page.getByTestId('request-row').filter({ hasText: 'No power in the kitchen' });
    await expect.poll(() => row.textContent()).toContain('Rated');
    await context.close();
  });

  it('works with the keyboard: rate with arrow keys and reply with Tab and Enter', async () => {
    const { context, page } = await newPage(browser, server.baseUrl);
    const customerEmail = `kbd-${Date.now()}@example.com`;
    await page.goto('/portal/sign-up');
    await expectHeading(page, 'Sign up');
    // The name field has focus on arrival.
    await page.keyboard.type('Kim Keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type(customerEmail);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keyboard only please');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/portal/requests');

    await page.goto('/portal/requests/new');
    await expectHeading(page, 'New request');
    await page.keyboard.type('Meter reading looks wrong');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/requests\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await staff.call('POST', `/api/tickets/${id}/pick-up`, {});
    await staff.call('POST', `/api/tickets/${id}/resolve`, { result: 'The meter was read again: 1234 kWh.' });
    await page.reload();
    await page.getByText('Status: Resolved').waitFor();

    // Focus the first star option, then move with arrow keys: radios, not clickable pictures.
    await page.getByRole('radio', { name: '5 — Very satisfied' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: '4 — Satisfied' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fine.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Status: Rated').waitFor();
    await page.getByTestId('conversation').getByText('You rated the result 4 of 5').waitFor();
    await context.close();
  });
});
