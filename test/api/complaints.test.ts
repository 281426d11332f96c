import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountabilityOrg, expectOk, signInAgain, verifyComplaint, type AccountabilityOrg } from '../helpers/accountability.ts';
import { signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signInNew, type TestApp } from '../helpers/test-app.ts';

const DAY_MS = 86_400_000;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countComplaints = async () => Number((await t.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const auditActions = async (entity: string, id: number | string) =>
  (await t.db.selectFrom('audit_log').select('action').where('entity', '=', entity).where('entity_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action);

/** A customer with a portal request that the agent picked up (so the agent owns it). */
async function customerWithTicket(org: AccountabilityOrg): Promise<{ customer: PortalClient; ticketId: number }> {
  const customer = await signUpCustomer(t.app, { name: '李女士' });
  const ticket = await expectOk(customer.request('POST', '/api/portal/tickets', { subject: '燃气表不走字' }));
  const ticketId = ticket.json<{ id: number }>().id;
  await expectOk(org.agent.request('POST', `/api/tickets/${ticketId}/pick-up`, {}));
  return { customer, ticketId };
}

describe('a customer complaint from the portal to the verdict', () => {
  it('is filed, investigated, verified and appealed, while the customer sees progress and never the findings', async () => {
    const org = await buildAccountabilityOrg(t);
    const { customer, ticketId } = await customerWithTicket(org);

    const filed = await customer.request('POST', '/api/portal/complaints', { summary: '客服态度冷淡', description: '电话里不耐烦，挂了我的电话', ticketId, subjectDescription: '接电话的男士' });
    expect(filed.statusCode).toBe(201);
    const complaint = filed.json();
    expect(complaint).toMatchObject({ status: 'received', ticketId, canAppeal: false, events: [{ type: 'received' }] });
    const id = complaint.id as number;

    // The office sees it in its queue; the agent it will be about does not yet.
    const queue = (await org.officer.request('GET', '/api/complaints?status=received')).json();
    expect(queue.items.map((c: { id: number }) => c.id)).toContain(id);
    expect((await org.agent.request('GET', `/api/complaints/${id}`)).statusCode).toBe(404);

    await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.investigator.id }));
    const updated = await org.investigator.request('POST', `/api/complaints/${id}/update`, { subjectStaffId: org.people.agent.id, kind: 'cold_treatment', findings: 'SECRET-FINDINGS: the recording confirms a curt tone.' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ subjectStaffId: org.people.agent.id, subjectDepartmentId: org.service.id, findings: expect.stringContaining('SECRET-FINDINGS') });
    await expectOk(org.investigator.request('POST', `/api/complaints/${id}/evidence`, { kind: 'ticket', description: 'The ticket in question', ticketId }));
    await expectOk(org.investigator.request('POST', `/api/complaints/${id}/evidence`, { kind: 'link', description: 'Call recording', url: 'https://recordings.example/123' }));

    // Now the person concerned sees it in full and responds.
    const asSubject = (await org.agent.request('GET', `/api/complaints/${id}`)).json();
    expect(asSubject).toMatchObject({ access: 'full', actions: ['respond'], evidence: [{ kind: 'ticket' }, { kind: 'link', url: 'https://recordings.example/123' }] });
    await expectOk(org.agent.request('POST', `/api/complaints/${id}/respond`, { text: 'SECRET-RESPONSE: the line was busy all morning.' }));

    const decided = await org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: 'verified', reason: 'SECRET-REASON: recording is clear', severity: 'minor', customerMessage: '我们已核实并向您致歉。' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'verified', severity: 'minor', actions: [] });

    // The verification proposed the deduction it warrants: nothing is punished until the office confirms.
    const ledger = await t.db.selectFrom('deductions').selectAll().where('complaint_id', '=', id).execute();
    expect(ledger).toMatchObject([{ key: `complaint:${id}`, person_id: org.people.agent.id, kind: 'cold_treatment', severity: 'minor', points: 10, status: 'proposed', ticket_id: ticketId }]);

    // The customer follows it: upheld, with the message, and nothing internal.
    const seen = await customer.request('GET', `/api/portal/complaints/${id}`);
    expect(seen.json()).toMatchObject({ status: 'upheld', customerMessage: '我们已核实并向您致歉。', canAppeal: false });
    expect(seen.json().events.map((e: { type: string }) => e.type)).toEqual(['received', 'investigation_started', 'decided']);
    for (const secret of ['SECRET-FINDINGS', 'SECRET-RESPONSE', 'SECRET-REASON', 'recordings.example', 'investigatorId']) expect(seen.body).not.toContain(secret);
    const list = await customer.request('GET', '/api/portal/complaints');
    expect(list.json().items).toMatchObject([{ id, status: 'upheld' }]);
    for (const secret of ['SECRET-FINDINGS', 'SECRET-RESPONSE', 'SECRET-REASON']) expect(list.body).not.toContain(secret);

    // The agent appeals the verification; the office overturns it and the proposal falls away with it.
    expect((await customer.request('POST', `/api/portal/complaints/${id}/appeal`, { reason: 'x' })).statusCode).toBe(403);
    await expectOk(org.agent.request('POST', `/api/complaints/${id}/appeal`, { reason: 'The customer hung up first.' }));
    expect((await customer.request('GET', `/api/portal/complaints/${id}`)).json().status).toBe('appealed');
    const final = await org.officer.request('POST', `/api/complaints/${id}/decide-appeal`, { outcome: 'rejected', reason: 'The full recording shows the customer hung up.', customerMessage: '复核后未能认定。' });
    expect(final.json()).toMatchObject({ status: 'rejected', actions: [] });
    expect(await t.db.selectFrom('deductions').select(['status', 'decision_reason']).where('complaint_id', '=', id).execute()).toEqual([{ status: 'dismissed', decision_reason: 'The complaint was overturned on appeal' }]);
    // One appeal only: the customer cannot appeal the final rejection.
    const again = await customer.request('POST', `/api/portal/complaints/${id}/appeal`, { reason: 'still unhappy' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_appealed');

    expect(await auditActions('complaint', id)).toEqual([
      'complaint.file', 'complaint.assign', 'complaint.update', 'complaint.add_evidence', 'complaint.add_evidence', 'complaint.respond',
      'complaint.decide', 'complaint.appeal', 'complaint.decide_appeal',
    ]);
    const deductionId = ledger[0]!.id;
    expect(await auditActions('deduction', deductionId)).toEqual(['deduction.propose', 'deduction.dismiss']);
  });

  it('lets the customer appeal a rejection once, and never shows them someone else\'s complaint', async () => {
    const org = await buildAccountabilityOrg(t);
    const { customer } = await customerWithTicket(org);
    const id = (await expectOk(customer.request('POST', '/api/portal/complaints', { summary: 'Nobody called back' }))).json().id as number;
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.officer.id }));
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/update`, { findings: 'Callback logged on time.' }));
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: 'rejected', reason: 'Callback made', customerMessage: 'We called you on Monday.' }));
    expect((await customer.request('GET', `/api/portal/complaints/${id}`)).json()).toMatchObject({ status: 'not_upheld', canAppeal: true, customerMessage: 'We called you on Monday.' });

    const other = await signUpCustomer(t.app);
    expect((await other.request('GET', `/api/portal/complaints/${id}`)).statusCode).toBe(404);
    expect((await other.request('POST', `/api/portal/complaints/${id}/appeal`, { reason: 'x' })).statusCode).toBe(404);
    expect((await other.request('GET', '/api/portal/complaints')).json().items).toEqual([]);

    const appealed = await customer.request('POST', `/api/portal/complaints/${id}/appeal`, { reason: 'I was at home all Monday.' });
    expect(appealed.json()).toMatchObject({ status: 'appealed', canAppeal: false });
    expect((await t.db.selectFrom('complaints').select(['appealed_by_kind', 'appealed_by_id']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ appealed_by_kind: 'customer', appealed_by_id: customer.customerId });
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/decide-appeal`, { outcome: 'rejected', reason: 'Phone log confirms the call' }));
    expect((await customer.request('POST', `/api/portal/complaints/${id}/appeal`, { reason: 'again' })).statusCode).toBe(409);
  });

  it('refuses a portal complaint about someone else\'s ticket or with bad input, and writes nothing', async () => {
    const org = await buildAccountabilityOrg(t);
    const { ticketId } = await customerWithTicket(org);
    const stranger = await signUpCustomer(t.app);
    const before = await countComplaints();
    const cases: [Record<string, unknown>, string][] = [
      [{ summary: 'x', ticketId }, 'ticketId'],
      [{ summary: 'x', ticketId: 99999999 }, 'ticketId'],
      [{ summary: '   ' }, 'summary'],
      [{ summary: 'x'.repeat(201) }, 'summary'],
      [{ summary: 'x', unknown: 1 }, 'unknown'],
    ];
    for (const [body, field] of cases) {
      const res = await stranger.request('POST', '/api/portal/complaints', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await countComplaints()).toBe(before);
  });
});

