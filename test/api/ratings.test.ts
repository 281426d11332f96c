import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPeriodKey } from '../../src/domain/accountability/parse-period.ts';
import { suggestRatingScore } from '../../src/domain/accountability/suggest-rating-score.ts';
import { buildAccountabilityOrg, expectOk, signInAgain, verifyComplaint, type AccountabilityOrg } from '../helpers/accountability.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let period: string;

beforeAll(async () => {
  t = await createTestApp();
  period = getPeriodKey(t.clock.nowMs, 'month', 'Asia/Shanghai');
});
afterAll(() => t.close());

const rate = (client: Client, personId: number, body: Record<string, unknown>) => client.request('POST', `/api/ratings/people/${personId}`, { period, comment: 'Solid month', ...body });

async function ticketOwnedBy(org: AccountabilityOrg, fields: { satisfaction?: number; closed?: boolean } = {}): Promise<number> {
  const res = await expectOk(org.agent.request('POST', '/api/tickets', { channel: 'phone', subject: 'Meter reading', newCustomer: { name: '王女士', phones: ['13800000000'] } }));
  const id = res.json<{ id: number }>().id;
  const at = new Date(t.clock.nowMs);
  if (!fields.satisfaction && !fields.closed) return id;
  await t.db.updateTable('tickets').set({
    ...(fields.satisfaction ? { satisfaction: fields.satisfaction, resolved_at: at } : {}),
    ...(fields.closed ? { status: 'closed', closed_at: at, resolved_at: at } : {}),
  }).where('id', '=', id).execute();
  return id;
}

/** A ticket the agent registers and resolves, and whose customer rates it on the callback: credits frozen at that moment. */
async function ratedTicket(org: AccountabilityOrg, satisfaction: number): Promise<number> {
  const id = await ticketOwnedBy(org);
  await expectOk(org.agent.request('POST', `/api/tickets/${id}/resolve`, { result: '已处理' }));
  await expectOk(org.agent.request('POST', `/api/tickets/${id}/callback`, { satisfaction, channel: 'phone' }));
  return id;
}

describe('rating a person', () => {
  it('lets a superior rate with the level following from the score, and re-rating replaces it (both audited)', async () => {
    const org = await buildAccountabilityOrg(t);
    const first = await rate(org.serviceHead, org.people.agent.id, { score: 8.5 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ personId: org.people.agent.id, period, score: 8.5, level: 'excellent', ratedByName: 'Service head', version: 1 });
    const second = await rate(org.boss, org.people.agent.id, { score: 9.5, comment: 'Outstanding handling of the outage', version: 1 });
    expect(second.json()).toMatchObject({ score: 9.5, level: 'outstanding', ratedByName: 'Boss', version: 2 });
    const stale = await rate(org.serviceHead, org.people.agent.id, { score: 7, version: 1 });
    expect(stale.statusCode).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'rating').where('entity_id', '=', String(first.json().id)).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'rating.create', after: expect.objectContaining({ score: 8.5, level: 'excellent' }) },
      { action: 'rating.update', after: { score: 9.5, level: 'outstanding', comment: 'Outstanding handling of the outage' } },
    ]);
    const snapshot = await t.db.selectFrom('ratings').select(['evidence', 'suggested_score']).where('id', '=', first.json().id).executeTakeFirstOrThrow();
    expect(snapshot.evidence).toMatchObject({ score: 100, suggestion: expect.any(Object) });
  });

  it('maps the edges of each level, and refuses scores outside 0–10 or with three decimals', async () => {
    const org = await buildAccountabilityOrg(t);
    const people = [org.people.agent, org.people.colleague];
    const cases: [number, string][] = [[10, 'outstanding'], [9.5, 'outstanding'], [9.49, 'excellent'], [8.5, 'excellent'], [8.49, 'good'], [7.5, 'good'], [7.49, 'basic'], [6, 'basic'], [5.99, 'failed'], [0, 'failed']];
    for (const [score, level] of cases) {
      const res = await rate(org.serviceHead, people[0]!.id, { score });
      expect(res.json().level, String(score)).toBe(level);
    }
    for (const score of [10.01, -1, 8.555]) {
      const res = await rate(org.serviceHead, people[1]!.id, { score });
      expect(res.statusCode, String(score)).toBe(400);
      expect(res.json().error.field).toBe('score');
    }
    expect((await rate(org.serviceHead, people[1]!.id, { score: 8, comment: '  ' })).json().error.field).toBe('comment');
    expect((await rate(org.serviceHead, people[1]!.id, { score: 8, period: '2026-Q5' })).json().error.field).toBe('period');
    expect(await t.db.selectFrom('ratings').select('id').where('person_id', '=', people[1]!.id).execute()).toEqual([]);
  });

  it('is a superior\'s judgement: not oneself, not one\'s own boss, not a stranger', async () => {
    const org = await buildAccountabilityOrg(t);
    expect((await rate(org.agent, org.people.agent.id, { score: 10 })).statusCode).toBe(403);
    expect((await rate(org.deputy, org.people.serviceHead.id, { score: 3 })).statusCode).toBe(403); // the deputy reports to the head
    expect((await rate(org.colleague, org.people.agent.id, { score: 3 })).statusCode).toBe(404);
    expect((await rate(org.repairHead, org.people.agent.id, { score: 3 })).statusCode).toBe(404);
    expect((await rate(org.officer, org.people.agent.id, { score: 3 })).statusCode).toBe(403);
    expect((await rate(org.deputy, org.people.agent.id, { score: 7 })).statusCode).toBe(200);
  });
});

