import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { COMPLAINT_RESPONSE_DUE_DAYS, computeResponseDueAt, decideComplaintAction, listComplaintActions, toComplainantStatus, type ComplaintActor, type ComplaintState } from './decide-complaint-action.ts';

const NOW = Date.UTC(2026, 4, 20, 2);
const office: ComplaintActor = { kind: 'staff', id: 1, isOffice: true };
const investigator: ComplaintActor = { kind: 'staff', id: 2, isOffice: false };
const subject: ComplaintActor = { kind: 'staff', id: 3, isOffice: false };
const customer: ComplaintActor = { kind: 'customer', customerId: 40 };
const stranger: ComplaintActor = { kind: 'staff', id: 9, isOffice: false };

const received: ComplaintState = {
  status: 'received', source: 'portal', customerId: 40, complainantStaffId: null, subjectStaffId: 3, ticketId: 7, kind: 'cold_treatment',
  investigatorId: null, findings: null, appealedAtMs: null, verifiedAtMs: null, respondedAtMs: null, responseDueAtMs: null,
};
const investigating: ComplaintState = { ...received, status: 'investigating', investigatorId: 2, findings: 'Call recording confirms a curt tone.' };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('decideComplaintAction', () => {
  it('refuses an empty or blank finding, naming findings', () => {
    for (const findings of ['', '   ', null]) {
      const err = refusal(() => decideComplaintAction(investigating, investigator, { type: 'update', findings }, NOW));
      expect(err.kind).toBe('invalid');
      expect(err.field).toBe('findings');
    }
  });

  it('gives the person concerned a deadline to respond when they are named, and a new one when someone else is', () => {
    const unnamed = { ...investigating, subjectStaffId: null };
    expect(decideComplaintAction(unnamed, investigator, { type: 'update', subjectStaffId: 3 }, NOW).changes).toEqual({ subjectStaffId: 3, responseDueAtMs: NOW + COMPLAINT_RESPONSE_DUE_DAYS * 86_400_000 });
    expect(decideComplaintAction(investigating, investigator, { type: 'update', subjectStaffId: 3 }, NOW).changes).toEqual({ subjectStaffId: 3 });
    expect(decideComplaintAction(investigating, investigator, { type: 'update', subjectStaffId: null }, NOW).changes).toEqual({ subjectStaffId: null, responseDueAtMs: null });
  });

  it('verifies before the person concerned responded and before the deadline only with a recorded reason', () => {
    const waiting = { ...investigating, responseDueAtMs: computeResponseDueAt(NOW - 60_000) };
    expect(refusal(() => decideComplaintAction(waiting, office, { type: 'decide', outcome: 'verified', reason: 'Recording' }, NOW)).field).toBe('earlyDecisionReason');
    expect(refusal(() => decideComplaintAction(waiting, office, { type: 'decide', outcome: 'verified', reason: 'Recording', earlyDecisionReason: '  ' }, NOW)).field).toBe('earlyDecisionReason');
    const early = decideComplaintAction(waiting, office, { type: 'decide', outcome: 'verified', reason: 'Recording', earlyDecisionReason: 'The customer is leaving the country' }, NOW);
    expect(early.changes.earlyDecisionReason).toBe('The customer is leaving the country');
    expect(early.events).toContainEqual({ type: 'decided_early', payload: { earlyDecisionReason: 'The customer is leaving the country' }, visibleToComplainant: false });
    // A rejection, a response on file or a deadline passed needs no such reason.
    expect(decideComplaintAction(waiting, office, { type: 'decide', outcome: 'rejected', reason: 'No evidence' }, NOW).changes.status).toBe('rejected');
    expect(decideComplaintAction({ ...waiting, respondedAtMs: NOW - 1 }, office, { type: 'decide', outcome: 'verified', reason: 'Recording' }, NOW).changes.earlyDecisionReason).toBeUndefined();
    expect(decideComplaintAction(waiting, office, { type: 'decide', outcome: 'verified', reason: 'Recording' }, waiting.responseDueAtMs).changes.status).toBe('verified');
  });

  it('starts the investigation when the office names an investigator, telling the complainant', () => {
    const d = decideComplaintAction(received, office, { type: 'assign', investigatorId: 2 }, NOW);
    expect(d.changes).toEqual({ investigatorId: 2, status: 'investigating' });
    expect(d.events).toEqual([{ type: 'investigation_started', payload: {}, visibleToComplainant: true }]);
    // Re-assigning later is an internal matter.
    expect(decideComplaintAction(investigating, office, { type: 'assign', investigatorId: 5 }, NOW).events[0]).toMatchObject({ type: 'investigator_changed', visibleToComplainant: false });
  });

  it('keeps the person concerned off their own investigation', () => {
    expect(refusal(() => decideComplaintAction(received, office, { type: 'assign', investigatorId: 3 }, NOW)).field).toBe('investigatorId');
    expect(refusal(() => decideComplaintAction(investigating, office, { type: 'update', subjectStaffId: 2 }, NOW)).field).toBe('subjectStaffId');
  });

  it('lets only the office or the investigator record findings, and only the person concerned respond', () => {
    expect(decideComplaintAction(investigating, investigator, { type: 'update', findings: '  more  ' }, NOW).changes).toEqual({ findings: 'more' });
    expect(refusal(() => decideComplaintAction(investigating, stranger, { type: 'update', findings: 'x' }, NOW)).kind).toBe('forbidden');
    expect(decideComplaintAction(investigating, subject, { type: 'respond', text: 'I was under pressure.' }, NOW).changes).toEqual({ response: 'I was under pressure.', respondedAtMs: NOW });
    expect(refusal(() => decideComplaintAction(investigating, office, { type: 'respond', text: 'x' }, NOW)).kind).toBe('forbidden');
  });

  it('validates evidence: a ticket names it, a link is http(s)', () => {
    const d = decideComplaintAction(investigating, investigator, { type: 'add_evidence', kind: 'link', description: 'Recording', url: 'https://rec.example/1' }, NOW);
    expect(d.evidence).toEqual({ kind: 'link', description: 'Recording', ticketId: null, url: 'https://rec.example/1' });
    expect(d.events[0]?.visibleToComplainant).toBe(false);
    expect(refusal(() => decideComplaintAction(investigating, investigator, { type: 'add_evidence', kind: 'link', description: 'x', url: 'javascript:alert(1)' }, NOW)).field).toBe('url');
    expect(refusal(() => decideComplaintAction(investigating, investigator, { type: 'add_evidence', kind: 'ticket', description: 'x' }, NOW)).field).toBe('ticketId');
  });

  it('decides only after an investigation with findings, with a reason, and tells the complainant only the outcome and the message', () => {
    expect(refusal(() => decideComplaintAction(received, office, { type: 'decide', outcome: 'verified', reason: 'x' }, NOW)).kind).toBe('wrong_state');
    expect(refusal(() => decideComplaintAction({ ...investigating, findings: null }, office, { type: 'decide', outcome: 'verified', reason: 'x' }, NOW)).field).toBe('findings');
    expect(refusal(() => decideComplaintAction(investigating, office, { type: 'decide', outcome: 'verified', reason: '  ' }, NOW)).field).toBe('reason');
    expect(refusal(() => decideComplaintAction(investigating, office, { type: 'decide', outcome: 'maybe' as never, reason: 'x' }, NOW)).field).toBe('outcome');
    expect(refusal(() => decideComplaintAction(investigating, investigator, { type: 'decide', outcome: 'verified', reason: 'x' }, NOW)).kind).toBe('forbidden');
    const d = decideComplaintAction(investigating, office, { type: 'decide', outcome: 'verified', reason: 'Recording is clear', severity: 'serious', customerMessage: 'We apologise.' }, NOW);
    expect(d.changes).toEqual({ status: 'verified', severity: 'serious', decisionReason: 'Recording is clear', customerMessage: 'We apologise.', decidedAtMs: NOW, decidedBy: 1, verifiedAtMs: NOW });
    expect(d.events).toEqual([{ type: 'decided', payload: { outcome: 'verified', customerMessage: 'We apologise.' }, visibleToComplainant: true }]);
    expect(JSON.stringify(d.events)).not.toContain('Recording is clear');
  });

  it('needs a person or a ticket to verify', () => {
    const anonymous = { ...investigating, subjectStaffId: null, ticketId: null };
    expect(refusal(() => decideComplaintAction(anonymous, office, { type: 'decide', outcome: 'verified', reason: 'x' }, NOW)).field).toBe('subjectStaffId');
    expect(decideComplaintAction(anonymous, office, { type: 'decide', outcome: 'rejected', reason: 'x' }, NOW).changes).toMatchObject({ status: 'rejected', severity: null });
  });

  it('allows one appeal, by the side the outcome went against', () => {
    const verified: ComplaintState = { ...investigating, status: 'verified' };
    const rejected: ComplaintState = { ...investigating, status: 'rejected' };
    expect(refusal(() => decideComplaintAction(verified, customer, { type: 'appeal', reason: 'x' }, NOW)).kind).toBe('forbidden');
    expect(decideComplaintAction(verified, subject, { type: 'appeal', reason: 'Unfair' }, NOW).changes).toMatchObject({ status: 'appealed', appealedByKind: 'staff', appealedById: 3 });
    const byCustomer = decideComplaintAction(rejected, customer, { type: 'appeal', reason: 'You did not listen' }, NOW);
    expect(byCustomer.changes).toMatchObject({ status: 'appealed', appealedByKind: 'customer', appealedById: 40, appealedAtMs: NOW });
    expect(byCustomer.events[0]).toEqual({ type: 'appealed', payload: { by: 'complainant' }, visibleToComplainant: true });
    expect(refusal(() => decideComplaintAction(rejected, subject, { type: 'appeal', reason: 'x' }, NOW)).kind).toBe('forbidden');
    const decidedAgain: ComplaintState = { ...rejected, appealedAtMs: NOW - 1 };
    const second = refusal(() => decideComplaintAction(decidedAgain, customer, { type: 'appeal', reason: 'again' }, NOW));
    expect(second.code).toBe('already_appealed');
  });

  it('decides an appeal for good', () => {
    const appealed: ComplaintState = { ...investigating, status: 'appealed', appealedAtMs: NOW - 1000 };
    const d = decideComplaintAction(appealed, office, { type: 'decide_appeal', outcome: 'rejected', reason: 'The appeal shows it was a misunderstanding' }, NOW);
    expect(d.changes).toMatchObject({ status: 'rejected', severity: null, appealDecidedAtMs: NOW, appealDecidedBy: 1 });
    expect(d.events[0]).toMatchObject({ type: 'appeal_decided', visibleToComplainant: true, payload: { outcome: 'rejected' } });
    expect(listComplaintActions({ ...appealed, status: 'rejected' }, customer)).toEqual([]);
  });

  it('dates a verification from the decision that stands: the first one when upheld on appeal, the appeal when it reverses a rejection', () => {
    const appealedVerification: ComplaintState = { ...investigating, status: 'appealed', appealedAtMs: NOW - 1000, verifiedAtMs: NOW - 5000 };
    const appealedRejection: ComplaintState = { ...investigating, status: 'appealed', appealedAtMs: NOW - 1000, verifiedAtMs: null };
    const upheld = (state: ComplaintState) => decideComplaintAction(state, office, { type: 'decide_appeal', outcome: 'verified', reason: 'Stands' }, NOW).changes.verifiedAtMs;
    expect(upheld(appealedVerification)).toBe(NOW - 5000);
    expect(upheld(appealedRejection)).toBe(NOW);
    expect(decideComplaintAction(appealedVerification, office, { type: 'decide_appeal', outcome: 'rejected', reason: 'Overturned' }, NOW).changes.verifiedAtMs).toBeNull();
    expect(decideComplaintAction(investigating, office, { type: 'decide', outcome: 'rejected', reason: 'No' }, NOW).changes.verifiedAtMs).toBeNull();
  });

  it('lists what each person may do', () => {
    expect(listComplaintActions(received, office)).toEqual(['assign', 'update', 'add_evidence']);
    expect(listComplaintActions(investigating, office)).toEqual(['assign', 'update', 'add_evidence', 'decide']);
    expect(listComplaintActions(investigating, investigator)).toEqual(['update', 'add_evidence']);
    expect(listComplaintActions(investigating, subject)).toEqual(['respond']);
    expect(listComplaintActions(investigating, customer)).toEqual([]);
    expect(listComplaintActions({ ...investigating, status: 'rejected' }, customer)).toEqual(['appeal']);
  });
});

describe('toComplainantStatus', () => {
  it('speaks of upheld and not upheld', () => {
    expect(['received', 'investigating', 'verified', 'rejected', 'appealed'].map((s) => toComplainantStatus(s as never))).toEqual(['received', 'investigating', 'upheld', 'not_upheld', 'appealed']);
  });
});
