import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { proposeDeductions, type DeductionIncident, type TicketRoutingEvent } from './propose-deductions.ts';
import { DEFAULT_DEDUCTION_RULES, resolveDeductionRules, type DeductionRuleInput } from './resolve-deduction-rules.ts';

const t0 = Date.UTC(2026, 2, 2, 2);
const H = 3_600_000;

function errorOf(fn: () => unknown): DomainValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainValidationError);
    return err as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

const routing = (ticketId: string, types: TicketRoutingEvent['type'][], people: string[]): DeductionIncident => ({
  type: 'ticket_routing',
  ticketId,
  events: types.map((type, i) => ({ eventId: `${ticketId}-e${i + 1}`, type, byPersonId: people[i % people.length] as string, atMs: t0 + i * H })),
});

describe('resolveDeductionRules', () => {
  it('defaults points 10/30, notice for serious, threshold 2 for passing the buck', () => {
    const [minor, serious, buck] = resolveDeductionRules([
      { id: 'a', kind: 'handler_late', severity: 'minor' },
      { id: 'b', kind: 'handler_late', severity: 'serious' },
      { id: 'c', kind: 'passing_the_buck', severity: 'minor' },
    ]);
    expect(minor).toMatchObject({ points: 10, notice: false, passingTheBuckThreshold: null, enabled: true });
    expect(serious).toMatchObject({ points: 30, notice: true });
    expect(buck).toMatchObject({ points: 10, passingTheBuckThreshold: 2 });
    expect(DEFAULT_DEDUCTION_RULES).toHaveLength(12);
  });

  it('keeps edited points and notice', () => {
    const [rule] = resolveDeductionRules([{ id: 'x', kind: 'cold_treatment', severity: 'serious', points: 25, notice: false }]);
    expect(rule).toMatchObject({ points: 25, notice: false });
  });

  it('rejects bad rules, naming the field', () => {
    const cases: [DeductionRuleInput[], string][] = [
      [[{ id: '', kind: 'handler_late', severity: 'minor' }], 'rules.0.id'],
      [[{ id: 'x', kind: 'rude' as never, severity: 'minor' }], 'rules.0.kind'],
      [[{ id: 'x', kind: 'handler_late', severity: 'grave' as never }], 'rules.0.severity'],
      [[{ id: 'x', kind: 'handler_late', severity: 'minor', points: 0 }], 'rules.0.points'],
      [[{ id: 'x', kind: 'handler_late', severity: 'minor', passingTheBuckThreshold: 3 }], 'rules.0.passingTheBuckThreshold'],
      [[{ id: 'x', kind: 'passing_the_buck', severity: 'minor', passingTheBuckThreshold: 1.5 }], 'rules.0.passingTheBuckThreshold'],
      [[{ id: 'x', kind: 'handler_late', severity: 'minor' }, { id: 'x', kind: 'handler_late', severity: 'serious' }], 'rules.1.id'],
      [[{ id: 'x', kind: 'handler_late', severity: 'minor' }, { id: 'y', kind: 'handler_late', severity: 'minor' }], 'rules.1'],
    ];
    for (const [rules, field] of cases) expect(errorOf(() => resolveDeductionRules(rules)).field).toBe(field);
    // A disabled duplicate is fine.
    expect(resolveDeductionRules([{ id: 'x', kind: 'handler_late', severity: 'minor' }, { id: 'y', kind: 'handler_late', severity: 'minor', enabled: false }])).toHaveLength(2);
  });
});

