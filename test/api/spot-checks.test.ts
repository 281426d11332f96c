import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPeriodKey, parsePeriod } from '../../src/domain/accountability/parse-period.ts';
import { buildAccountabilityOrg, expectOk, type AccountabilityOrg } from '../helpers/accountability.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let period: string;

beforeAll(async () => {
  t = await createTestApp();
  period = getPeriodKey(t.clock.nowMs, 'month', 'Asia/Shanghai');
});
afterAll(() => t.close());

/** Tickets registered by the agent, closed at `closedAtMs` (null: left open), handled in `departmentId`. */
async function closedTickets(org: AccountabilityOrg, n: number, departmentId: number, closedAtMs: number | null): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await expectOk(org.agent.request('POST', '/api/tickets', { channel: 'phone', subject: `Matter ${i}`, newCustomer: { name: '王女士', phones: ['13800000000'] } }));
    ids.push(res.json<{ id: number }>().id);
  }
  await t.db.updateTable('tickets').set(closedAtMs === null ? { handler_department_id: departmentId } : { status: 'closed', closed_at: new Date(closedAtMs), handler_department_id: departmentId }).where('id', 'in', ids).execute();
  return ids;
}

describe('drawing a spot check', () => {
  it('draws a reproducible, stratified share of the period\'s closed tickets', async () => {
    const org = await buildAccountabilityOrg(t);
    const now = t.clock.nowMs;
    const service = await closedTickets(org, 12, org.service.id, now);
    const repair = await closedTickets(org, 3, org.repair.id, now);
    const before = await closedTickets(org, 4, org.repair.id, parsePeriod(period, 'Asia/Shanghai').startMs - 1);
    const open = await closedTickets(org, 2, org.service.id, null);

    const res = await org.officer.request('POST', '/api/spot-checks', { period, share: 0.2, seed: 'june-audit', stratifyByDepartment: true });
    expect(res.statusCode).toBe(201);
    const check = res.json();
    const drawn: number[] = check.items.map((i: { ticketId: number }) => i.ticketId);
    const population = [...service, ...repair];
    expect(drawn.every((id) => population.includes(id))).toBe(true);
    expect(drawn.some((id) => [...before, ...open].includes(id))).toBe(false);
    const strata = Object.fromEntries(check.strata.map((s: { departmentId: number; population: number; sampled: number }) => [s.departmentId, s]));
    // ⌈0.2 · 15⌉ = 3 split by largest remainder: service 12/15·3 = 2.4 → 2, repair 0.6 → 1.
    expect(check.population).toBe(15);
    expect(strata[org.service.id]).toMatchObject({ population: 12, sampled: 2 });
    expect(strata[org.repair.id]).toMatchObject({ population: 3, sampled: 1 });
    expect(drawn.filter((id) => service.includes(id))).toHaveLength(2);
    expect(drawn.filter((id) => repair.includes(id))).toHaveLength(1);
    expect(check).toMatchObject({ seed: 'june-audit', share: 0.2, count: null, stratify: true, audited: 0, passed: 0, period });

    // The same seed over the same closed tickets draws the same sample; a count draws exactly that many.
    const again = (await expectOk(org.officer.request('POST', '/api/spot-checks', { period, share: 0.2, seed: 'june-audit' }))).json();
    expect(again.items.map((i: { ticketId: number }) => i.ticketId)).toEqual(drawn);
    const counted = (await expectOk(org.officer.request('POST', '/api/spot-checks', { period, count: 5, stratifyByDepartment: false }))).json();
    expect(counted.items).toHaveLength(5);
    expect(counted.seed).toMatch(/^[0-9a-f]{16}$/);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'spot_check').where('entity_id', '=', String(check.id)).execute();
    expect(audit).toEqual([{ action: 'spot_check.draw', after: expect.objectContaining({ seed: 'june-audit', sampled: drawn }) }]);
    expect((await org.officer.request('GET', `/api/spot-checks?period=${period}`)).json().items.map((c: { id: number }) => c.id)).toEqual([counted.id, again.id, check.id]);
  });

  it('is for the office only, and refuses bad draws with the field', async () => {
    const org = await buildAccountabilityOrg(t);
    expect((await org.serviceHead.request('POST', '/api/spot-checks', { period, share: 0.1 })).statusCode).toBe(403);
    expect((await org.serviceHead.request('GET', '/api/spot-checks')).statusCode).toBe(403);
    const before = Number((await t.db.selectFrom('spot_checks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const cases: [Record<string, unknown>, string][] = [
      [{ period, share: 0.1, count: 3 }, 'share'],
      [{ period }, 'share'],
      [{ period, share: 1.5 }, 'share'],
      [{ period, share: 0 }, 'share'],
      [{ period, count: 0 }, 'count'],
      [{ period: '2026', share: 0.1 }, 'period'],
    ];
    for (const [body, field] of cases) {
      const res = await org.officer.request('POST', '/api/spot-checks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    const after = Number((await t.db.selectFrom('spot_checks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(before);
  });
});

describe('auditing the sample', () => {
  it('passes a ticket only when every check holds, records who audited, and feeds the owner\'s evidence', async () => {
    const org = await buildAccountabilityOrg(t);
    const ids = await closedTickets(org, 2, org.service.id, t.clock.nowMs);
    const check = (await expectOk(org.officer.request('POST', '/api/spot-checks', { period, count: 1000, seed: 'all' }))).json();
    const mine = check.items.filter((i: { ticketId: number }) => ids.includes(i.ticketId));
    expect(mine).toHaveLength(2);
    const all = { ownershipKept: true, resultTold: true, callbackMade: true, mannerOk: true };

    const missing = await org.officer.request('POST', `/api/spot-checks/${check.id}/items/${ids[0]}`, { ownershipKept: true, resultTold: true, callbackMade: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('mannerOk');
    expect((await org.serviceHead.request('POST', `/api/spot-checks/${check.id}/items/${ids[0]}`, all)).statusCode).toBe(403);
    expect((await org.officer.request('POST', `/api/spot-checks/${check.id}/items/99999999`, all)).statusCode).toBe(404);

    const passed = await org.officer.request('POST', `/api/spot-checks/${check.id}/items/${ids[0]}`, all);
    expect(passed.json()).toMatchObject({ ticketId: ids[0], passed: true, auditedByName: 'Officer', ownerId: org.people.agent.id });
    const failed = await org.officer.request('POST', `/api/spot-checks/${check.id}/items/${ids[1]}`, { ...all, resultTold: false, note: 'Result only given on the second call' });
    expect(failed.json()).toMatchObject({ passed: false, resultTold: false, note: 'Result only given on the second call' });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'spot_check_item').where('entity_id', '=', `${check.id}/${ids[1]}`).execute();
    expect(audit).toEqual([{ action: 'spot_check.audit', before: expect.objectContaining({ passed: null }), after: expect.objectContaining({ passed: false, result_told: false }) }]);

    const summary = (await org.officer.request('GET', `/api/spot-checks/${check.id}`)).json();
    expect(summary).toMatchObject({ audited: 2, passed: 1 });
    const evidence = (await org.agent.request('GET', `/api/ratings/people/${org.people.agent.id}?period=${period}`)).json().evidence;
    expect(evidence.spotChecks).toEqual({ audited: 2, passed: 1, share: 0.5 });
  });
});