describe('complaints registered by staff', () => {
  it('takes a customer\'s complaint by phone or letter and a colleague\'s own, with an Idempotency-Key', async () => {
    const org = await buildAccountabilityOrg(t);
    const byPhone = await org.agent.request('POST', '/api/complaints', { source: 'letter', complainantName: '赵先生', complainantContact: '北京市东城区', subjectStaffId: org.people.handler.id, kind: 'handler_late', summary: 'Repair took three weeks', receivedAt: new Date(t.clock.nowMs - 2 * DAY_MS).toISOString() }, { 'idempotency-key': 'letter-1' });
    expect(byPhone.statusCode).toBe(201);
    expect(byPhone.json()).toMatchObject({ access: 'complainant', source: 'letter', status: 'received', subjectName: 'Handler', findings: null, receivedAt: new Date(t.clock.nowMs - 2 * DAY_MS).toISOString() });
    const retry = await org.agent.request('POST', '/api/complaints', { source: 'letter', complainantName: '赵先生', complainantContact: '北京市东城区', subjectStaffId: org.people.handler.id, kind: 'handler_late', summary: 'Repair took three weeks', receivedAt: new Date(t.clock.nowMs - 2 * DAY_MS).toISOString() }, { 'idempotency-key': 'letter-1' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(byPhone.json().id);

    const colleague = await org.colleague.request('POST', '/api/complaints', { source: 'colleague', subjectStaffId: org.people.handler.id, kind: 'passing_the_buck', summary: 'Keeps declining our hand-overs' });
    expect(colleague.statusCode).toBe(201);
    expect(colleague.json()).toMatchObject({ complainantStaffId: org.people.colleague.id, complainantStaffName: 'Colleague', access: 'complainant' });
    expect((await org.colleague.request('GET', '/api/complaints?view=filed_by_me')).json().items.map((c: { id: number }) => c.id)).toEqual([colleague.json().id]);
  });

  it('links the customer and the ticket chosen by its number, so the complaint shows on the customer\'s portal', async () => {
    const org = await buildAccountabilityOrg(t);
    const { customer, ticketId } = await customerWithTicket(org);
    const number = (await t.db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirstOrThrow()).number;
    const res = await org.agent.request('POST', '/api/complaints', { source: 'phone', customerId: customer.customerId, ticketNumber: ` ${number} `, subjectStaffId: org.people.handler.id, kind: 'handler_late', summary: '维修拖了三周' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ customerId: customer.customerId, customerName: '李女士', ticketId, ticketNumber: number });
    const onPortal = (await customer.request('GET', '/api/portal/complaints')).json().items;
    expect(onPortal).toMatchObject([{ id: res.json().id, summary: '维修拖了三周', ticketNumber: number, status: 'received' }]);

    const before = await countComplaints();
    const unknown = await org.agent.request('POST', '/api/complaints', { source: 'phone', customerId: customer.customerId, ticketNumber: '1999-999999', summary: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('ticketNumber');
    const disagree = await org.agent.request('POST', '/api/complaints', { source: 'phone', customerId: customer.customerId, ticketNumber: number, ticketId: ticketId + 1, summary: 'x' });
    expect(disagree.json().error.field).toBe('ticketNumber');
    expect(await countComplaints()).toBe(before);
  });

  it('refuses bad registrations with the field at fault, and writes nothing', async () => {
    const org = await buildAccountabilityOrg(t);
    const before = await countComplaints();
    const cases: [Record<string, unknown>, string][] = [
      [{ source: 'phone', summary: 'x' }, 'complainantName'],
      [{ source: 'portal', complainantName: 'a', summary: 'x' }, 'source'],
      [{ source: 'colleague', subjectStaffId: org.people.colleague.id, summary: 'x' }, 'subjectStaffId'],
      [{ source: 'colleague', customerId: 1, summary: 'x' }, 'customerId'],
      [{ source: 'phone', complainantName: 'a', subjectStaffId: 99999999, summary: 'x' }, 'subjectStaffId'],
      [{ source: 'phone', complainantName: 'a', ticketId: 99999999, summary: 'x' }, 'ticketId'],
      [{ source: 'phone', complainantName: 'a', customerId: 99999999, summary: 'x' }, 'customerId'],
      [{ source: 'phone', complainantName: 'a', kind: 'grumpy', summary: 'x' }, 'kind'],
      [{ source: 'phone', complainantName: 'a', summary: 'x', receivedAt: new Date(t.clock.nowMs + DAY_MS).toISOString() }, 'receivedAt'],
      [{ source: 'phone', complainantName: 'a', summary: 'x', receivedAt: 'yesterday' }, 'receivedAt'],
      [{ source: 'phone', complainantName: 'a' }, 'summary'],
    ];
    for (const [body, field] of cases) {
      const res = await org.colleague.request('POST', '/api/complaints', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field, JSON.stringify(body)).toBe(field);
    }
    expect(await countComplaints()).toBe(before);
  });
});

describe('who may see and do what with a complaint', () => {
  it('gives the investigation to the office, the investigator, the person and their superiors; progress only to the complainant', async () => {
    const org = await buildAccountabilityOrg(t);
    const id = (await expectOk(org.colleague.request('POST', '/api/complaints', { source: 'colleague', subjectStaffId: org.people.agent.id, kind: 'not_informed', summary: 'Did not pass on the outage notice' }))).json().id as number;
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.investigator.id }));
    await expectOk(org.investigator.request('POST', `/api/complaints/${id}/update`, { findings: 'INTERNAL note' }));

    const access = async (who: keyof AccountabilityOrg['people']) => {
      const res = await (org[who] as typeof org.officer).request('GET', `/api/complaints/${id}`);
      return res.statusCode === 200 ? res.json().access : res.statusCode;
    };
    expect(await access('officer')).toBe('full');
    expect(await access('investigator')).toBe('full');
    expect(await access('agent')).toBe('full');
    expect(await access('serviceHead')).toBe('full');
    expect(await access('boss')).toBe('full');
    expect(await access('deputy')).toBe('full'); // a supervisor over the agent's department
    expect(await access('colleague')).toBe('complainant');
    expect(await access('repairHead')).toBe(404);
    expect(await access('handler')).toBe(404);
    expect(await access('outsider')).toBe(404);
    const asComplainant = await org.colleague.request('GET', `/api/complaints/${id}`);
    expect(asComplainant.body).not.toContain('INTERNAL note');
    expect(asComplainant.json()).toMatchObject({ findings: null, investigatorName: null, evidence: [] });

    // Lists follow the same rule.
    const listed = async (client: typeof org.officer) => (await client.request('GET', '/api/complaints')).json().items.map((c: { id: number }) => c.id);
    expect(await listed(org.serviceHead)).toContain(id);
    expect(await listed(org.repairHead)).not.toContain(id);
    expect(await listed(org.outsider)).toEqual([]);

    // Actions are refused to those who may not take them.
    expect((await org.colleague.request('POST', `/api/complaints/${id}/decide`, { outcome: 'verified', reason: 'x' })).statusCode).toBe(403);
    expect((await org.serviceHead.request('POST', `/api/complaints/${id}/respond`, { text: 'x' })).statusCode).toBe(403);
    expect((await org.outsider.request('POST', `/api/complaints/${id}/respond`, { text: 'x' })).statusCode).toBe(404);
    expect((await org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.agent.id })).json().error.field).toBe('investigatorId');
    const stale = await org.officer.request('POST', `/api/complaints/${id}/update`, { findings: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });
});

describe('the three-complaint rule', () => {
  /** A complaint verified at `verifiedAtMs`, received long before (the window counts verifications, not receipts). */
  async function insertVerified(org: AccountabilityOrg, personId: number, verifiedAtMs: number, receivedAtMs = verifiedAtMs - 400 * DAY_MS) {
    await t.db.insertInto('complaints').values({
      source: 'phone', complainant_name: 'Earlier caller', subject_staff_id: personId, subject_department_id: org.service.id, kind: 'cold_treatment',
      summary: 'Earlier complaint', status: 'verified', received_at: new Date(receivedAtMs), decided_at: new Date(verifiedAtMs), verified_at: new Date(verifiedAtMs), severity: 'minor',
    }).execute();
  }

  it('counts verifications, not receipts: complaints received over a year ago but verified this year flag the person', async () => {
    const org = await buildAccountabilityOrg(t);
    const now = t.clock.nowMs;
    // Received 400 days ago and only now verified: it counts from now.
    const late = (await expectOk(org.agent.request('POST', '/api/complaints', { source: 'letter', complainantName: '钱先生', subjectStaffId: org.people.colleague.id, kind: 'cold_treatment', summary: 'An old letter', receivedAt: new Date(now - 400 * DAY_MS).toISOString() }))).json().id as number;
    await insertVerified(org, org.people.colleague.id, now - 30 * DAY_MS);
    await insertVerified(org, org.people.colleague.id, now - 20 * DAY_MS);
    await expectOk(org.officer.request('POST', `/api/complaints/${late}/assign`, { investigatorId: org.people.investigator.id }));
    await expectOk(org.investigator.request('POST', `/api/complaints/${late}/update`, { findings: 'Confirmed from the archive.' }));
    const decided = await expectOk(org.officer.request('POST', `/api/complaints/${late}/decide`, { outcome: 'verified', reason: 'Confirmed', earlyDecisionReason: 'The archive settles it; no response is needed' }));
    expect(decided.json()).toMatchObject({ verifiedAt: new Date(now).toISOString(), receivedAt: new Date(now - 400 * DAY_MS).toISOString() });
    const flags = (await org.officer.request('GET', '/api/complaint-flags')).json().items.filter((f: { personId: number }) => f.personId === org.people.colleague.id);
    expect(flags).toMatchObject([{ status: 'open', countNow: 3, flaggedUntil: new Date(now - 30 * DAY_MS + 365 * DAY_MS).toISOString() }]);
    expect(flags[0].complaints.map((c: { id: number }) => c.id)).toContain(late);
  });

  it('counts a rolling 365 days: one verified exactly 365 days ago no longer counts, a millisecond later it does', async () => {
    const org = await buildAccountabilityOrg(t);
    const now = t.clock.nowMs;
    // The agent: the oldest complaint is 365 days less 1 ms old → three in the window → flagged.
    await insertVerified(org, org.people.agent.id, now - 365 * DAY_MS + 1);
    await insertVerified(org, org.people.agent.id, now - 100 * DAY_MS);
    // The colleague: the oldest is exactly 365 days old → only two count → not flagged.
    await insertVerified(org, org.people.colleague.id, now - 365 * DAY_MS);
    await insertVerified(org, org.people.colleague.id, now - 100 * DAY_MS);
    const flagged = await verifyComplaint(org, org.people.agent.id);
    await verifyComplaint(org, org.people.colleague.id);

    const flags = ((await org.officer.request('GET', '/api/complaint-flags')).json().items as { personId: number; complaints: { id: number }[]; recommendedAction: string; countNow: number; flaggedUntil: string; role: string }[])
      .filter((f) => f.personId === org.people.agent.id || f.personId === org.people.colleague.id);
    expect(flags.map((f) => f.personId)).toEqual([org.people.agent.id]);
    expect(flags[0]).toMatchObject({ role: 'staff', recommendedAction: 'three_months_off_post', countNow: 3, flaggedUntil: new Date(now + 1).toISOString() });
    expect(flags[0]!.complaints.map((c) => c.id)).toContain(flagged);
    expect(await auditActions('complaint_flag', (flags[0] as unknown as { id: number }).id)).toEqual(['complaint_flag.raise']);
    // Those who decide were told: the office, the heads above the agent and the supervisor of their department.
    const told = await t.db.selectFrom('notifications').select('recipient_id').where('kind', '=', 'complaint_flag_raised')
      .where('recipient_id', 'in', Object.values(org.people).map((p) => p.id)).execute();
    const { boss, serviceHead, deputy, officer, investigator } = org.people;
    expect(told.map((n) => n.recipient_id).sort((a, b) => a - b)).toEqual([boss.id, serviceHead.id, deputy.id, officer.id, investigator.id].sort((a, b) => a - b));

    // A year on, the oldest complaint has aged out: the flag is still there for people to decide, but the live count says 2.
    t.clock.advance(2);
    await signInAgain(t, org);
    const later = (await org.officer.request('GET', '/api/complaint-flags')).json().items.find((f: { personId: number }) => f.personId === org.people.agent.id);
    expect(later).toMatchObject({ status: 'open', countNow: 2, flaggedUntil: null });
  });

  it('recommends removal from post for a department head, shows the flag to the office and superiors only, and records the decision', async () => {
    const org = await buildAccountabilityOrg(t);
    for (let i = 0; i < 3; i++) await verifyComplaint(org, org.people.repairHead.id, { kind: 'passing_the_buck' });
    const officeView = (await org.officer.request('GET', '/api/complaint-flags?status=open')).json().items.filter((f: { personId: number }) => f.personId === org.people.repairHead.id);
    expect(officeView).toMatchObject([{ role: 'middle_manager', recommendedAction: 'removal_from_post', countNow: 3, canDecide: true }]);
    const flagId = officeView[0].id as number;
    const ids = async (client: typeof org.officer) => (await client.request('GET', '/api/complaint-flags')).json().items.map((f: { id: number }) => f.id);
    expect(await ids(org.boss)).toContain(flagId);
    expect(await ids(org.repairHead)).not.toContain(flagId);
    expect(await ids(org.serviceHead)).not.toContain(flagId);
    expect(await ids(org.handler)).toEqual([]);
    expect((await org.serviceHead.request('POST', `/api/complaint-flags/${flagId}/decision`, { decision: 'no_action', note: 'x' })).statusCode).toBe(404);

    const bad = await org.boss.request('POST', `/api/complaint-flags/${flagId}/decision`, { decision: 'removal_from_post', note: '  ' });
    expect(bad.json().error.field).toBe('note');
    const decided = await org.boss.request('POST', `/api/complaint-flags/${flagId}/decision`, { decision: 'other_measure', note: 'Coaching and a six-month review instead of removal.' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', decision: 'other_measure', decidedByName: 'Boss', canDecide: false });
    expect((await org.officer.request('POST', `/api/complaint-flags/${flagId}/decision`, { decision: 'no_action', note: 'x' })).statusCode).toBe(409);
    expect(await auditActions('complaint_flag', flagId)).toEqual(['complaint_flag.raise', 'complaint_flag.decide']);

    // Raising it told the office and the head's own superior in the app, not the person nor unrelated heads.
    const told = await t.db.selectFrom('notifications').select(['recipient_id', 'ticket_id']).where('kind', '=', 'complaint_flag_raised')
      .where('recipient_id', 'in', Object.values(org.people).map((p) => p.id)).orderBy('recipient_id').execute();
    expect(told).toEqual([org.people.boss.id, org.people.officer.id, org.people.investigator.id].sort((a, b) => a - b).map((id) => ({ recipient_id: id, ticket_id: null })));
    const bell = (await org.boss.request('GET', '/api/notifications')).json();
    expect(bell.items).toMatchObject([{ kind: 'complaint_flag_raised', ticketId: null, readAt: null }]);

    // A fourth verified complaint raises a fresh flag for people to look at again.
    await verifyComplaint(org, org.people.repairHead.id);
    const open = (await org.officer.request('GET', '/api/complaint-flags?status=open')).json().items.filter((f: { personId: number }) => f.personId === org.people.repairHead.id);
    expect(open).toHaveLength(1);
    expect(open[0].complaints).toHaveLength(4);
  });

  it('raises one flag when the third and fourth complaints are verified at the same moment', async () => {
    const org = await buildAccountabilityOrg(t);
    await insertVerified(org, org.people.deputy.id, t.clock.nowMs - 10 * DAY_MS);
    await insertVerified(org, org.people.deputy.id, t.clock.nowMs - 5 * DAY_MS);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await expectOk(org.colleague.request('POST', '/api/complaints', { source: 'colleague', subjectStaffId: org.people.deputy.id, kind: 'cold_treatment', summary: `Race ${i}` }))).json().id as number;
      await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.investigator.id }));
      await expectOk(org.investigator.request('POST', `/api/complaints/${id}/update`, { findings: 'Confirmed.' }));
      ids.push(id);
    }
    const answers = await Promise.all(ids.map((id) => org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: 'verified', reason: 'Confirmed', earlyDecisionReason: 'Both at once, before the deadline' })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const flags = await t.db.selectFrom('complaint_flags').select(['status', 'complaint_ids']).where('person_id', '=', org.people.deputy.id).execute();
    expect(flags).toHaveLength(1);
    expect(flags[0]!.complaint_ids).toHaveLength(4);
  });

  it('withdraws an open flag when an appeal overturns one of its complaints', async () => {
    const org = await buildAccountabilityOrg(t);
    const first = await verifyComplaint(org, org.people.handler.id);
    await verifyComplaint(org, org.people.handler.id);
    await verifyComplaint(org, org.people.handler.id);
    const [flag] = (await org.officer.request('GET', '/api/complaint-flags?status=open')).json().items.filter((f: { personId: number }) => f.personId === org.people.handler.id);
    expect(flag).toBeDefined();
    await expectOk(org.handler.request('POST', `/api/complaints/${first}/appeal`, { reason: 'It was not me on the phone' }));
    await expectOk(org.officer.request('POST', `/api/complaints/${first}/decide-appeal`, { outcome: 'rejected', reason: 'Wrong person named' }));
    const after = (await org.officer.request('GET', '/api/complaint-flags')).json().items.find((f: { id: number }) => f.id === flag.id);
    expect(after).toMatchObject({ status: 'withdrawn', withdrawnReason: expect.stringMatching(/three/) });
  });
});