describe('proposeDeductions', () => {
  const breach = (clockId: string, stageKind: 'handover' | 'first_contact' | 'resolution' | 'callback', person: string | null, extra: object = {}): DeductionIncident => ({
    type: 'clock_breach',
    clockId,
    ticketId: `T-${clockId}`,
    stageKind,
    responsiblePersonId: person,
    breachedAtMs: t0,
    ...extra,
  });

  it('maps breached stages to hand-over, no-contact and late deductions with evidence', () => {
    const { proposals } = proposeDeductions(
      [breach('c1', 'handover', 'amy'), breach('c2', 'first_contact', 'bob'), breach('c3', 'resolution', 'cai', { severity: 'serious' })],
      DEFAULT_DEDUCTION_RULES,
      [],
    );
    expect(proposals).toEqual([
      { key: 'clock_breach:c1', personId: 'amy', ruleId: 'handover_late.minor', kind: 'handover_late', severity: 'minor', points: 10, notice: false, evidence: { ticketId: 'T-c1', clockId: 'c1' }, occurredAtMs: t0 },
      { key: 'clock_breach:c2', personId: 'bob', ruleId: 'handler_no_contact.minor', kind: 'handler_no_contact', severity: 'minor', points: 10, notice: false, evidence: { ticketId: 'T-c2', clockId: 'c2' }, occurredAtMs: t0 },
      { key: 'clock_breach:c3', personId: 'cai', ruleId: 'handler_late.serious', kind: 'handler_late', severity: 'serious', points: 30, notice: true, evidence: { ticketId: 'T-c3', clockId: 'c3' }, occurredAtMs: t0 },
    ]);
  });

  it('skips stages nobody is accountable for and breaches without a person', () => {
    const { proposals, skipped } = proposeDeductions([breach('c1', 'callback', 'amy'), breach('c2', 'handover', null)], DEFAULT_DEDUCTION_RULES, []);
    expect(proposals).toEqual([]);
    expect(skipped).toEqual([
      { index: 0, key: 'clock_breach:c1', reason: 'stage_not_accountable' },
      { index: 1, key: 'clock_breach:c2', reason: 'no_responsible_person' },
    ]);
  });

  it('proposes for verified complaints only', () => {
    const complaint = (complaintId: string, status: 'verified' | 'rejected' | 'pending'): DeductionIncident => ({
      type: 'complaint',
      complaintId,
      ticketId: 'T9',
      kind: 'cold_treatment',
      personId: 'dan',
      status,
      receivedAtMs: t0,
      severity: 'serious',
    });
    const { proposals, skipped } = proposeDeductions([complaint('k1', 'verified'), complaint('k2', 'rejected'), complaint('k3', 'pending')], DEFAULT_DEDUCTION_RULES, []);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ key: 'complaint:k1', kind: 'cold_treatment', points: 30, notice: true, evidence: { complaintId: 'k1', ticketId: 'T9' } });
    expect(skipped.map((s) => s.reason)).toEqual(['not_verified', 'not_verified']);
  });

  it('never proposes the same incident twice: across runs, within a run, and after rules change', () => {
    const incidents = [breach('c1', 'handover', 'amy'), breach('c1', 'handover', 'amy')];
    const first = proposeDeductions(incidents, DEFAULT_DEDUCTION_RULES, []);
    expect(first.proposals).toHaveLength(1);
    expect(first.skipped).toEqual([{ index: 1, key: 'clock_breach:c1', reason: 'already_proposed' }]);
    const edited = DEFAULT_DEDUCTION_RULES.map((r) => ({ ...r, points: r.points + 5 }));
    const second = proposeDeductions(incidents, edited, first.proposals.map((p) => p.key));
    expect(second.proposals).toEqual([]);
  });

  it('takes the enabled severity of a kind when the incident\'s own is disabled', () => {
    const rules = DEFAULT_DEDUCTION_RULES.map((r) => (r.id === 'handover_late.minor' ? { ...r, enabled: false } : r));
    expect(proposeDeductions([breach('c1', 'handover', 'amy')], rules, []).proposals).toMatchObject([{ ruleId: 'handover_late.serious', severity: 'serious', points: 30 }]);
    // A severity the office judged is kept: its disabled rule proposes nothing.
    const judged = DEFAULT_DEDUCTION_RULES.map((r) => (r.id === 'cold_treatment.minor' ? { ...r, enabled: false } : r));
    const complaint: DeductionIncident = { type: 'complaint', complaintId: 'k1', kind: 'cold_treatment', personId: 'dan', status: 'verified', receivedAtMs: t0, severity: 'minor' };
    expect(proposeDeductions([complaint], judged, []).skipped[0]?.reason).toBe('no_rule');
  });

  it('proposes nothing without an enabled rule', () => {
    const rules = DEFAULT_DEDUCTION_RULES.map((r) => (r.kind === 'handover_late' ? { ...r, enabled: false } : r));
    expect(proposeDeductions([breach('c1', 'handover', 'amy')], rules, []).skipped[0]?.reason).toBe('no_rule');
  });

  describe('passing the buck', () => {
    it('is not an incident at 2 declines/escalations on one ticket', () => {
      const { proposals, skipped } = proposeDeductions([routing('T1', ['handover', 'decline', 'handover', 'escalation'], ['amy', 'bob'])], DEFAULT_DEDUCTION_RULES, []);
      expect(proposals).toEqual([]);
      expect(skipped[0]?.reason).toBe('below_threshold');
    });

    it('proposes one deduction per person who bounced the ticket once it bounced a third time', () => {
      // e1 handover amy, e2 decline bob, e3 handover amy, e4 decline bob, e5 escalation amy
      const { proposals } = proposeDeductions([routing('T1', ['handover', 'decline', 'handover', 'decline', 'escalation'], ['amy', 'bob'])], DEFAULT_DEDUCTION_RULES, []);
      expect(proposals).toEqual([
        { key: 'passing_the_buck:T1:amy', personId: 'amy', ruleId: 'passing_the_buck.minor', kind: 'passing_the_buck', severity: 'minor', points: 10, notice: false, evidence: { ticketId: 'T1', eventIds: ['T1-e5'] }, occurredAtMs: t0 + 4 * H },
        { key: 'passing_the_buck:T1:bob', personId: 'bob', ruleId: 'passing_the_buck.minor', kind: 'passing_the_buck', severity: 'minor', points: 10, notice: false, evidence: { ticketId: 'T1', eventIds: ['T1-e2', 'T1-e4'] }, occurredAtMs: t0 + 4 * H },
      ]);
    });

    it('falls back to the serious rule (and its threshold) when the minor one is disabled', () => {
      const rules = DEFAULT_DEDUCTION_RULES.map((r) => {
        if (r.id === 'passing_the_buck.minor') return { ...r, enabled: false };
        return r.id === 'passing_the_buck.serious' ? { ...r, passingTheBuckThreshold: 1 } : r;
      });
      const { proposals } = proposeDeductions([routing('T1', ['decline', 'decline'], ['bob'])], rules, []);
      expect(proposals).toMatchObject([{ key: 'passing_the_buck:T1:bob', ruleId: 'passing_the_buck.serious', severity: 'serious', points: 30, notice: true }]);
      const none = DEFAULT_DEDUCTION_RULES.map((r) => (r.kind === 'passing_the_buck' ? { ...r, enabled: false } : r));
      expect(proposeDeductions([routing('T1', ['decline', 'decline', 'decline'], ['bob'])], none, []).skipped[0]?.reason).toBe('no_rule');
    });

    it('uses a configured threshold', () => {
      const rules = DEFAULT_DEDUCTION_RULES.map((r) => (r.kind === 'passing_the_buck' ? { ...r, passingTheBuckThreshold: 1 } : r));
      expect(proposeDeductions([routing('T1', ['decline', 'decline'], ['bob'])], rules, []).proposals).toHaveLength(1);
    });

    it('does not propose again when the ticket bounces further', () => {
      const first = proposeDeductions([routing('T1', ['decline', 'decline', 'decline'], ['bob'])], DEFAULT_DEDUCTION_RULES, []);
      const later = proposeDeductions([routing('T1', ['decline', 'decline', 'decline', 'decline'], ['bob'])], DEFAULT_DEDUCTION_RULES, first.proposals.map((p) => p.key));
      expect(first.proposals).toHaveLength(1);
      expect(later.proposals).toEqual([]);
    });
  });

  it('rejects malformed incidents, naming the field', () => {
    const cases: [unknown, string][] = [
      [{ type: 'meteor' }, 'incidents.0.type'],
      [{ ...breach('c1', 'handover', 'amy'), stageKind: 'lunch' }, 'incidents.0.stageKind'],
      [{ ...breach('c1', 'handover', 'amy'), breachedAtMs: 'today' }, 'incidents.0.breachedAtMs'],
      [{ ...breach('c1', 'handover', 'amy'), severity: 'grave' }, 'incidents.0.severity'],
      [{ type: 'complaint', complaintId: 'k', kind: 'rude', personId: 'p', status: 'verified', receivedAtMs: t0 }, 'incidents.0.kind'],
      [{ type: 'ticket_routing', ticketId: 'T', events: [{ eventId: 'e', type: 'bounce', byPersonId: 'p', atMs: t0 }] }, 'incidents.0.events.0.type'],
    ];
    for (const [incident, field] of cases) {
      expect(errorOf(() => proposeDeductions([incident as DeductionIncident], DEFAULT_DEDUCTION_RULES, [])).field).toBe(field);
    }
  });
});
