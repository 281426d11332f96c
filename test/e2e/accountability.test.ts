import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, headingText, launchBrowser, newPage, signInThroughUi } from './browser.ts';
import { CUSTOMER_PASSWORD, portalCustomer, type Call } from './portal-helpers.ts';

/**
 * Issue 6 end to end, through the browser: a customer complains on the portal about the agent who took
 * their request; the office investigates and verifies it as serious; the proposed deduction is confirmed
 * with its notice of criticism; the agent reads the notice (a read receipt the office sees) and finds the
 * deduction on their own score page; the customer sees the outcome but never the findings. Plus axe-core
 * on every accountability screen in both languages.
 */

let server: TestServer;
let browser: Browser;
let officer: { email: string; password: string; id: number };
let agent: { email: string; password: string; id: number };
let head: { email: string; password: string; id: number };
/** Heads the repair department without the supervisor role. */
let repairHead: { email: string; password: string; id: number };
let customer: { email: string; call: Call };
let ticket: { id: number; number: string };
let asOffice: Awaited<ReturnType<typeof apiSession>>;

const FINDINGS = 'INTERNAL: the call recording shows the agent hung up mid-sentence.';
const NOTICE_TITLE = 'Notice of criticism: a customer was cut off';

/**
 * A world of its own for each test (a fresh server and database): the company, the customer and the
 * request they complain about. Each test then brings it, over the API, to the point where it starts.
 */
async function seedWorld(): Promise<void> {
  server = await startTestServer();
  const admin = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const service = await admin<{ id: number }>('POST', '/api/departments', { name: 'Customer Service' });
  const office = await admin<{ id: number }>('POST', '/api/departments', { name: 'Administrative Office' });
  head = await buildStaff(server.db, { name: 'Sam Supervisor', email: 'sam@example.com', roles: ['supervisor', 'agent'], departmentId: service.id });
  await admin('PATCH', `/api/departments/${service.id}`, { headId: head.id });
  agent = await buildStaff(server.db, { name: 'Alice Agent', email: 'alice@example.com', roles: ['agent'], departmentId: service.id, staffClass: 'dedicated' });
  officer = await buildStaff(server.db, { name: 'Olga Office', email: 'olga@example.com', roles: ['office'], departmentId: office.id });
  const repair = await admin<{ id: number }>('POST', '/api/departments', { name: 'Repair' });
  repairHead = await buildStaff(server.db, { name: 'Rita Repair', email: 'rita@example.com', roles: ['agent'], departmentId: repair.id });
  await admin('PATCH', `/api/departments/${repair.id}`, { headId: repairHead.id });
  await buildStaff(server.db, { name: 'Hugo Handler', email: 'hugo@example.com', roles: ['agent'], departmentId: repair.id });
  customer = await portalCustomer(server.baseUrl, 'Lin Customer');
  ticket = await customer.call<{ id: number; number: string }>('POST', '/api/portal/tickets', { subject: 'Gas meter not moving', description: 'The reading has not changed this month.' }, { 'idempotency-key': 'acc-e2e-1' });
  const asAgent = await apiSession(server.baseUrl, agent.email, agent.password);
  await asAgent('POST', `/api/tickets/${ticket.id}/pick-up`, {});
  asOffice = await apiSession(server.baseUrl, officer.email, officer.password);
}

/** The customer's complaint about the agent, filed on the portal as the first test files it through the form. */
async function seedComplaint(): Promise<number> {
  const c = await customer.call<{ id: number }>('POST', '/api/portal/complaints', {
    summary: 'The agent hung up on me', description: 'I called about my meter and was cut off twice.', ticketId: ticket.id, subjectDescription: 'The woman who answered on Monday',
  });
  return c.id;
}

/** …investigated by the office and verified as serious, as the second test does through the screens. */
async function seedVerifiedComplaint(): Promise<number> {
  const id = await seedComplaint();
  const act = async (action: string, body: Record<string, unknown>) => {
    const { version } = await asOffice<{ version: number }>('GET', `/api/complaints/${id}`);
    await asOffice('POST', `/api/complaints/${id}/${action}`, { version, ...body });
  };
  await act('assign', { investigatorId: officer.id });
  await act('update', { subjectStaffId: agent.id, kind: 'cold_treatment', findings: FINDINGS });
  await act('decide', { outcome: 'verified', severity: 'serious', reason: 'The recording confirms it.', earlyDecisionReason: 'The recording settles it before the response is due.', customerMessage: 'You were right; we apologise. The colleague has been spoken to.' });
  return id;
}

