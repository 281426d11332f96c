import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/services/context.ts';
import { generateCareVisits } from '../../src/services/care/generate-care-visits.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { createTestApp, signIn, type Client, type TestApp } from '../helpers/test-app.ts';

const DAY_MS = 86_400_000;
// 10:00 in Shanghai on Thursday 2 December 2027 (after the seeded commitment's version took effect): visit dates are local dates there.
const T0 = Date.parse('2027-12-02T02:00:00Z');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.nowMs = T0;
});
afterAll(() => t.close());

const unique = () => Math.random().toString(36).slice(2, 8);
const count = async (table: 'care_entries' | 'care_visit_plans' | 'care_visits') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const careAudits = async () => Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'care.%').executeTakeFirstOrThrow()).n);

async function expectError(res: Promise<{ statusCode: number; json(): unknown }>, status: number, field?: string) {
  const r = await res;
  const body = r.json() as { error?: { field?: string; code?: string } };
  expect({ status: r.statusCode, field: body.error?.field }).toEqual({ status, field });
  return body.error!;
}

/** A community-care department (with a head), a visitor in it, the office, and an agent elsewhere. */
async function buildOrg() {
  const care = await buildDepartment(t.db, { name: `社区关怀 ${unique()}` });
  const headless = await buildDepartment(t.db, { name: `No head ${unique()}` });
  const head = await buildStaff(t.db, { name: `Head ${unique()}`, departmentId: care.id, roles: ['supervisor'] });
  await t.db.updateTable('departments').set({ head_id: head.id }).where('id', '=', care.id).execute();
  const visitor = await buildStaff(t.db, { name: `Visitor ${unique()}`, departmentId: care.id });
  const officer = await buildStaff(t.db, { roles: ['office'] });
  const outsider = await buildStaff(t.db, { departmentId: (await buildDepartment(t.db)).id });
  const people = { head, visitor, officer, outsider };
  const signInAll = async () => ({
    head: await signIn(t.app, head.email), visitor: await signIn(t.app, visitor.email), officer: await signIn(t.app, officer.email), outsider: await signIn(t.app, outsider.email),
  });
  return { care, headless, people, signInAll };
}

const newCustomer = async (name: string) =>
  (await t.db.insertInto('customers').values({ name, phones: ['13800001234'], search_text: name }).returning('id').executeTakeFirstOrThrow()).id;

