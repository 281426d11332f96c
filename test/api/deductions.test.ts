import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPeriodKey, parsePeriod } from '../../src/domain/accountability/parse-period.ts';
import { buildAccountabilityOrg, expectOk, verifyComplaint, type AccountabilityOrg } from '../helpers/accountability.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let period: string;

beforeAll(async () => {
  t = await createTestApp();
  period = getPeriodKey(t.clock.nowMs, 'month', 'Asia/Shanghai');
});
afterAll(() => t.close());

async function registerTicket(org: AccountabilityOrg): Promise<number> {
  const res = await expectOk(org.agent.request('POST', '/api/tickets', { channel: 'phone', subject: '燃气表漏气', newCustomer: { name: '王女士', phones: ['13800000000'] } }));
  // The registration's own projection runs now, not later over the clocks the tests insert by hand.
  await t.jobs.clockEngine.catchUp();
  return res.json<{ id: number }>().id;
}

/** A commitment stage of `stageKind` and a clock of it on the ticket that breached at `breachedAtMs`, held by `responsibleId`. */
async function insertBreachedClock(ticketId: number, stageKind: 'handover' | 'first_contact' | 'resolution' | 'callback', breachedAtMs: number, responsibleId: number | null): Promise<number> {
  const calendar = await t.db.selectFrom('calendars').select('id').where('builtin', '=', 'china_mainland').executeTakeFirstOrThrow();
  const commitment = await t.db.insertInto('commitments').values({ position: 0 }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('commitment_versions').values({
    commitment_id: commitment.id, version: 1, name: `Stage ${stageKind}`, level: 2, applies_to: '{}', start_event: 'registered', stop_event: 'handed_over',
    pause_on_wait: true, target_value: 2, target_unit: 'hours', target_minutes: 120, calendar_id: calendar.id, responsible: JSON.stringify({ kind: 'owner' }), stage_kind: stageKind,
  }).execute();
  const clock = await t.db.insertInto('clocks').values({
    ticket_id: ticketId, commitment_id: commitment.id, commitment_version: 1, state: 'breached', started_at: new Date(breachedAtMs - 3 * 3_600_000),
    due_at: new Date(breachedAtMs), breached_at: new Date(breachedAtMs), calendar_id: calendar.id, calendar_version: 1, responsible_staff_id: responsibleId,
  }).returning('id').executeTakeFirstOrThrow();
  return clock.id;
}

const scan = (client: Client, p = period) => client.request('POST', '/api/deductions/scan', { period: p });
const ledgerOf = async (personId: number) => t.db.selectFrom('deductions').selectAll().where('person_id', '=', personId).orderBy('id').execute();

describe('proposing deductions from incidents', () => {
  it('turns breached hand-over, contact and resolution stages into proposals with their evidence, once', async () => {
    const org = await buildAccountabilityOrg(t);
    const ticketId = await registerTicket(org);
    const now = t.clock.nowMs;
    const handover = await insertBreachedClock(ticketId, 'handover', now, org.people.agent.id);
    const contact = await insertBreachedClock(ticketId, 'first_contact', now, org.people.handler.id);
    const callback = await insertBreachedClock(ticketId, 'callback', now, org.people.agent.id);
    await insertBreachedClock(ticketId, 'resolution', now, null);
    await insertBreachedClock(ticketId, 'resolution', parsePeriod(period, 'Asia/Shanghai').startMs - 1, org.people.handler.id);
    // The breach attribution named the colleague for this stage: they answer for it, not the clock's current holder.
    const resolution = await insertBreachedClock(ticketId, 'resolution', now, org.people.handler.id);
    const level1 = await insertBreachedClock(ticketId, 'resolution', now, null);
    await t.db.insertInto('clock_attributions').values({ clock_id: level1, kind: 'stage_overrun', stage_clock_id: resolution, staff_id: org.people.colleague.id, department_id: org.service.id }).execute();

    const first = await scan(org.officer);
    expect(first.statusCode).toBe(200);
    const mine = first.json().proposed.filter((d: { ticketId: number }) => d.ticketId === ticketId);
    expect(mine.map((d: { key: string; personId: number; kind: string; points: number; status: string }) => [d.key, d.personId, d.kind, d.points, d.status]).sort()).toEqual([
      [`clock_breach:${contact}`, org.people.handler.id, 'handler_no_contact', 10, 'proposed'],
      [`clock_breach:${handover}`, org.people.agent.id, 'handover_late', 10, 'proposed'],
      [`clock_breach:${resolution}`, org.people.colleague.id, 'handler_late', 10, 'proposed'],
    ].sort());
    expect(mine.find((d: { clockId: number }) => d.clockId === handover)).toMatchObject({ ticketNumber: expect.stringMatching(/^\d{4}-\d{6}$/), departmentId: org.service.id, occurredAt: new Date(now).toISOString() });
    expect((await ledgerOf(org.people.agent.id)).map((d) => d.clock_id)).not.toContain(callback);

    // Scanning again, or two people at once, proposes nothing twice.
    const [again, racing] = await Promise.all([scan(org.officer), scan(org.investigator)]);
    expect(again.json().proposed.filter((d: { ticketId: number }) => d.ticketId === ticketId)).toEqual([]);
    expect(racing.json().proposed.filter((d: { ticketId: number }) => d.ticketId === ticketId)).toEqual([]);
    expect(again.json().skipped).toEqual(expect.arrayContaining([{ reason: 'already_proposed', count: expect.any(Number) }]));
    const keys = await t.db.selectFrom('deductions').select('key').where('ticket_id', '=', ticketId).execute();
    expect(keys).toHaveLength(3);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'deduction').where('entity_id', '=', String(mine[0].id)).execute();
    expect(audit).toEqual([{ action: 'deduction.propose', actor_id: org.people.officer.id }]);
  });

  it('proposes passing the buck for declines beyond the threshold, dated when the threshold was crossed', async () => {
    const org = await buildAccountabilityOrg(t);
    const ticketId = await registerTicket(org);
    for (let i = 0; i < 3; i++) {
      await expectOk(org.agent.request('POST', `/api/tickets/${ticketId}/hand-over`, { departmentId: org.repair.id, handlerId: org.people.handler.id }));
      await expectOk(org.handler.request('POST', `/api/tickets/${ticketId}/decline`, { reason: '不属于本部门职责' }));
    }
    const res = await scan(org.officer);
    const proposals = res.json().proposed.filter((d: { ticketId: number }) => d.ticketId === ticketId);
    expect(proposals).toMatchObject([{ key: `passing_the_buck:${ticketId}:${org.people.handler.id}`, personId: org.people.handler.id, kind: 'passing_the_buck', points: 10 }]);
    expect(proposals[0].eventIds).toHaveLength(3);

    // Two declines on another ticket stay below the threshold (more than 2).
    const other = await registerTicket(org);
    for (let i = 0; i < 2; i++) {
      await expectOk(org.agent.request('POST', `/api/tickets/${other}/hand-over`, { departmentId: org.repair.id, handlerId: org.people.handler.id }));
      await expectOk(org.handler.request('POST', `/api/tickets/${other}/decline`, { reason: 'no' }));
    }
    expect((await scan(org.officer)).json().proposed.filter((d: { ticketId: number }) => d.ticketId === other)).toEqual([]);
  });

  it('proposes passing the buck under the serious rule when the minor one is disabled', async () => {
    const org = await buildAccountabilityOrg(t);
    await expectOk(org.officer.request('PATCH', '/api/deduction-rules/passing_the_buck.minor', { enabled: false }));
    try {
      const ticketId = await registerTicket(org);
      for (let i = 0; i < 3; i++) {
        await expectOk(org.agent.request('POST', `/api/tickets/${ticketId}/hand-over`, { departmentId: org.repair.id, handlerId: org.people.handler.id }));
        await expectOk(org.handler.request('POST', `/api/tickets/${ticketId}/decline`, { reason: '不属于本部门职责' }));
      }
      const proposals = (await scan(org.officer)).json().proposed.filter((d: { ticketId: number }) => d.ticketId === ticketId);
      expect(proposals).toMatchObject([{ personId: org.people.handler.id, kind: 'passing_the_buck', ruleId: 'passing_the_buck.serious', severity: 'serious', points: 30, notice: true }]);
    } finally {
      await expectOk(org.officer.request('PATCH', '/api/deduction-rules/passing_the_buck.minor', { enabled: true }));
    }
  });

  it('only the office scans, and a bad period is refused with the field', async () => {
    const org = await buildAccountabilityOrg(t);
    expect((await scan(org.serviceHead)).statusCode).toBe(403);
    const bad = await scan(org.officer, '2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('period');
  });
});

describe('confirming and dismissing', () => {
  it('confirms with a reason (counted in the score), dismisses with a reason, never twice', async () => {
    const org = await buildAccountabilityOrg(t);
    await verifyComplaint(org, org.people.agent.id, { kind: 'cold_treatment' });
    await verifyComplaint(org, org.people.agent.id, { kind: 'not_informed' });
    const [a, b] = await ledgerOf(org.people.agent.id);
    expect([a?.status, b?.status]).toEqual(['proposed', 'proposed']);

    expect((await org.serviceHead.request('POST', `/api/deductions/${a!.id}/decision`, { decision: 'confirm', reason: 'x' })).statusCode).toBe(403);
    const noReason = await org.officer.request('POST', `/api/deductions/${a!.id}/decision`, { decision: 'confirm', reason: ' ' });
    expect(noReason.json().error.field).toBe('reason');
    const confirmed = await org.officer.request('POST', `/api/deductions/${a!.id}/decision`, { decision: 'confirm', reason: 'Complaint verified, recording reviewed', version: 1 });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', decisionReason: 'Complaint verified, recording reviewed', decidedByName: 'Officer', points: 10, noticeId: null });
    const twice = await org.officer.request('POST', `/api/deductions/${a!.id}/decision`, { decision: 'dismiss', reason: 'changed my mind' });
    expect(twice.statusCode).toBe(409);
    await expectOk(org.officer.request('POST', `/api/deductions/${b!.id}/decision`, { decision: 'dismiss', reason: 'The customer was informed in writing' }));

    const assessment = (await org.agent.request('GET', `/api/ratings/people/${org.people.agent.id}?period=${period}`)).json();
    expect(assessment.evidence.deductions).toEqual({ confirmedPoints: 10, confirmedCount: 1, proposedCount: 0 });
    expect(assessment.evidence.score).toBe(90);
    expect(await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'deduction').where('entity_id', 'in', [String(a!.id), String(b!.id)]).orderBy('id').execute())
      .toEqual([{ action: 'deduction.propose' }, { action: 'deduction.propose' }, { action: 'deduction.confirm' }, { action: 'deduction.dismiss' }]);
  });

  it('a serious case needs its notice of criticism, published on the board with the confirmation', async () => {
    const org = await buildAccountabilityOrg(t);
    await verifyComplaint(org, org.people.handler.id, { kind: 'passing_the_buck', severity: 'serious' });
    const [d] = await ledgerOf(org.people.handler.id);
    expect(d).toMatchObject({ severity: 'serious', points: 30, notice: true });
    const missing = await org.officer.request('POST', `/api/deductions/${d!.id}/decision`, { decision: 'confirm', reason: 'Verified' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('notice.title');
    const emptyBody = await org.officer.request('POST', `/api/deductions/${d!.id}/decision`, { decision: 'confirm', reason: 'Verified', notice: { title: 'Criticism', body: '' } });
    expect(emptyBody.json().error.field).toBe('notice.body');
    expect(await t.db.selectFrom('notices').select('id').where('deduction_id', '=', d!.id).execute()).toEqual([]);

    const ok = await org.officer.request('POST', `/api/deductions/${d!.id}/decision`, { decision: 'confirm', reason: 'Verified', notice: { title: '通报批评', body: '维修部某员工多次推诿客户诉求。' } });
    expect(ok.json()).toMatchObject({ status: 'confirmed', noticeId: expect.any(Number) });
    const board = (await org.outsider.request('GET', '/api/notices')).json().items;
    expect(board).toEqual(expect.arrayContaining([expect.objectContaining({ id: ok.json().noticeId, kind: 'criticism', title: '通报批评', personName: 'Handler', deductionId: d!.id, readAt: null })]));
  });

  it('revises the pending proposal when an appeal upholds the complaint at another severity', async () => {
    const org = await buildAccountabilityOrg(t);
    const id = await verifyComplaint(org, org.people.deputy.id, { kind: 'cold_treatment', severity: 'minor' });
    const [before] = await ledgerOf(org.people.deputy.id);
    expect(before).toMatchObject({ severity: 'minor', points: 10, notice: false, status: 'proposed' });
    await expectOk(org.deputy.request('POST', `/api/complaints/${id}/appeal`, { reason: 'It was a misunderstanding' }));
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/decide-appeal`, { outcome: 'verified', reason: 'The recording is worse than first heard', severity: 'serious' }));
    const after = await ledgerOf(org.people.deputy.id);
    expect(after).toMatchObject([{ id: before!.id, rule_id: 'cold_treatment.serious', severity: 'serious', points: 30, notice: true, status: 'proposed', version: 2 }]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'deduction').where('entity_id', '=', String(before!.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['deduction.propose', 'deduction.revise']);
    expect(audit[1]).toMatchObject({ before: { severity: 'minor', points: 10 }, after: { severity: 'serious', points: 30, ruleId: 'cold_treatment.serious' } });
  });

  it('lets the office confirm at another severity, with that rule\'s points', async () => {
    const org = await buildAccountabilityOrg(t);
    await verifyComplaint(org, org.people.colleague.id, { kind: 'cold_treatment' });
    const [d] = await ledgerOf(org.people.colleague.id);
    const res = await org.officer.request('POST', `/api/deductions/${d!.id}/decision`, { decision: 'confirm', reason: 'Repeated rudeness', severity: 'serious', notice: { title: 'Notice', body: 'Rude to a customer twice.' } });
    expect(res.json()).toMatchObject({ status: 'confirmed', severity: 'serious', points: 30, ruleId: 'cold_treatment.serious' });
  });
});

describe('who sees the ledger', () => {
  it('shows staff their own entries, superiors their subtree, the office everything', async () => {
    const org = await buildAccountabilityOrg(t);
    await verifyComplaint(org, org.people.agent.id);
    await verifyComplaint(org, org.people.handler.id);
    const [agentEntry] = await ledgerOf(org.people.agent.id);
    const [handlerEntry] = await ledgerOf(org.people.handler.id);
    const visible = async (client: Client) => {
      const ids = (await client.request('GET', '/api/deductions?limit=500')).json().items.map((d: { id: number }) => d.id);
      return [agentEntry!.id, handlerEntry!.id].filter((id) => ids.includes(id));
    };
    expect(await visible(org.agent)).toEqual([agentEntry!.id]);
    expect(await visible(org.handler)).toEqual([handlerEntry!.id]);
    expect(await visible(org.colleague)).toEqual([]);
    expect(await visible(org.serviceHead)).toEqual([agentEntry!.id]);
    expect(await visible(org.deputy)).toEqual([agentEntry!.id]);
    expect(await visible(org.repairHead)).toEqual([handlerEntry!.id]);
    expect(await visible(org.boss)).toEqual([agentEntry!.id, handlerEntry!.id]);
    expect(await visible(org.officer)).toEqual([agentEntry!.id, handlerEntry!.id]);
    expect(await visible(org.outsider)).toEqual([]);
    expect((await org.colleague.request('GET', `/api/deductions/${agentEntry!.id}`)).statusCode).toBe(404);
    expect((await org.agent.request('GET', `/api/deductions/${agentEntry!.id}`)).json()).toMatchObject({ id: agentEntry!.id, complaintId: expect.any(Number) });
    // Someone else's assessment is as invisible as the ledger.
    expect((await org.colleague.request('GET', `/api/ratings/people/${org.people.agent.id}?period=${period}`)).statusCode).toBe(404);
  });
});

describe('the rules', () => {
  it('lists the defaults; the office edits them (audited); an agent may not; a bad value names its field', async () => {
    const org = await buildAccountabilityOrg(t);
    const rules = (await org.agent.request('GET', '/api/deduction-rules')).json().items;
    expect(rules).toHaveLength(12);
    expect(rules.find((r: { id: string }) => r.id === 'passing_the_buck.minor')).toMatchObject({ points: 10, notice: false, passingTheBuckThreshold: 2, enabled: true });
    expect(rules.find((r: { id: string }) => r.id === 'handler_late.serious')).toMatchObject({ points: 30, notice: true, passingTheBuckThreshold: null });

    expect((await org.agent.request('PATCH', '/api/deduction-rules/handler_late.minor', { points: 5 })).statusCode).toBe(403);
    const bad = await org.officer.request('PATCH', '/api/deduction-rules/handler_late.minor', { passingTheBuckThreshold: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('passingTheBuckThreshold');
    expect((await org.officer.request('PATCH', '/api/deduction-rules/nope', { points: 5 })).statusCode).toBe(404);
    const edited = await org.officer.request('PATCH', '/api/deduction-rules/not_informed.minor', { points: 15 });
    expect(edited.json()).toMatchObject({ id: 'not_informed.minor', points: 15 });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'deduction_rule').where('entity_id', '=', 'not_informed.minor').execute();
    expect(audit).toEqual([{ action: 'deduction_rule.update', before: { points: 10 }, after: { points: 15 } }]);

    // A new proposal takes the edited points; a disabled rule proposes nothing.
    await verifyComplaint(org, org.people.agent.id, { kind: 'not_informed' });
    expect((await ledgerOf(org.people.agent.id)).map((d) => d.points)).toEqual([15]);
    await expectOk(org.officer.request('PATCH', '/api/deduction-rules/not_informed.minor', { enabled: false, points: 10 }));
    await verifyComplaint(org, org.people.colleague.id, { kind: 'not_informed' });
    expect(await ledgerOf(org.people.colleague.id)).toEqual([]);
    await expectOk(org.officer.request('PATCH', '/api/deduction-rules/not_informed.minor', { enabled: true }));
  });
});