/** …and its proposed deduction confirmed with the notice of criticism, as the third test does. */
async function seedConfirmedDeduction(): Promise<{ complaintId: number; noticeTitle: string }> {
  const complaintId = await seedVerifiedComplaint();
  const ledger = await asOffice<{ items: { id: number; version: number; personId: number; status: string }[] }>('GET', '/api/deductions?limit=100');
  const proposal = ledger.items.find((d) => d.personId === agent.id && d.status === 'proposed');
  if (!proposal) throw new Error(`no proposed deduction for the agent: ${JSON.stringify(ledger.items)}`);
  await asOffice('POST', `/api/deductions/${proposal.id}/decision`, {
    version: proposal.version, decision: 'confirm', reason: 'Complaint verified; recording reviewed.', notice: { title: NOTICE_TITLE, body: 'A customer was cut off twice.' },
  });
  return { complaintId, noticeTitle: NOTICE_TITLE };
}

beforeAll(async () => {
  browser = await launchBrowser();
});
beforeEach(async () => {
  await seedWorld();
});
afterEach(async () => {
  await server?.close();
});
afterAll(async () => {
  await browser?.close();
});

const dialog = (page: Page) => page.getByRole('dialog');

async function chooseStaff(page: Page, label: string, typed: string, option: RegExp) {
  await dialog(page).getByRole('textbox', { name: label }).fill(typed);
  await page.getByRole('option', { name: option }).click();
}

