import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttribution, buildClock, buildCommitment, buildReportTicket } from '../helpers/clock-factories-report.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { apiSession, expectHeading, expectNoA11yViolations, launchBrowser, newPage, signInThroughUi } from './browser.ts';

/**
 * Issue 4's screens in the browser: the compliance report with its CSV, a ticket's clocks (live
 * countdown, every state in words and colour, the stages under their level-1 clock), and the
 * commitment tree editor (a stage that does not fit its parent is refused on its field, then saved).
 */

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  ({ context, page } = await newPage(browser, server.baseUrl));
  await signInThroughUi(page, server.admin.email, server.admin.password);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the compliance report', () => {
  it('shows the figures per commitment and per department, who caused each breach, and downloads the CSV', async () => {
    const crew = await buildDepartment(server.db, { name: '抢修队' });
    const wang = await buildStaff(server.db, { name: '王五', departmentId: crew.id });
    const promise = await buildCommitment(server.db, { name: 'Repair crew on site', targetMinutes: 30 });
    const stage = await buildCommitment(server.db, { name: 'Crew drives out', level: 2, parentId: promise.id, targetMinutes: 20 });
    const at = (day: number, hhmm: string) => `2026-03-${String(day).padStart(2, '0')}T${hhmm}:00Z`;
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push(await buildReportTicket(server.db, server.admin.id));
    await buildClock(server.db, { ticketId: tickets[0]!.id, commitment: promise, state: 'met', startedAt: at(2, '01:00'), stoppedAt: at(2, '01:20'), elapsedMinutes: 20, departmentId: crew.id, staffId: wang.id });
    await buildClock(server.db, { ticketId: tickets[1]!.id, commitment: promise, state: 'met', startedAt: at(3, '01:00'), stoppedAt: at(3, '01:25'), elapsedMinutes: 25, departmentId: crew.id, staffId: wang.id });
    const late = await buildClock(server.db, { ticketId: tickets[2]!.id, commitment: promise, state: 'breached', startedAt: at(4, '01:00'), breachedAt: at(4, '01:30'), stoppedAt: at(4, '01:45'), elapsedMinutes: 45, lateMinutes: 15, departmentId: crew.id, staffId: wang.id });
    const stageClock = await buildClock(server.db, { ticketId: tickets[2]!.id, commitment: stage, parentClockId: late.id, state: 'breached', startedAt: at(4, '01:05'), breachedAt: at(4, '01:25'), stoppedAt: at(4, '01:40'), elapsedMinutes: 35, lateMinutes: 15, departmentId: crew.id, staffId: wang.id });
    await buildAttribution(server.db, { clockId: late.id, kind: 'stage_overrun', stageClockId: stageClock.id, stageCommitmentId: stage.id, budgetMinutes: 20, usedMinutes: 35, overrunMinutes: 15, departmentId: crew.id, staffId: wang.id });

    await page.getByRole('link', { name: 'Compliance report' }).click();
    await expectHeading(page, 'Commitment compliance');
    await page.getByLabel('From').fill('2026-03-01');
    await page.getByLabel('To (inclusive)').fill('2026-03-31');
    await page.getByRole('button', { name: 'Show' }).click();

    const table = page.getByTestId('report-table');
    const promiseRow = table.getByRole('row', { name: /Repair crew on site/ });
    await promiseRow.waitFor();
    // 3 clocks, 2 met, 1 breach; elapsed 20 25 45 → median 25 min, p90 45 min; 45 / 30 = 150 % of target.
    await expect.poll(async () => (await promiseRow.locator('td').allTextContents()).join(' | ').replace(/\u00a0/g, ' ')).toBe('30 min | 3 | 2 | 1 | 66.7 % | 25 min | 45 min | 83 % | 150 %');
    const attribution = page.getByTestId('attribution-table').getByRole('row', { name: new RegExp(tickets[2]!.number) });
    expect((await attribution.locator('td').allTextContents()).slice(0, 6)).toEqual([tickets[2]!.number, 'Repair crew on site', 'Crew drives out', '15 min', '抢修队', '王五']);
    await expectNoA11yViolations(page, 'commitment report');
    await page.screenshot({ path: '/tmp/centric-commitment-report-en.png', fullPage: true });

    // Per department: one row for the crew, its stage clock included: 4 clocks, 2 breaches.
    const radioId = await page.getByRole('radio', { name: 'Department' }).getAttribute('id');
    await page.locator(`label[for="${radioId}"]`).click();
    const crewRow = table.getByRole('row', { name: /抢修队/ });
    await expect.poll(async () => (await crewRow.locator('td').allTextContents()).join(' | ').replace(/\u00a0/g, ' ')).toBe('4 | 2 | 2 | 50 % | 25 min | 45 min | 83 % | 175 %');

    // The CSV the button offers: UTF-8 with a BOM, the same figures.
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toContain('groupBy=department');
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      return { type: res.headers.get('content-type'), bytes: [...new Uint8Array(await res.arrayBuffer())] };
    }, href!);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(new Uint8Array(csv.bytes.slice(3)));
    expect(text.split('\r\n')[1]).toBe(`抢修队,${crew.id},,,4,2,2,50,25,45,0.833,1.75,30`);
  });
});

