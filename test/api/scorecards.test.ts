import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWeeklyScorecards } from '../../src/services/scorecards/open-weekly-scorecards.ts';
import { sendScorecardReminders } from '../../src/services/scorecards/send-scorecard-reminders.ts';
import { buildDepartment, buildScorecardAccount, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let adminEmail: string;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Shanghai wall time → epoch ms. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const ALL_A = { quality: 'A', on_time_delivery: 'A', communication: 'A', service_flexibility: 'A', technical_support: 'A' };

beforeAll(async () => {
  t = await createTestApp();
  adminEmail = (await buildStaff(t.db, { roles: ['admin'] })).email;
});

/** Moves the app's clock and signs the admin in again, so sessions are fresh at the test's time. */
async function at(ms: number) {
  t.clock.nowMs = ms;
  admin = await signIn(t.app, adminEmail);
}
afterAll(() => t.close());

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An account with its manager and planner signed in, and a stranger from another department. */
async function buildTeam() {
  const dept = await buildDepartment(t.db);
  const manager = await buildStaff(t.db, { name: 'Manager', departmentId: dept.id });
  const planner = await buildStaff(t.db, { name: 'Planner', departmentId: dept.id });
  const account = await buildScorecardAccount(t.db, { team: { account_manager: manager.id, planner: planner.id } });
  return {
    account, dept, managerId: manager.id,
    manager: await signIn(t.app, manager.email),
    planner: await signIn(t.app, planner.email),
    stranger: await signInNew(t, { departmentId: (await buildDepartment(t.db)).id }),
  };
}

const cardsOf = (customerId: number) => t.db.selectFrom('scorecards').selectAll().where('customer_id', '=', customerId).orderBy('week_start').execute();

describe('opening weekly scorecards', () => {
  it('opens one per enabled account per Asia/Shanghai ISO week, exactly once even with concurrent openers', async () => {
    await at(shanghai('2026-03-01T20:00:00'));
    const { account } = await buildTeam();
    const off = await buildScorecardAccount(t.db, { scorecardEnabled: false });
    const inactive = await buildScorecardAccount(t.db, { active: false });

    // Sunday 23:59 local (15:59 UTC) is still week 9; Monday 00:00 local (Sunday 16:00 UTC) is week 10.
    const sunday = await openWeeklyScorecards(t.db, shanghai('2026-03-01T23:59:00'));
    expect(sunday).toMatchObject({ weekKey: '2026-W09', weekStart: '2026-02-22T16:00:00.000Z' });
    const [a, b] = await Promise.all([openWeeklyScorecards(t.db, Date.parse('2026-03-01T16:00:00Z')), openWeeklyScorecards(t.db, Date.parse('2026-03-01T16:00:00Z'))]);
    expect(a.weekStart).toBe('2026-03-01T16:00:00.000Z');
    expect(a.weekKey).toBe('2026-W10');
    const cards = await cardsOf(account.id);
    expect(cards.map((c) => [c.week_key, c.week_start.toISOString(), c.status, c.time_zone])).toEqual([
      ['2026-W09', '2026-02-22T16:00:00.000Z', 'open', 'Asia/Shanghai'],
      ['2026-W10', '2026-03-01T16:00:00.000Z', 'open', 'Asia/Shanghai'],
    ]);
    // The week-10 card was opened by exactly one of the two racers.
    expect([...a.opened, ...b.opened].filter((id) => id === cards[1]!.id)).toHaveLength(1);
    expect(await cardsOf(off.id)).toEqual([]);
    expect(await cardsOf(inactive.id)).toEqual([]);

    // Later in the same week (and through the API and the scheduler) nothing opens twice.
    await at(shanghai('2026-03-06T12:00:00'));
    expect((await ok(admin.request('POST', '/api/scorecards/open'))).weekKey).toBe('2026-W10');
    await t.jobs.scorecardScheduler.runOnce();
    expect(await cardsOf(account.id)).toHaveLength(2);
    const agent = await signInNew(t);
    expect((await agent.request('POST', '/api/scorecards/open')).statusCode).toBe(403);
  });
});

describe('answering', () => {
  it('by signed link: valid, tampered, expired, reused; points from the configured grades; a C or D opens one follow-up ticket owned by the account manager', async () => {
    const opened = shanghai('2026-04-06T09:00:00');
    await at(opened);
    const team = await buildTeam();
    await openWeeklyScorecards(t.db, opened);
    const [card] = await cardsOf(team.account.id);

    // The company re-scores A and B-; C and D stay fixed.
    expect((await ok(admin.request('PATCH', '/api/settings/company', { scorecardGradePoints: { C: 10 } }), 400)).error.field).toBe('scorecardGradePoints.C');
    expect((await ok(team.manager.request('PATCH', '/api/settings/company', { scorecardGradePoints: { A: 95 } }), 403)).error.code).toBe('forbidden');
    expect((await ok(admin.request('PATCH', '/api/settings/company', { scorecardGradePoints: { A: 95, 'B-': 40 } }))).scorecardGradePoints).toEqual({ A: 95, 'A-': 90, 'B+': 80, B: 70, 'B-': 40, C: 0, D: -100 });

    expect((await ok(team.stranger.request('POST', `/api/scorecards/${card!.id}/links`, { contactId: team.account.contact.id }), 404)).error.code).toBe('not_found');
    const link = await ok(team.manager.request('POST', `/api/scorecards/${card!.id}/links`, { contactId: team.account.contact.id }), 201);
    expect(link.url).toMatch(/\/scorecard\/[\w-]+\.[\w-]+$/);
    const token = (link.url as string).split('/scorecard/')[1]!;

    const read = await ok(t.app.inject({ method: 'GET', url: `/api/rating/scorecard/${token}` }));
    expect(read).toMatchObject({ accountName: team.account.name, contactName: team.account.contact.name, weekKey: '2026-W15', alreadyAnswered: false });
    const [payload, signature] = token.split('.');
    const tampered = `${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await t.app.inject({ method: 'GET', url: `/api/rating/scorecard/${tampered}` })).statusCode).toBe(404);
    // A rating link's shape is not a scorecard link either.
    expect((await t.app.inject({ method: 'GET', url: '/api/rating/scorecard/abc.def' })).statusCode).toBe(404);

    // A partial answer is refused and writes nothing.
    const partial = await t.app.inject({ method: 'POST', url: `/api/rating/scorecard/${token}`, payload: { grades: { quality: 'A' } } });
    expect(partial.statusCode).toBe(400);
    expect(await t.db.selectFrom('scorecard_answers').select('area').where('scorecard_id', '=', card!.id).execute()).toEqual([]);

    const grades = { quality: 'A', on_time_delivery: 'C', communication: 'B-', service_flexibility: 'D', technical_support: 'A-' };
    const answered = await ok(t.app.inject({ method: 'POST', url: `/api/rating/scorecard/${token}`, payload: { grades, comments: { on_time_delivery: '两批货晚到三天', service_flexibility: '=cmd' } } }), 201);
    expect(answered.meanPoints).toBeCloseTo((95 + 0 + 40 - 100 + 90) / 5, 10);
    const reused = await t.app.inject({ method: 'POST', url: `/api/rating/scorecard/${token}`, payload: { grades: ALL_A } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('already_answered');
    expect((await ok(t.app.inject({ method: 'GET', url: `/api/rating/scorecard/${token}` }))).alreadyAnswered).toBe(true);

    const view = await ok(team.manager.request('GET', `/api/scorecards/${card!.id}`));
    expect(view).toMatchObject({ status: 'answered', channel: 'link', contactId: team.account.contact.id, meanPoints: 25, accountManagerId: team.managerId });
    expect(view.answers.map((a: { area: string; grade: string; points: number }) => [a.area, a.grade, a.points])).toEqual([
      ['quality', 'A', 95], ['on_time_delivery', 'C', 0], ['communication', 'B-', 40], ['service_flexibility', 'D', -100], ['technical_support', 'A-', 90],
    ]);
    // One follow-up ticket, registered by and owned by the account manager, for the account; the manager is told.
    const ticket = await t.db.selectFrom('tickets').selectAll().where('id', '=', view.followUpTicketId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ owner_id: team.managerId, customer_id: team.account.id, priority: 'high' });
    expect(ticket.subject).toContain('2026-W15');
    expect(ticket.description).toContain('两批货晚到三天');
    expect(await t.db.selectFrom('tickets').select('id').where('customer_id', '=', team.account.id).execute()).toHaveLength(1);
    expect(await t.db.selectFrom('notifications').select(['kind', 'ticket_id']).where('recipient_id', '=', team.managerId).where('kind', '=', 'scorecard_follow_up').execute()).toEqual([{ kind: 'scorecard_follow_up', ticket_id: ticket.id }]);
    const audit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('action', '=', 'scorecard.answer').where('entity_id', '=', String(card!.id)).execute();
    expect(audit).toEqual([{ actor_kind: 'customer', actor_id: team.account.id }]);

    // The next week's link expires after 14 days.
    await openWeeklyScorecards(t.db, opened + 7 * DAY_MS);
    const next = (await cardsOf(team.account.id))[1]!;
    const late = (await ok(team.manager.request('POST', `/api/scorecards/${next.id}/links`, { contactId: team.account.contact.id }), 201)).url.split('/scorecard/')[1];
    t.clock.nowMs += 15 * DAY_MS;
    const expired = await t.app.inject({ method: 'POST', url: `/api/rating/scorecard/${late}`, payload: { grades: ALL_A } });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('link_expired');
    await at(t.clock.nowMs);
    await ok(admin.request('PATCH', '/api/settings/company', { scorecardGradePoints: { A: 100, 'B-': 50 } }));
  });

  it('by staff on the contact’s behalf: the account team, office and admin only; all A opens no ticket', async () => {
    await at(shanghai('2026-05-04T09:00:00'));
    const team = await buildTeam();
    await openWeeklyScorecards(t.db, shanghai('2026-05-04T09:00:00'));
    const [card] = await cardsOf(team.account.id);
    const body = { contactId: team.account.contact.id, grades: ALL_A, comments: { quality: '很好' } };
    expect((await team.stranger.request('POST', `/api/scorecards/${card!.id}/answers`, body)).statusCode).toBe(404);
    expect((await ok(team.planner.request('POST', `/api/scorecards/${card!.id}/answers`, { ...body, contactId: 999999 }), 400)).error.field).toBe('contactId');
    expect(await ok(team.planner.request('POST', `/api/scorecards/${card!.id}/answers`, body), 201)).toEqual({ meanPoints: 100, followUpTicketId: null });
    expect((await ok(admin.request('POST', `/api/scorecards/${card!.id}/answers`, body), 409)).error.code).toBe('already_answered');
    const view = await ok(team.manager.request('GET', `/api/scorecards/${card!.id}`));
    expect(view).toMatchObject({ channel: 'staff', enteredByName: 'Planner', followUpTicketId: null });
    expect(view.answers[0]).toMatchObject({ area: 'quality', comment: '很好' });
  });
});

describe('reminders', () => {
  it('remind the account manager at most once a day until answered, exactly once with two instances', async () => {
    const opened = shanghai('2026-06-01T00:30:00');
    await at(opened + 3 * DAY_MS);
    const team = await buildTeam();
    await openWeeklyScorecards(t.db, opened);
    const [card] = await cardsOf(team.account.id);
    const mine = (r: { reminded: { scorecardId: number }[] }) => r.reminded.filter((x) => x.scorecardId === card!.id).length;

    expect(mine(await sendScorecardReminders(t.db, opened + HOUR_MS))).toBe(0);
    const [r1, r2] = await Promise.all([sendScorecardReminders(t.db, opened + DAY_MS + HOUR_MS), sendScorecardReminders(t.db, opened + DAY_MS + HOUR_MS)]);
    expect(mine(r1) + mine(r2)).toBe(1);
    expect(mine(await sendScorecardReminders(t.db, opened + 2 * DAY_MS))).toBe(0);
    expect(mine(await sendScorecardReminders(t.db, opened + 2 * DAY_MS + 2 * HOUR_MS))).toBe(1);
    const row = (await cardsOf(team.account.id))[0]!;
    expect(row).toMatchObject({ reminder_count: 2, last_reminded_at: new Date(opened + 2 * DAY_MS + 2 * HOUR_MS) });
    expect(await t.db.selectFrom('notifications').select('kind').where('recipient_id', '=', team.managerId).execute()).toEqual([{ kind: 'scorecard_reminder' }, { kind: 'scorecard_reminder' }]);

    await ok(team.manager.request('POST', `/api/scorecards/${card!.id}/answers`, { contactId: team.account.contact.id, grades: ALL_A }), 201);
    expect(mine(await sendScorecardReminders(t.db, opened + 10 * DAY_MS))).toBe(0);
  });
});

describe('visibility and trends', () => {
  it('staff see their account teams’ scorecards; the trend gives the weekly index per account and for the team', async () => {
    const weeks = [shanghai('2026-07-06T09:00:00'), shanghai('2026-07-13T09:00:00')];
    await at(weeks[1]! + HOUR_MS);
    const team = await buildTeam();
    const second = await buildScorecardAccount(t.db, { team: { sales: team.managerId } });
    const gradesByWeek = [ALL_A, { ...ALL_A, quality: 'B', communication: 'B' }];
    for (const [i, weekMs] of weeks.entries()) {
      await openWeeklyScorecards(t.db, weekMs);
      for (const acc of [team.account, second]) {
        const card = (await cardsOf(acc.id)).at(-1)!;
        await ok(team.manager.request('POST', `/api/scorecards/${card.id}/answers`, { contactId: acc.contact.id, grades: gradesByWeek[i] }), 201);
      }
    }
    const listed = (await ok(team.manager.request('GET', '/api/scorecards?week=2026-W29'))).items as { customerId: number; status: string }[];
    expect(listed.map((c) => c.customerId).sort()).toEqual([team.account.id, second.id].sort());
    expect((await ok(team.planner.request('GET', '/api/scorecards?week=2026-W29'))).items.map((c: { customerId: number }) => c.customerId)).toEqual([team.account.id]);
    expect((await ok(team.stranger.request('GET', '/api/scorecards'))).items).toEqual([]);
    // A supervisor sees the accounts served by people in their department.
    const supervisor = await signInNew(t, { roles: ['supervisor'], departmentId: team.dept.id });
    expect((await ok(supervisor.request('GET', '/api/scorecards?week=2026-W29'))).items.map((c: { customerId: number }) => c.customerId).sort()).toEqual([team.account.id, second.id].sort());
    expect((await ok(admin.request('GET', '/api/scorecards?week=2026-W29&status=answered'))).items.length).toBeGreaterThanOrEqual(2);
    expect((await ok(admin.request('GET', '/api/scorecards?week=July'), 400)).error.field).toBe('week');
    expect((await team.stranger.request('GET', `/api/scorecards/${(await cardsOf(team.account.id))[0]!.id}`)).statusCode).toBe(404);

    const trend = await ok(team.manager.request('GET', '/api/scorecards/trend?from=2026-07-01&to=2026-08-01'));
    expect(trend.timeZone).toBe('Asia/Shanghai');
    const mine = trend.accounts.find((a: { customerId: number }) => a.customerId === team.account.id);
    expect(mine.points.map((p: { weekKey: string; index: number }) => [p.weekKey, p.index])).toEqual([['2026-W28', 100], ['2026-W29', 88]]);
    expect(mine.points[1].areas).toMatchObject({ quality: 70, communication: 70, on_time_delivery: 100 });
    expect(trend.team).toMatchObject({ staffId: team.managerId });
    expect(trend.team.points.map((p: { weekKey: string; index: number; n: number }) => [p.weekKey, p.index, p.n])).toEqual([['2026-W28', 100, 2], ['2026-W29', 88, 2]]);
    expect((await ok(team.stranger.request('GET', '/api/scorecards/trend?from=2026-07-01&to=2026-08-01'))).accounts).toEqual([]);
  });
});