describe('the evidence beside the rating', () => {
  it('gathers commitments, satisfaction, complaints, deductions and spot checks, and suggests a score by the documented formula', async () => {
    const org = await buildAccountabilityOrg(t);
    const agentId = org.people.agent.id;
    const now = t.clock.nowMs;
    // Commitments: three met, one breached.
    const ticketId = await ratedTicket(org, 4);
    const movedLater = await ratedTicket(org, 2);
    // The ticket changes owner after it was rated: the rating stays the agent's, as the survey credited it.
    await t.db.updateTable('tickets').set({ owner_id: org.people.colleague.id }).where('id', '=', movedLater).execute();
    // Satisfaction written on a ticket with no survey behind it is not evidence.
    await ticketOwnedBy(org, { satisfaction: 1 });
    const calendar = await t.db.selectFrom('calendars').select('id').where('builtin', '=', 'china_mainland').executeTakeFirstOrThrow();
    const commitment = await t.db.insertInto('commitments').values({ position: 0 }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('commitment_versions').values({
      commitment_id: commitment.id, version: 1, name: 'Resolve', level: 1, applies_to: '{}', start_event: 'registered', stop_event: 'resolved', pause_on_wait: true,
      target_value: 1, target_unit: 'working_days', target_minutes: 480, calendar_id: calendar.id, responsible: JSON.stringify({ kind: 'owner' }), stage_kind: 'resolution',
    }).execute();
    for (const [state, breached] of [['met', false], ['met', false], ['met', false], ['breached', true]] as const) {
      const t2 = await ticketOwnedBy(org);
      await t.db.insertInto('clocks').values({
        ticket_id: t2, commitment_id: commitment.id, commitment_version: 1, state, started_at: new Date(now - 3_600_000), stopped_at: state === 'met' ? new Date(now) : null,
        breached_at: breached ? new Date(now) : null, calendar_id: calendar.id, calendar_version: 1, responsible_staff_id: agentId,
      }).execute();
    }
    // One verified complaint, confirmed as a 10-point deduction.
    await verifyComplaint(org, agentId, { ticketId });
    const [deduction] = await t.db.selectFrom('deductions').select('id').where('person_id', '=', agentId).execute();
    await expectOk(org.officer.request('POST', `/api/deductions/${deduction!.id}/decision`, { decision: 'confirm', reason: 'Verified' }));
    // Spot checks: two of the agent's closed tickets audited, one passes.
    await ticketOwnedBy(org, { closed: true });
    await ticketOwnedBy(org, { closed: true });
    const draw = await expectOk(org.officer.request('POST', '/api/spot-checks', { period, count: 1000, seed: 'evidence', stratifyByDepartment: false }));
    const mine = draw.json().items.filter((i: { ownerId: number }) => i.ownerId === agentId);
    expect(mine).toHaveLength(2);
    const checklist = { ownershipKept: true, resultTold: true, callbackMade: true, mannerOk: true };
    await expectOk(org.officer.request('POST', `/api/spot-checks/${draw.json().id}/items/${mine[0].ticketId}`, checklist));
    await expectOk(org.officer.request('POST', `/api/spot-checks/${draw.json().id}/items/${mine[1].ticketId}`, { ...checklist, callbackMade: false }));
    // Drawn and audited again with the same seed: the same two tickets still count once each.
    const redraw = await expectOk(org.officer.request('POST', '/api/spot-checks', { period, count: 1000, seed: 'evidence', stratifyByDepartment: false }));
    await expectOk(org.officer.request('POST', `/api/spot-checks/${redraw.json().id}/items/${mine[0].ticketId}`, checklist));
    await expectOk(org.officer.request('POST', `/api/spot-checks/${redraw.json().id}/items/${mine[1].ticketId}`, { ...checklist, callbackMade: false }));

    const own = await org.agent.request('GET', `/api/ratings/people/${agentId}?period=${period}`);
    expect(own.statusCode).toBe(200);
    const a = own.json();
    expect(a.evidence).toEqual({
      commitments: { met: 3, breached: 1, share: 0.75 },
      satisfaction: { count: 2, mean: 3 },
      verifiedComplaints: 1,
      deductions: { confirmedPoints: 10, confirmedCount: 1, proposedCount: 0 },
      spotChecks: { audited: 2, passed: 1, share: 0.5 },
      score: 90,
    });
    const expected = suggestRatingScore({ commitmentsMet: 0.75, csatMean: 3, verifiedComplaints: 1, confirmedDeductionPoints: 10, spotCheckPassShare: 0.5 });
    expect(a.suggestion).toEqual(expected);
    expect(a.suggestion.score).toBe(5.3);
    expect(a).toMatchObject({ canRate: false, rating: null, ledger: [{ status: 'confirmed', points: 10 }], complaints: [{ status: 'verified' }] });

    // The head sees it and may rate; the sheet lists the head's people with their suggestions.
    expect((await org.serviceHead.request('GET', `/api/ratings/people/${agentId}?period=${period}`)).json()).toMatchObject({ canRate: true, suggestion: { score: 5.3 } });
    const sheet = (await org.serviceHead.request('GET', `/api/ratings/sheet?period=${period}`)).json();
    expect(sheet.items.map((r: { person: { name: string } }) => r.person.name).sort()).toEqual(['Agent', 'Colleague', 'Deputy']);
    expect(sheet.items.find((r: { person: { id: number } }) => r.person.id === agentId)).toMatchObject({ suggestion: { score: 5.3, level: 'failed' }, rating: null });
    expect((await org.agent.request('GET', `/api/ratings/sheet?period=${period}`)).json().items).toEqual([]);
    // The colleague now owns the re-assigned ticket but was never credited its rating.
    expect((await org.serviceHead.request('GET', `/api/ratings/people/${org.people.colleague.id}?period=${period}`)).json().evidence.satisfaction).toEqual({ count: 0, mean: null });
  });

  it('offers the rating screens to a department head without the supervisor role', async () => {
    const org = await buildAccountabilityOrg(t);
    await t.db.updateTable('staff').set({ roles: [] }).where('id', '=', org.people.repairHead.id).execute();
    await signInAgain(t, org);
    expect((await org.repairHead.request('GET', '/api/ratings/reach')).json()).toEqual({ office: false, overseesPeople: true });
    expect((await org.handler.request('GET', '/api/ratings/reach')).json()).toEqual({ office: false, overseesPeople: false });
    expect((await org.officer.request('GET', '/api/ratings/reach')).json()).toEqual({ office: true, overseesPeople: false });
    const sheet = (await org.repairHead.request('GET', `/api/ratings/sheet?period=${period}`)).json();
    expect(sheet.items.map((r: { person: { name: string } }) => r.person.name)).toEqual(['Handler']);
  });
});

describe('reports', () => {
  it('rolls the period up per person and department over the people the viewer may see, and exports CSV', async () => {
    const org = await buildAccountabilityOrg(t);
    await verifyComplaint(org, org.people.agent.id);
    await verifyComplaint(org, org.people.handler.id);
    await expectOk(rate(org.serviceHead, org.people.agent.id, { score: 8 }));
    await t.db.updateTable('staff').set({ name: '=HYPERLINK("x")' }).where('id', '=', org.people.colleague.id).execute();

    const names = async (client: Client) => (await client.request('GET', `/api/ratings/report?period=${period}`)).json().people.map((p: { personId: number }) => p.personId);
    const everyone = Object.values(org.people).map((p) => p.id);
    expect(await names(org.agent)).toEqual([org.people.agent.id]);
    const headSees = await names(org.serviceHead);
    expect(headSees.sort()).toEqual([org.people.serviceHead.id, org.people.agent.id, org.people.colleague.id, org.people.deputy.id].sort());
    const officeSees = await names(org.officer);
    expect(everyone.every((id) => officeSees.includes(id))).toBe(true);

    const report = (await org.serviceHead.request('GET', `/api/ratings/report?period=${period}`)).json();
    expect(report.people.find((p: { personId: number }) => p.personId === org.people.agent.id)).toMatchObject({ verifiedComplaints: 1, ratingScore: 8, ratingLevel: 'good', score: 100 });
    expect(report.departments).toMatchObject([{ departmentId: org.service.id, people: 4, verifiedComplaints: 1, rated: 1, averageRating: 8 }]);

    const csv = await org.serviceHead.request('GET', `/api/ratings/report.csv?period=${period}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="accountability-${period}-people.csv"`);
    expect(csv.body.startsWith('\uFEFFperiod,person_id,name,department,')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(5);
    const byDept = await org.serviceHead.request('GET', `/api/ratings/report.csv?period=${period}&groupBy=department`);
    expect(byDept.body.trim().split('\r\n')[1]).toMatch(new RegExp(`^${period},`));
    expect((await org.serviceHead.request('GET', '/api/ratings/report.csv?period=bad')).statusCode).toBe(400);
  });
});