describe('the special-care register', () => {
  it('refuses bad entries and plans naming the field, writes nothing, and lets only office, supervisors and admins edit', async () => {
    const org = await buildOrg();
    const c = await org.signInAll();
    const customerId = await newCustomer('王奶奶');
    const entry = (body: unknown, who: Client = c.officer) => who.request('POST', '/api/care/entries', body);

    await expectError(entry({ customerId, reasons: ['elderly'] }, c.outsider), 403);
    await expectError(entry({ customerId, reasons: [] }), 400, 'reasons');
    await expectError(entry({ customerId, reasons: ['elderly', 'lonely'] }), 400, 'reasons.1');
    await expectError(entry({ customerId, reasons: ['other'] }), 400, 'note');
    await expectError(entry({ customerId, reasons: ['elderly'], since: '2028-01-01' }), 400, 'since');
    await expectError(entry({ customerId: 99_999_999, reasons: ['elderly'] }), 400, 'customerId');
    await expectError(entry({ reasons: ['elderly'] }), 400, 'customerId');
    await expectError(entry({ customerId, reasons: ['elderly'], colour: 'red' }), 400, 'colour');
    expect([await count('care_entries'), await careAudits()]).toEqual([0, 0]);

    const created = await entry({ customerId, reasons: ['living_alone', 'elderly'], note: '独居，听力不好', since: '2026-11-01' });
    expect(created.statusCode).toBe(201);
    const e = created.json();
    expect(e).toMatchObject({ customerId, customerName: '王奶奶', reasons: ['elderly', 'living_alone'], since: '2026-11-01', active: true, registeredById: c.officer.userId, plans: [], visits: [], canEdit: true });
    await expectError(entry({ customerId, reasons: ['disabled'] }), 409, 'customerId');

    const plan = (body: Record<string, unknown>, who: Client = c.officer) =>
      who.request('POST', `/api/care/entries/${e.id}/plans`, { unit: 'weeks', every: 2, startsOn: '2027-12-07', visitorStaffId: org.people.visitor.id, ...body });
    await expectError(plan({}, c.outsider), 403);
    await expectError(plan({ every: 0 }), 400, 'every');
    await expectError(plan({ unit: 'months', every: 30 }), 400, 'every');
    await expectError(plan({ startsOn: '2026-02-30' }), 400, 'startsOn');
    await expectError(plan({ visitorDepartmentId: org.care.id }), 400, 'visitorStaffId');
    await expectError(plan({ visitorStaffId: null, visitorDepartmentId: org.headless.id }), 400, 'visitorDepartmentId');
    await expectError(plan({ preferredFrom: '10:00', preferredUntil: '09:00' }), 400, 'preferredUntil');
    await expectError(plan({ visitorStaffId: 99_999_999 }), 400, 'visitorStaffId');
    expect(await count('care_visit_plans')).toBe(0);

    // A supervisor may edit too; a stale version overwrites nothing.
    await expectError(c.outsider.request('PATCH', `/api/care/entries/${e.id}`, { note: 'x' }), 403);
    const edited = await c.head.request('PATCH', `/api/care/entries/${e.id}`, { version: 1, reasons: ['elderly', 'disabled'] });
    expect(edited.json()).toMatchObject({ reasons: ['elderly', 'disabled'], note: '独居，听力不好', version: 2 });
    await expectError(c.officer.request('PATCH', `/api/care/entries/${e.id}`, { version: 1, note: 'stale' }), 409, 'version');
    // Every staff member reads the register.
    expect((await c.outsider.request('GET', `/api/care/entries/${e.id}`)).json()).toMatchObject({ id: e.id, canEdit: false });
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'care_entry').where('entity_id', '=', String(e.id)).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['care.entry.create', 'care.entry.update']);
  });

  it('generates each visit ticket exactly once even with generators racing, and keeps the overdue view and the records', async () => {
    const org = await buildOrg();
    let c = await org.signInAll();
    const customerId = await newCustomer('李爷爷');
    const entry = (await c.officer.request('POST', '/api/care/entries', { customerId, reasons: ['elderly'] })).json();
    const weekly = await c.officer.request('POST', `/api/care/entries/${entry.id}/plans`, {
      unit: 'weeks', every: 1, startsOn: '2027-12-03', visitorStaffId: org.people.visitor.id, preferredWeekday: 4, preferredFrom: '09:00', preferredUntil: '11:00', preferredNote: '先打电话',
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    expect(weekly.json()).toMatchObject({ unit: 'weeks', every: 1, startsOn: '2027-12-03', preferredFrom: '09:00', preferredUntil: '11:00', nextVisitOn: '2027-12-03', visitorStaffName: org.people.visitor.name });
    const monthly = (await c.officer.request('POST', `/api/care/entries/${entry.id}/plans`, { unit: 'months', every: 1, startsOn: '2027-12-31', visitorDepartmentId: org.care.id })).json();
    expect(monthly).toMatchObject({ visitorDepartmentId: org.care.id, visitorDepartmentName: org.care.name, nextVisitOn: '2027-12-31' });

    await expectError(c.outsider.request('POST', '/api/care/generate', {}), 403);
    const runs = await Promise.all([
      generateCareVisits(t.db, systemContext(), { nowMs: T0 }),
      generateCareVisits(t.db, systemContext(), { nowMs: T0 }),
      c.officer.request('POST', '/api/care/generate', {}).then((r) => r.json() as { created: number }),
      t.jobs.careVisitGenerator.runOnce(),
    ]);
    // 3, 10, 17, 24, 31 December weekly and 31 December monthly: six visits whoever made them.
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(6);
    expect(await count('care_visits')).toBe(6);
    expect((await generateCareVisits(t.db, systemContext(), { nowMs: T0 })).created).toBe(0);
    const tickets = await t.db.selectFrom('care_visits as v').innerJoin('tickets as tk', 'tk.id', 'v.ticket_id')
      .select(['v.plan_id', 'tk.number', 'tk.kind', 'tk.channel', 'tk.owner_id', 'tk.status', 'tk.category_id', 'tk.customer_id']).orderBy('v.planned_for').orderBy('v.plan_id').execute();
    const setting = await t.db.selectFrom('settings').select('value').where('key', '=', 'care.visit_category_id').executeTakeFirstOrThrow();
    expect(new Set(tickets.map((x) => x.number)).size).toBe(6);
    for (const x of tickets) {
      expect(x).toMatchObject({ kind: 'visit', channel: 'visit', status: 'registered', customer_id: customerId, category_id: Number(setting.value) });
      expect(x.owner_id).toBe(x.plan_id === monthly.id ? org.people.head.id : org.people.visitor.id);
    }
    // Each visit has its own clock from the seeded commitment.
    await t.jobs.clockEngine.catchUp();
    const first = (await c.visitor.request('GET', '/api/care/visits?view=upcoming')).json().items[0];
    expect(first).toMatchObject({ plannedFor: '2027-12-03', ownerId: org.people.visitor.id, preferredNote: '先打电话', daysOverdue: 0 });
    const clocks = (await c.visitor.request('GET', `/api/tickets/${first.ticketId}/clocks`)).json();
    expect(JSON.stringify(clocks)).toContain('关怀探访按计划日完成');

    // Ten days on, two weekly visits are overdue, counted for their visitor.
    t.clock.advance(10 * DAY_MS);
    c = await org.signInAll();
    const overdue = (await c.officer.request('GET', `/api/care/visits?view=overdue&departmentId=${org.care.id}`)).json();
    expect(overdue.items.map((v: { plannedFor: string }) => v.plannedFor)).toEqual(['2027-12-03', '2027-12-10']);
    expect(overdue.items[0].daysOverdue).toBe(9);
    expect(overdue.byVisitor).toEqual([{ staffId: org.people.visitor.id, staffName: org.people.visitor.name, departmentId: org.care.id, departmentName: org.care.name, count: 2 }]);
    const upcomingForHead = (await c.head.request('GET', `/api/care/visits?view=upcoming&visitorId=${org.people.head.id}`)).json();
    expect(upcomingForHead.items.map((v: { plannedFor: string }) => v.plannedFor)).toEqual(['2027-12-31']);
    const listedRes = await c.outsider.request('GET', `/api/care/entries?reason=elderly&visitorStaffId=${org.people.visitor.id}`);
    expect(listedRes.statusCode, listedRes.body).toBe(200);
    const listed = listedRes.json();
    expect(listed.items).toEqual([expect.objectContaining({ id: entry.id, overdueVisits: 2, nextVisitOn: '2027-12-17', visitors: expect.arrayContaining([org.people.visitor.name, org.care.name]) })]);
    expect((await c.outsider.request('GET', `/api/care/entries?reason=disabled&customerId=${customerId}`)).json().items).toEqual([]);

    // Recording: bad input names the field and writes nothing; only the assigned visitor may record.
    const visit = overdue.items[0];
    const record = (body: Record<string, unknown>, who: Client = c.visitor) => who.request('POST', `/api/care/visits/${visit.id}/record`, { findings: '身体不错，燃气灶打火困难', customerConfirmed: true, ...body });
    await expectError(record({ findings: '   ' }), 400, 'findings');
    await expectError(c.visitor.request('POST', `/api/care/visits/${visit.id}/record`, { findings: 'ok' }), 400, 'customerConfirmed');
    await expectError(record({ followUpNeeded: true }), 400, 'followUpSubject');
    await expectError(record({ visitedAt: new Date(t.clock.nowMs + DAY_MS).toISOString() }), 400, 'visitedAt');
    await expectError(record({}, c.outsider), 403);
    await expectError(record({}, c.head), 403);
    const untouched = await t.db.selectFrom('tickets').select(['status', 'version']).where('id', '=', visit.ticketId).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ status: 'registered', version: 1 });
    expect((await t.db.selectFrom('care_visits').select('recorded_at').where('id', '=', visit.id).executeTakeFirstOrThrow()).recorded_at).toBeNull();

    const visitedAt = new Date(t.clock.nowMs - 2 * 3_600_000).toISOString();
    const done = await record({ visitedAt, customerComment: '谢谢小张', followUpNeeded: true, followUpSubject: '更换燃气灶点火器' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ recordedByName: org.people.visitor.name, visitedAt, customerConfirmed: true, customerComment: '谢谢小张', ticketStatus: 'resolved', daysOverdue: 0, followUpTicketNumber: expect.any(String) });
    const timeline = (await c.visitor.request('GET', `/api/tickets/${visit.ticketId}/timeline`)).json();
    const events = (Array.isArray(timeline) ? timeline : timeline.items) as { type: string; payload: Record<string, unknown> }[];
    expect(events.map((ev) => ev.type)).toEqual(expect.arrayContaining(['registered', 'resolved', 'customer_confirmed']));
    expect(events.find((ev) => ev.type === 'resolved')!.payload.result).toBe('身体不错，燃气灶打火困难');
    expect(events.find((ev) => ev.type === 'customer_confirmed')!.payload).toMatchObject({ comment: '谢谢小张', onTheSpot: true });
    const followUp = await t.db.selectFrom('tickets').select(['kind', 'owner_id', 'customer_id', 'subject', 'status']).where('id', '=', done.json().followUpTicketId).executeTakeFirstOrThrow();
    expect(followUp).toEqual({ kind: 'request', owner_id: org.people.visitor.id, customer_id: customerId, subject: '更换燃气灶点火器', status: 'registered' });
    await expectError(record({}), 409);
    // The customer 360 page lists the visits and puts the recorded one on its timeline.
    const view360 = (await c.outsider.request('GET', `/api/customers/${customerId}/360`)).json();
    expect(view360.visits).toHaveLength(6);
    expect(view360.timeline).toContainEqual(expect.objectContaining({ kind: 'visit', at: visitedAt, ref: { type: 'ticket', id: visit.ticketId, label: visit.ticketNumber } }));
    expect((await c.officer.request('GET', `/api/care/visits?view=overdue&visitorId=${org.people.visitor.id}`)).json().items).toHaveLength(1);
    const recordAudit = await t.db.selectFrom('audit_log').select(['actor_id', 'after']).where('action', '=', 'care.visit.record').where('entity_id', '=', String(visit.id)).execute();
    expect(recordAudit).toEqual([{ actor_id: org.people.visitor.id, after: expect.objectContaining({ customerConfirmed: true }) }]);

    // A department's visit: its head owns the ticket and hands it to a visitor, who then records it as its handler.
    const monthlyVisit = upcomingForHead.items[0];
    const handOver = await c.head.request('POST', `/api/tickets/${monthlyVisit.ticketId}/hand-over`, { departmentId: org.care.id, handlerId: org.people.visitor.id });
    expect(handOver.statusCode, handOver.body).toBe(200);
    expect((await c.visitor.request('POST', `/api/tickets/${monthlyVisit.ticketId}/accept`, {})).statusCode).toBe(200);
    const byHandler = await c.visitor.request('POST', `/api/care/visits/${monthlyVisit.id}/record`, { findings: '一切正常', customerConfirmed: false, customerComment: '下次早点来' });
    expect(byHandler.statusCode, byHandler.body).toBe(200);
    expect(byHandler.json()).toMatchObject({ customerConfirmed: false, ticketStatus: 'resolved', ownerId: org.people.head.id, handlerId: org.people.visitor.id });

    // Closing the entry stops its plans: no more visits are generated.
    await expectError(c.officer.request('POST', `/api/care/entries/${entry.id}/close`, { reason: ' ' }), 400, 'reason');
    const closed = (await c.officer.request('POST', `/api/care/entries/${entry.id}/close`, { reason: '搬去女儿家住' })).json();
    expect(closed).toMatchObject({ active: false, closedReason: '搬去女儿家住', plans: [expect.objectContaining({ active: false }), expect.objectContaining({ active: false })] });
    t.clock.advance(40 * DAY_MS);
    expect((await generateCareVisits(t.db, systemContext(), { nowMs: t.clock.nowMs })).created).toBe(0);
  });
});