/**
 * Clocks written as the engine and scheduler would leave them, on commitments that start on an event
 * the ticket never has (reopened): the engine keeps such stored clocks exactly as they are.
 */
async function seedClock(ticketId: number, commitment: { id: number; calendarId: number }, o: Record<string, unknown>) {
  return server.db
    .insertInto('clocks')
    .values({
      ticket_id: ticketId, commitment_id: commitment.id, commitment_version: 1, state: 'running', started_at: new Date(Date.now() - 20 * 60_000),
      calendar_id: commitment.calendarId, calendar_version: 1, next_fire_at: null, ...o,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function inertCommitment(o: Parameters<typeof buildCommitment>[1]) {
  const c = await buildCommitment(server.db, o);
  await server.db.updateTable('commitment_versions').set({ start_event: 'reopened', stop_event: 'closed' }).where('commitment_id', '=', c.id).execute();
  await server.db.updateTable('commitments').set({ active: false }).where('id', '=', c.id).execute();
  return c;
}

describe('the clocks on the ticket page', () => {
  it('counts down live, names and colours each state, turns warned when the warn time passes, and shows the stages under their level-1 clock', async () => {
    const call = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
    const ticket = await call<{ id: number }>('POST', '/api/tickets', { channel: 'phone', subject: 'Clocks on show', newCustomer: { name: '王女士', phones: ['13800000000'] } });
    const now = Date.now();
    const min = 60_000;
    const repair = await inertCommitment({ name: 'Repaired within 4 h', targetMinutes: 240 });
    const dispatch = await inertCommitment({ name: 'Dispatched within 30 min', level: 2, parentId: repair.id, targetMinutes: 30 });
    const drive = await inertCommitment({ name: 'Crew on site within 1 h', level: 2, parentId: repair.id, targetMinutes: 60, position: 1 });
    const soon = await inertCommitment({ name: 'First answer within 5 min', targetMinutes: 5 });
    const billing = await inertCommitment({ name: 'Billing answered within 1 h', targetMinutes: 60 });
    const callback = await inertCommitment({ name: 'Called back within 1 day', targetMinutes: 1440 });
    const level1 = await seedClock(ticket.id, repair, { running_since: new Date(now - 20 * min), warn_at: new Date(now + 172 * min), due_at: new Date(now + 220 * min) });
    const met = await seedClock(ticket.id, dispatch, { parent_clock_id: level1.id, state: 'met', stopped_at: new Date(now - 8 * min), elapsed_ms_before: 12 * min, elapsed_minutes: 12 });
    const warned = await seedClock(ticket.id, drive, { parent_clock_id: level1.id, running_since: new Date(now - 8 * min), warned: true, warn_at: new Date(now - 60_000), due_at: new Date(now + 10 * min) });
    // Warns on the screen by itself a minute from now (on the page's clock), without a reload or the scheduler.
    const turning = await seedClock(ticket.id, soon, { running_since: new Date(now - 60_000), warn_at: new Date(now + 60_000), due_at: new Date(now + 240_000) });
    const breached = await seedClock(ticket.id, billing, { state: 'breached', running_since: new Date(now - 70 * min), warn_at: new Date(now - 22 * min), due_at: new Date(now - 10 * min), breached_at: new Date(now - 10 * min), warned: true });
    const paused = await seedClock(ticket.id, callback, { state: 'paused', paused_at: new Date(now - 5 * min), elapsed_ms_before: 100 * min });

    // A page of its own whose clock starts where the seeded times were measured from; it flows as
    // usual, and the test jumps it forward instead of waiting.
    const { context: own, page } = await newPage(browser, server.baseUrl);
    await signInThroughUi(page, server.admin.email, server.admin.password);
    await page.clock.install({ time: now });
    await page.goto(`${server.baseUrl}/tickets/${ticket.id}`);
    const panel = page.getByTestId('ticket-clocks');
    const clock = (id: number) => panel.getByTestId(`clock-${id}`);
    await clock(level1.id).waitFor();
    const states = async () =>
      Object.fromEntries(await Promise.all([level1, met, warned, breached, paused].map(async (c) => [c.id, [await clock(c.id).getAttribute('data-state'), await clock(c.id).getByTestId('clock-state').textContent()]])));
    await expect.poll(states).toEqual({
      [level1.id]: ['on_track', 'On track'], [met.id]: ['met', 'Met'], [warned.id]: ['warned', 'Warned'], [breached.id]: ['breached', 'Breached'], [paused.id]: ['paused', 'Paused'],
    });
    // Each state has a colour of its own (beside its name).
    const colours = await Promise.all([level1, met, warned, breached, paused].map((c) => clock(c.id).getByTestId('clock-state').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor)));
    expect(new Set(colours).size).toBe(5);
    await expect.poll(() => clock(met.id).getByTestId('clock-detail').textContent()).toBe('Met in 12 min');
    await expect.poll(() => clock(paused.id).getByTestId('clock-detail').textContent()).toBe('Paused while waiting on the customer · 22 h 20 min left');
    await expect.poll(() => clock(breached.id).getByTestId('clock-detail').textContent()).toMatch(/^Breached and still open|^Overdue by/);

    // The stages sit in a list of their own under the level-1 clock.
    const stages = panel.getByRole('list', { name: 'Stages of Repaired within 4 h' });
    await expect.poll(() => stages.getByRole('listitem').count()).toBe(2);
    await expect.poll(() => stages.getByTestId(`clock-${met.id}`).count()).toBe(1);
    await expect.poll(() => stages.getByTestId(`clock-${warned.id}`).count()).toBe(1);

    // The countdown moves every second; the 5-minute clock turns warned when its warn time passes.
    const detail = clock(level1.id).getByTestId('clock-detail');
    const first = await detail.textContent();
    expect(first).toMatch(/^Due in /);
    await expect.poll(() => clock(turning.id).getAttribute('data-state')).toBe('on_track');
    // A minute on the page's clock, at once: the countdown has moved and the 5-minute clock warned.
    await page.clock.fastForward(61_000);
    await expect.poll(() => detail.textContent()).not.toBe(first);
    await expect.poll(() => clock(turning.id).getAttribute('data-state')).toBe('warned');
    await expectNoA11yViolations(page, 'ticket clocks');
    await own.close();
  });
});

describe('the commitment tree editor', () => {
  it('creates a level-1 commitment, refuses a stage that does not fit it on the target field, and saves it once fixed', async () => {
    await page.goto(`${server.baseUrl}/admin/commitments`);
    await expectHeading(page, 'Service commitments');
    const modal = page.getByRole('dialog');
    const pick = async (label: string, option: string) => {
      await modal.getByRole('textbox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };

    await page.getByRole('button', { name: 'Add commitment' }).click();
    await modal.getByRole('textbox', { name: 'Name' }).fill('Gas leak made safe within 2 h');
    await modal.getByRole('textbox', { name: 'Target' }).fill('2');
    await pick('Unit', 'hours');
    await pick('Calendar', 'Around the clock (24x7)');
    await modal.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Commitment Gas leak made safe within 2 h was created.').waitFor();
    const parentRow = page.getByTestId(/^commitment-\d+$/).filter({ hasText: 'Gas leak made safe within 2 h' });

    await parentRow.getByRole('button', { name: /Actions/ }).click();
    await page.getByRole('menuitem', { name: 'Add stage' }).click();
    await expect.poll(() => modal.getByTestId('commitment-level').textContent()).toContain('Level 2: a stage of Gas leak made safe within 2 h.');
    await modal.getByRole('textbox', { name: 'Name' }).fill('Crew dispatched within 3 h');
    await modal.getByRole('textbox', { name: 'Target' }).fill('3');
    await modal.getByRole('button', { name: 'Create' }).click();
    // The API's refusal is shown on the target field, in words, and nothing is saved.
    const target = modal.getByRole('textbox', { name: 'Target' });
    await expect.poll(() => target.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const message = await page.locator(`#${await target.getAttribute('aria-describedby').then((ids) => ids!.split(' ').find((id) => id.includes('error')))}`).textContent();
    expect(message).toMatch(/more than its target of 2 h/);
    await expectNoA11yViolations(page, 'commitment editor with a validation message');
    expect((await listCommitments()).some((c) => c.name === 'Crew dispatched within 3 h')).toBe(false);

    await target.fill('1');
    await modal.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Commitment Crew dispatched within 3 h was created.').waitFor();
    const stageRow = page.getByTestId(/^commitment-\d+$/).filter({ hasText: 'Crew dispatched within 3 h' });
    await stageRow.waitFor();
    await expect.poll(() => stageRow.textContent()).toContain('Level 2');
    await expect.poll(() => stageRow.textContent()).toContain('Target 1 hours');
    await expectNoA11yViolations(page, 'commitment tree');
  });
});

async function listCommitments() {
  const session = await apiSession(server.baseUrl, server.admin.email, server.admin.password);
  const answer = await session<{ name: string }[] | { items: { name: string }[] }>('GET', '/api/commitments');
  return Array.isArray(answer) ? answer : answer.items;
}
