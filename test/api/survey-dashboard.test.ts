import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer } from '../helpers/portal.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
/** Shanghai wall time → epoch ms. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  const questions = [
    { key: 'q1', kind: 'scale', dimension: 'trust', text: { zh: '信任吗？', en: 'Trust?' } },
    { key: 'q2', kind: 'scale', dimension: 'empathy', text: { zh: '体谅吗？', en: 'Empathy?' } },
  ];
  const res = await admin.request('POST', '/api/surveys/templates', { name: '回访', questions, forCallback: true });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('satisfaction dashboard', () => {
  it('groups in SQL by the company time zone’s ISO weeks and months, per department, person, channel and dimension, lists low ratings with their follow-up, and honours scope', async () => {
    const company = await buildDepartment(t.db);
    const repair = await buildDepartment(t.db, { parentId: company.id });
    const service = await buildDepartment(t.db, { parentId: company.id });
    const owner = await signIn(t.app, (await buildStaff(t.db, { departmentId: service.id })).email);
    const handler = await signIn(t.app, (await buildStaff(t.db, { departmentId: repair.id })).email);
    const outsider = await signInNew(t, { departmentId: (await buildDepartment(t.db)).id });

    // Sunday 23:30 and Monday 00:30 in Shanghai: two ISO weeks there, one week in UTC (both Sunday).
    const ratings: [number, number, Record<string, number>][] = [
      [shanghai('2026-03-01T23:30:00'), 5, { q1: 5, q2: 4 }],
      [shanghai('2026-03-02T00:30:00'), 2, { q1: 2, q2: 1 }],
      [shanghai('2026-03-02T09:00:00'), 4, { q1: 4, q2: 4 }],
    ];
    const ids: number[] = [];
    for (const [at, satisfaction, answers] of ratings) {
      t.clock.nowMs = at - 3_600_000;
      const customer = await signUpCustomer(t.app);
      const id = (await ok(customer.request('POST', '/api/portal/tickets', { subject: '水压低' }), 201)).id as number;
      await ok(owner.request('POST', `/api/tickets/${id}/pick-up`, {}));
      await ok(owner.request('POST', `/api/tickets/${id}/hand-over`, { departmentId: repair.id, handlerId: handler.userId }));
      await ok(handler.request('POST', `/api/tickets/${id}/accept`, {}));
      await ok(handler.request('POST', `/api/tickets/${id}/resolve`, { result: '已调压' }));
      t.clock.nowMs = at;
      await ok(owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction, channel: 'phone', answers }));
      ids.push(id);
    }
    // The low rating drew a complaint and the ticket was reopened after it.
    await t.db.insertInto('complaints').values({ source: 'phone', complainant_name: '王先生', ticket_id: ids[1]!, summary: '态度差', status: 'investigating', received_at: new Date(ratings[1]![0] + 60_000) }).execute();
    t.clock.nowMs = ratings[1]![0] + 120_000;
    await ok(admin.request('POST', `/api/tickets/${ids[1]}/reopen`, { reason: '客户不满意' }));
    t.clock.nowMs = shanghai('2026-03-10T12:00:00');

    const period = 'from=2026-02-20&to=2026-03-10';
    const d = await ok(admin.request('GET', `/api/surveys/dashboard?${period}`));
    expect(d).toMatchObject({ timeZone: 'Asia/Shanghai', scope: 'all', from: new Date(shanghai('2026-02-20T00:00:00')).toISOString(), overall: { n: 3 } });
    expect(d.overall.mean).toBeCloseTo(11 / 3, 10);
    expect(d.overall.csat).toBeCloseTo(2 / 3, 10);
    expect(d.byWeek).toEqual([
      { key: '2026-W09', label: '2026-W09', n: 1, mean: 5, csat: 1 },
      { key: '2026-W10', label: '2026-W10', n: 2, mean: 3, csat: 0.5 },
    ]);
    expect(d.byMonth.map((m: { key: string; n: number }) => [m.key, m.n])).toEqual([['2026-03', 3]]);
    // Each survey counts once per department it is credited to (the owner's and the handler's).
    expect(d.byDepartment.map((g: { key: number; n: number; label: string }) => [g.key, g.n, g.label]).sort()).toEqual([[repair.id, 3, repair.name], [service.id, 3, service.name]].sort());
    expect(d.byPerson.map((g: { key: number }) => g.key).sort()).toEqual([owner.userId, handler.userId].sort());
    expect(d.byChannel).toEqual([expect.objectContaining({ key: 'phone', n: 3 })]);
    expect(d.dimensions.find((x: { key: string }) => x.key === 'trust')).toMatchObject({ mean: 11 / 3, answers: 3, nameEn: 'Trust' });
    expect(d.dimensions.find((x: { key: string }) => x.key === 'empathy')).toMatchObject({ mean: 3, answers: 3 });
    expect(d.lowRatings).toEqual([expect.objectContaining({ ticketId: ids[1], satisfaction: 2, ownerId: owner.userId, complaints: 1, complaintStatus: 'investigating', reopenedAfter: true, ticketStatus: 'in_progress' })]);
    expect(d.lowRatingsTruncated).toBe(false);

    // The department filter keeps that subtree's credits; a department that does not exist is a 400.
    const onlyRepair = await ok(admin.request('GET', `/api/surveys/dashboard?${period}&departmentId=${repair.id}`));
    expect(onlyRepair.overall.n).toBe(3);
    expect(onlyRepair.byDepartment.map((g: { key: number }) => g.key)).toEqual([repair.id]);
    expect(onlyRepair.byPerson.map((g: { key: number }) => g.key)).toEqual([handler.userId]);
    expect((await ok(admin.request('GET', `/api/surveys/dashboard?${period}&departmentId=999999`), 400)).error.field).toBe('departmentId');

    // Scope: a stranger sees none of it; the handler sees their own credits.
    expect((await ok(outsider.request('GET', `/api/surveys/dashboard?${period}`))).overall.n).toBe(0);
    const mine = await ok(handler.request('GET', `/api/surveys/dashboard?${period}`));
    expect(mine).toMatchObject({ scope: 'own', overall: { n: 3 } });
    expect(mine.byPerson.map((g: { key: number }) => g.key)).toEqual([handler.userId]);
    expect((await t.app.inject({ method: 'GET', url: '/api/surveys/dashboard' })).statusCode).toBe(401);

    // The company's time zone is a setting: in UTC both night ratings fall on Sunday, one week.
    expect((await ok(outsider.request('PATCH', '/api/settings/company', { timeZone: 'UTC' }), 403)).error.code).toBe('forbidden');
    expect((await ok(admin.request('PATCH', '/api/settings/company', { timeZone: 'Mars/Olympus' }), 400)).error.field).toBe('timeZone');
    expect(await ok(admin.request('PATCH', '/api/settings/company', { timeZone: 'UTC' }))).toMatchObject({ timeZone: 'UTC' });
    const utc = await ok(admin.request('GET', '/api/surveys/dashboard?from=2026-02-20T00:00:00Z&to=2026-03-10T00:00:00Z'));
    expect(utc.byWeek.map((w: { key: string; n: number }) => [w.key, w.n])).toEqual([['2026-W09', 2], ['2026-W10', 1]]);
    const results = await ok(admin.request('GET', '/api/surveys/results?from=2026-02-20&to=2026-03-10&groupBy=week'));
    expect(results.timeZone).toBe('UTC');
    expect(await ok(outsider.request('GET', '/api/settings/company'))).toMatchObject({ timeZone: 'UTC', scorecardGradePoints: { A: 100, D: -100 } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'settings').where('entity_id', '=', 'company').execute();
    expect(audit).toEqual([{ action: 'settings.update', actor_id: admin.userId }]);
    await ok(admin.request('PATCH', '/api/settings/company', { timeZone: 'Asia/Shanghai' }));
  });
});