describe('complaint → verification → deduction confirmed → notice on the board, read receipt', () => {
  // Each step starts from its own world, seeded over the API to where the step before would leave it.
  const contexts: BrowserContext[] = [];
  async function openPage(): Promise<Page> {
    const { context, page } = await newPage(browser, server.baseUrl);
    contexts.push(context);
    return page;
  }
  async function signedIn(who: { email: string; password: string }): Promise<Page> {
    const page = await openPage();
    await signInThroughUi(page, who.email, who.password);
    return page;
  }
  async function customerSignedIn(): Promise<Page> {
    const page = await openPage();
    await page.goto('/portal');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(CUSTOMER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/portal/requests');
    return page;
  }
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  it('the customer complains on the portal about their request', async () => {
    const page = await customerSignedIn();
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My complaints' }).click();
    await expectHeading(page, 'My complaints');
    await page.getByText('You have made no complaints.').waitFor();
    await expectNoA11yViolations(page, 'portal: my complaints (empty)');
    await page.getByRole('main').getByRole('link', { name: 'Make a complaint' }).click();
    await expectHeading(page, 'Make a complaint');
    await page.getByRole('textbox', { name: 'In one line' }).fill('The agent hung up on me');
    await page.getByRole('textbox', { name: 'What happened' }).fill('I called about my meter and was cut off twice.');
    await page.getByRole('textbox', { name: 'Request' }).click();
    await page.getByRole('option', { name: new RegExp(ticket.number) }).click();
    await page.getByRole('textbox', { name: 'Who was it?' }).fill('The woman who answered on Monday');
    await expectNoA11yViolations(page, 'portal: make a complaint');
    await page.getByRole('button', { name: 'Send the complaint' }).click();
    await page.waitForURL(/\/portal\/complaints\/\d+$/);
    await page.getByText('Thank you. Your complaint was received; we will investigate it.').waitFor();
    await page.getByText(`about request ${ticket.number}`, { exact: false }).waitFor();
    await expectNoA11yViolations(page, 'portal: one complaint');
  });

  it('the office investigates, names the agent and verifies it as serious', async () => {
    const complaintId = await seedComplaint();
    const page = await signedIn(officer);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Complaints' }).click();
    await expectHeading(page, 'Complaints');
    await page.getByTestId('complaints-table').getByRole('link', { name: 'The agent hung up on me' }).click();
    await expectHeading(page, `Complaint #${complaintId}`);
    await expect.poll(() => page.getByTestId('complaint-fields').textContent()).toContain('The woman who answered on Monday');

    const actions = page.getByTestId('complaint-actions');
    await actions.getByRole('button', { name: 'Assign investigator' }).waitFor();
    await expect.poll(() => actions.getByRole('button', { name: 'Verify or reject' }).count()).toBe(0);
    await actions.getByRole('button', { name: 'Assign investigator' }).click();
    await chooseStaff(page, 'Investigator', 'Olga', /^Olga Office/);
    await expectNoA11yViolations(page, 'complaint: assign dialog');
    await dialog(page).getByRole('button', { name: 'Assign investigator' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText('Under investigation').first().waitFor();

    await actions.getByRole('button', { name: 'Record investigation' }).click();
    await chooseStaff(page, 'Person concerned', 'Alice', /^Alice Agent/);
    await dialog(page).getByRole('combobox', { name: 'Kind' }).selectOption('cold_treatment');
    await dialog(page).getByRole('textbox', { name: 'Findings' }).fill(FINDINGS);
    await dialog(page).getByRole('button', { name: 'Record investigation' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText(FINDINGS).waitFor();

    await actions.getByRole('button', { name: 'Verify or reject' }).click();
    await dialog(page).getByRole('radio', { name: 'Serious' }).check();
    await dialog(page).getByRole('textbox', { name: 'Reason' }).fill('The recording confirms it.');
    // Alice has not responded and her time has not run out: verifying now asks why.
    await dialog(page).getByRole('textbox', { name: 'Why decide before the response' }).fill('The recording settles it; the customer is waiting.');
    await dialog(page).getByRole('textbox', { name: 'Message to the complainant' }).fill('You were right; we apologise. The colleague has been spoken to.');
    await expectNoA11yViolations(page, 'complaint: decide dialog');
    await dialog(page).getByRole('button', { name: 'Verify or reject' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText('Done: Verify or reject.').waitFor();
    await expect.poll(() => page.getByTestId('complaint-history').textContent()).toContain('Decided');
    await expectNoA11yViolations(page, 'complaint page (verified)');
    await page.screenshot({ path: '/tmp/centric-complaint-en.png', fullPage: true });
  });

  it('the office confirms the proposed deduction and publishes its notice of criticism', async () => {
    await seedVerifiedComplaint();
    const page = await signedIn(officer);
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deduction ledger' }).click();
    await expectHeading(page, 'Deduction ledger');
    const row = page.getByTestId('ledger-row').filter({ hasText: 'Alice Agent' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Cold treatment');
    await expect.poll(() => row.textContent()).toContain('−30');
    await expectNoA11yViolations(page, 'deduction ledger (proposals)');
    await row.getByRole('button', { name: 'Confirm the deduction of Alice Agent' }).click();
    await dialog(page).getByText('This comes with a company-wide notice of criticism:').waitFor();
    await dialog(page).getByRole('textbox', { name: 'Reason' }).fill('Complaint verified; recording reviewed.');
    await dialog(page).getByRole('textbox', { name: 'Title' }).fill('Notice of criticism: a customer was cut off');
    await expectNoA11yViolations(page, 'confirm deduction dialog');
    await dialog(page).getByRole('button', { name: 'Confirm' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByText('The deduction of Alice Agent was confirmed.').waitFor();

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: /^Notice board/ }).click();
    await expectHeading(page, 'Notice board');
    const notice = page.getByTestId('notice').filter({ hasText: 'Notice of criticism: a customer was cut off' });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Read receipts (0)' }).waitFor();
  });

  it('the agent reads the notice by keyboard and sees the deduction on their own score page', async () => {
    const { complaintId } = await seedConfirmedDeduction();
    const page = await signedIn(agent);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByLabel('1 unread notices').waitFor();
    await nav.getByRole('link', { name: /^Notice board/ }).click();
    await expectHeading(page, 'Notice board');
    const notice = page.getByTestId('notice').filter({ hasText: 'Notice of criticism: a customer was cut off' });
    await notice.getByText('About: Alice Agent', { exact: false }).waitFor();
    await expectNoA11yViolations(page, 'notice board (unread)');
    await notice.getByRole('button', { name: 'Mark as read: Notice of criticism: a customer was cut off' }).focus();
    await page.keyboard.press('Enter');
    await notice.getByTestId('read-at').waitFor();
    await expect.poll(() => nav.getByLabel('1 unread notices').count()).toBe(0);

    await nav.getByRole('link', { name: 'My score' }).click();
    await expectHeading(page, 'My score');
    await expect.poll(() => page.getByTestId('figure-score').textContent()).toContain('70');
    const ledger = page.getByTestId('ledger');
    await ledger.getByText('Confirmed').waitFor();
    await expect.poll(() => ledger.textContent()).toContain(`Complaint #${complaintId}`);
    await expectNoA11yViolations(page, 'my score');
    await page.screenshot({ path: '/tmp/centric-my-score-en.png', fullPage: true });
    // The complaint about them, with the findings, and the way to respond (it is decided: only an appeal is left).
    await page.goto(`/complaints/${complaintId}`);
    await page.getByText(FINDINGS).waitFor();
    await page.getByTestId('complaint-actions').getByRole('button', { name: 'Appeal' }).waitFor();
  });

  it('the office sees the read receipt; the customer sees the outcome and never the findings', async () => {
    const { complaintId } = await seedConfirmedDeduction();
    const asAgent = await apiSession(server.baseUrl, agent.email, agent.password);
    const board = await asAgent<{ items: { id: number; title: string }[] }>('GET', '/api/notices');
    await asAgent('POST', `/api/notices/${board.items.find((n) => n.title === NOTICE_TITLE)!.id}/read`, {});
    const page = await signedIn(officer);
    await page.goto('/notices');
    await expectHeading(page, 'Notice board');
    const notice = page.getByTestId('notice').filter({ hasText: 'Notice of criticism: a customer was cut off' });
    await notice.getByRole('button', { name: 'Read receipts (1)' }).click();
    await expect.poll(() => dialog(page).getByTestId('receipt-count').textContent()).toMatch(/^1 of \d+ people have read it\.$/);
    await expect.poll(() => dialog(page).getByRole('row', { name: /Alice Agent/ }).textContent()).not.toContain('Not yet');
    await expectNoA11yViolations(page, 'read receipts');
    await page.keyboard.press('Escape');

    const c = await customerSignedIn();
    await c.goto(`/portal/complaints/${complaintId}`);
    await c.getByText('We found your complaint justified.').waitFor();
    await c.getByTestId('our-answer').getByText('You were right; we apologise.', { exact: false }).waitFor();
    const text = (await c.locator('main').textContent()) ?? '';
    expect(text).not.toContain('INTERNAL');
    expect(text).not.toContain('The recording confirms it.');
    await c.goto('/portal/complaints');
    await c.getByTestId('complaint-row').getByText('Upheld').waitFor();
  });

  it('a department head without the supervisor role registers a call: customer found by search, ticket by number; it shows on the portal', async () => {
    const page = await signedIn(repairHead);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    // A head rates their people: the Ratings link is there without the supervisor role.
    await nav.getByRole('link', { name: 'Ratings' }).click();
    await expectHeading(page, 'Ratings');
    await page.getByTestId('rating-sheet').getByText('Hugo Handler').waitFor();

    await nav.getByRole('link', { name: 'Complaints' }).click();
    await expectHeading(page, 'Complaints');
    await page.getByRole('main').getByRole('button', { name: 'Register a complaint' }).click();
    await dialog(page).getByRole('textbox', { name: /^Customer \(search/ }).fill('Lin');
    await page.getByRole('option', { name: /Lin Customer/ }).click();
    await expect.poll(() => dialog(page).getByTestId('complaint-customer').textContent()).toBe('Lin Customer');
    await dialog(page).getByRole('textbox', { name: 'Summary' }).fill('Called twice, nobody came back');
    await dialog(page).getByRole('textbox', { name: 'Ticket number' }).fill(ticket.number);
    await expectNoA11yViolations(page, 'register complaint dialog (customer chosen)');
    await dialog(page).getByRole('button', { name: 'Register' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.waitForURL(/\/complaints\/\d+$/);
    await expect.poll(() => page.getByTestId('complaint-fields').textContent()).toContain(ticket.number);
    await expect.poll(() => page.getByTestId('complaint-fields').textContent()).toContain('Lin Customer');

    const c = await customerSignedIn();
    await c.goto('/portal/complaints');
    await c.getByTestId('complaint-row').filter({ hasText: 'Called twice, nobody came back' }).waitFor();
  });
});

describe('accountability screens (axe-core, serious and critical) in both languages', () => {
  for (const lang of [
    { locale: 'en-US', name: 'English', texts: { ratings: 'Ratings', flags: 'Complaint flags', spot: 'Spot checks', reports: 'Accountability reports', rules: 'Deduction rules', complaints: 'Complaints', assess: 'Assessment of Alice Agent' } },
    { locale: 'zh-CN', name: 'Chinese', texts: { ratings: '评级', flags: '投诉标记', spot: '抽查', reports: '问责报表', rules: '扣分规则', complaints: '投诉', assess: 'Alice Agent 的考核' } },
  ]) {
    it(`has no violations on the office's and supervisor's screens in ${lang.name}`, async () => {
      // The screens with something on them: a verified complaint, its confirmed deduction and notice.
      await seedConfirmedDeduction();
      const visit = async (page: Page, path: string, heading: string) => {
        await page.goto(path);
        await expect.poll(() => headingText(page)).toBe(heading);
      };
      const { context, page } = await newPage(browser, server.baseUrl, lang.locale);
      await signInThroughUi(page, officer.email, officer.password);
      await visit(page, '/complaints', lang.texts.complaints);
      await page.getByTestId('complaints-table').waitFor();
      await expectNoA11yViolations(page, `complaints (${lang.name})`);
      await page.getByRole('main').getByRole('button').first().click(); // register a complaint
      await dialog(page).waitFor();
      await expectNoA11yViolations(page, `register complaint dialog (${lang.name})`);
      await page.keyboard.press('Escape');
      await visit(page, '/deductions/rules', lang.texts.rules);
      await expectNoA11yViolations(page, `deduction rules (${lang.name})`);
      await visit(page, '/complaint-flags', lang.texts.flags);
      await expectNoA11yViolations(page, `complaint flags (${lang.name})`);
      await visit(page, '/spot-checks', lang.texts.spot);
      await expectNoA11yViolations(page, `spot checks (${lang.name})`);
      await page.getByRole('main').locator('form').getByRole('button', { name: lang.locale === 'en-US' ? 'Draw' : '抽取' }).click();
      await page.waitForURL(/\/spot-checks\/\d+$/);
      await headingText(page);
      await expectNoA11yViolations(page, `spot check (${lang.name})`);
      await visit(page, '/accountability/reports', lang.texts.reports);
      await page.getByTestId('report-people').waitFor();
      await expectNoA11yViolations(page, `reports (${lang.name})`);
      await context.close();

      const sup = await newPage(browser, server.baseUrl, lang.locale);
      await signInThroughUi(sup.page, head.email, head.password);
      await visit(sup.page, '/ratings', lang.texts.ratings);
      await sup.page.getByTestId('rating-sheet').waitFor();
      await expectNoA11yViolations(sup.page, `ratings (${lang.name})`);
      await sup.page.getByTestId('rating-sheet').getByRole('button').first().click();
      await dialog(sup.page).waitFor();
      await expectNoA11yViolations(sup.page, `rate dialog (${lang.name})`);
      await sup.page.keyboard.press('Escape');
      await visit(sup.page, `/people/${agent.id}/assessment`, lang.texts.assess);
      await sup.page.getByTestId('suggestion').waitFor();
      await expectNoA11yViolations(sup.page, `assessment (${lang.name})`);
      if (lang.locale === 'zh-CN') await sup.page.screenshot({ path: '/tmp/centric-assessment-zh.png', fullPage: true });
      await sup.context.close();
    });
  }
});