describe('the investigation and the response of the person concerned (issue 13)', () => {
  async function underInvestigation(org: AccountabilityOrg): Promise<number> {
    const id = (await expectOk(org.colleague.request('POST', '/api/complaints', { source: 'phone', complainantName: '孙先生', subjectStaffId: org.people.agent.id, kind: 'cold_treatment', summary: 'Hung up on me' }))).json().id as number;
    await expectOk(org.officer.request('POST', `/api/complaints/${id}/assign`, { investigatorId: org.people.investigator.id }));
    return id;
  }

  it('refuses an empty or blank finding with a 400 naming findings, writing nothing', async () => {
    const org = await buildAccountabilityOrg(t);
    const id = await underInvestigation(org);
    const before = (await org.officer.request('GET', `/api/complaints/${id}`)).json();
    const audits = await auditActions('complaint', id);
    for (const findings of ['', '   ', null]) {
      const res = await org.investigator.request('POST', `/api/complaints/${id}/update`, { findings });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: expect.any(String), field: 'findings', message: expect.stringMatching(/findings/i) });
    }
    const after = (await org.officer.request('GET', `/api/complaints/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.findings).toBeNull();
    expect(await auditActions('complaint', id)).toEqual(audits);
  });

  it('asks the person concerned to respond by a deadline and needs a recorded reason to verify before it', async () => {
    const org = await buildAccountabilityOrg(t);
    const id = await underInvestigation(org);
    await expectOk(org.investigator.request('POST', `/api/complaints/${id}/update`, { findings: 'The recording confirms it.' }));
    const view = (await org.officer.request('GET', `/api/complaints/${id}`)).json();
    expect(view.responseDueAt).toBe(new Date(t.clock.nowMs + 3 * DAY_MS).toISOString());
    expect((await org.agent.request('GET', `/api/complaints/${id}`)).json().responseDueAt).toBe(view.responseDueAt);

    const refused = await org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: 'verified', reason: 'Recording reviewed' });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'earlyDecisionReason', message: expect.stringMatching(/responded/) });
    expect((await org.officer.request('GET', `/api/complaints/${id}`)).json()).toMatchObject({ status: 'investigating', version: view.version });

    const decided = await expectOk(org.officer.request('POST', `/api/complaints/${id}/decide`, { outcome: 'verified', reason: 'Recording reviewed', earlyDecisionReason: 'The customer asked for an answer today; the recording is unambiguous' }));
    const body = decided.json();
    expect(body).toMatchObject({ status: 'verified', earlyDecisionReason: 'The customer asked for an answer today; the recording is unambiguous' });
    expect(body.events).toContainEqual(expect.objectContaining({ type: 'decided_early', payload: { earlyDecisionReason: 'The customer asked for an answer today; the recording is unambiguous' } }));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'complaint').where('entity_id', '=', String(id)).where('action', '=', 'complaint.decide').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ early_decision_reason: 'The customer asked for an answer today; the recording is unambiguous' });
  });

  it('needs no such reason once the person has responded, or once the deadline has passed', async () => {
    const org = await buildAccountabilityOrg(t);
    const responded = await underInvestigation(org);
    await expectOk(org.investigator.request('POST', `/api/complaints/${responded}/update`, { findings: 'The recording confirms it.' }));
    await expectOk(org.agent.request('POST', `/api/complaints/${responded}/respond`, { text: 'I was short with him, I admit it.' }));
    expect((await expectOk(org.officer.request('POST', `/api/complaints/${responded}/decide`, { outcome: 'verified', reason: 'Admitted' }))).json()).toMatchObject({ status: 'verified', earlyDecisionReason: null });

    const silent = await underInvestigation(org);
    await expectOk(org.investigator.request('POST', `/api/complaints/${silent}/update`, { findings: 'The recording confirms it.' }));
    t.clock.advance(3 * DAY_MS + 60_000);
    await signInAgain(t, org);
    expect((await expectOk(org.officer.request('POST', `/api/complaints/${silent}/decide`, { outcome: 'verified', reason: 'No response in time' }))).json()).toMatchObject({ status: 'verified', earlyDecisionReason: null });
  });
});

describe('admins see every complaint (issue 13)', () => {
  it('gives an admin who is neither office nor involved the complaint in full, and in the list', async () => {
    const org = await buildAccountabilityOrg(t);
    const admin = await signInNew(t, { roles: ['admin'] });
    const id = (await expectOk(org.colleague.request('POST', '/api/complaints', { source: 'phone', complainantName: '周女士', subjectStaffId: org.people.agent.id, kind: 'cold_treatment', summary: 'Admin can read this' }))).json().id as number;
    const seen = await admin.request('GET', `/api/complaints/${id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ id, access: 'full' });
    // Seeing is not deciding: verifying stays the office's.
    expect(seen.json().actions).toEqual([]);
    const list = (await admin.request('GET', '/api/complaints?limit=100')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(id);
  });
});
