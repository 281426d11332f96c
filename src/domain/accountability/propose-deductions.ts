import { DomainValidationError } from '../shared/domain-validation-error.ts';
import {
  DEDUCTION_KINDS,
  DEDUCTION_SEVERITIES,
  resolveDeductionRules,
  type DeductionKind,
  type DeductionRule,
  type DeductionRuleInput,
  type DeductionSeverity,
} from './resolve-deduction-rules.ts';

/** What a commitment stage measures; only the first three map to a deduction kind. */
export const CLOCK_STAGE_KINDS = ['handover', 'first_contact', 'resolution', 'callback', 'other'] as const;
export type ClockStageKind = (typeof CLOCK_STAGE_KINDS)[number];

/** A late hand-over, a handler who never contacted the customer, a handler who did not finish in time. */
export const STAGE_DEDUCTION_KINDS: Readonly<Partial<Record<ClockStageKind, DeductionKind>>> = {
  handover: 'handover_late',
  first_contact: 'handler_no_contact',
  resolution: 'handler_late',
};

/** A breached clock, already attributed to the stage and person that caused it. */
export interface ClockBreachIncident {
  type: 'clock_breach';
  clockId: string;
  ticketId: string;
  stageKind: ClockStageKind;
  /** Null when the breach is attributed to a department with nobody named: nothing to propose. */
  responsiblePersonId: string | null;
  breachedAtMs: number;
  /** Default minor. */
  severity?: DeductionSeverity;
}

/** A complaint after investigation; only verified ones propose a deduction. */
export interface ComplaintIncident {
  type: 'complaint';
  complaintId: string;
  ticketId?: string | null;
  kind: DeductionKind;
  personId: string;
  status: 'verified' | 'rejected' | 'pending';
  /** When the complaint was received: the incident's time. */
  receivedAtMs: number;
  /** As judged by the administrative office; default minor. */
  severity?: DeductionSeverity;
}

export interface TicketRoutingEvent {
  eventId: string;
  /** Declines and escalations count towards passing the buck; hand-overs do not. */
  type: 'handover' | 'decline' | 'escalation';
  byPersonId: string;
  atMs: number;
}

/** A ticket's hand-over, decline and escalation history, checked for passing the buck. */
export interface TicketRoutingIncident {
  type: 'ticket_routing';
  ticketId: string;
  events: readonly TicketRoutingEvent[];
  /** Default minor. */
  severity?: DeductionSeverity;
}

export type DeductionIncident = ClockBreachIncident | ComplaintIncident | TicketRoutingIncident;

export interface DeductionEvidence {
  ticketId?: string;
  clockId?: string;
  complaintId?: string;
  /** The routing events that count against the person. */
  eventIds?: string[];
}

export interface DeductionProposal {
  /** Same incident → same key, whatever the rule settings, so it is never proposed twice. */
  key: string;
  personId: string;
  ruleId: string;
  kind: DeductionKind;
  severity: DeductionSeverity;
  points: number;
  /** A company-wide notice of criticism is proposed with it. */
  notice: boolean;
  evidence: DeductionEvidence;
  occurredAtMs: number;
}

export const SKIP_REASONS = ['already_proposed', 'no_rule', 'no_responsible_person', 'not_verified', 'stage_not_accountable', 'below_threshold'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedIncident {
  /** Index in the incidents list. */
  index: number;
  key: string | null;
  reason: SkipReason;
}

export interface DeductionProposals {
  /** Sorted by occurredAtMs, then key. */
  proposals: DeductionProposal[];
  skipped: SkippedIncident[];
}

function assertId(value: unknown, field: string, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainValidationError(field, `${what} must be a non-empty string`);
}

function assertInstant(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DomainValidationError(field, `${field} must be an instant in epoch milliseconds`);
}

function readSeverity(value: unknown, field: string): DeductionSeverity {
  if (value === undefined) return 'minor';
  if (!(DEDUCTION_SEVERITIES as readonly unknown[]).includes(value)) throw new DomainValidationError(field, 'The severity must be minor or serious');
  return value as DeductionSeverity;
}

function byTimeThenId(a: TicketRoutingEvent, b: TicketRoutingEvent): number {
  return a.atMs - b.atMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/**
 * Turns breaches, verified complaints and routing histories into proposed deductions, one per incident
 * and person. Nothing is punished here: a person confirms or rejects each proposal. Incidents whose key
 * is in `existingProposalKeys` (proposed before, whatever became of it) are skipped. When the rule for an
 * unjudged incident's default severity is disabled, the kind's enabled rule of the other severity applies.
 */
export function proposeDeductions(
  incidents: readonly DeductionIncident[],
  rules: readonly (DeductionRule | DeductionRuleInput)[],
  existingProposalKeys: Iterable<string>,
): DeductionProposals {
  if (!Array.isArray(incidents as unknown)) throw new DomainValidationError('incidents', 'The incidents must be a list');
  const resolved = resolveDeductionRules(rules);
  const enabledRule = (kind: DeductionKind, severity: DeductionSeverity) => resolved.find((r) => r.enabled && r.kind === kind && r.severity === severity);
  // A severity nobody judged (the default minor of a breach or a bounced ticket) falls back to the kind's other
  // enabled rule: disabling minor passing the buck must not silence the serious rule. A judged one does not.
  const ruleFor = (kind: DeductionKind, severity: DeductionSeverity, fallback = false) =>
    enabledRule(kind, severity) ?? (fallback ? enabledRule(kind, severity === 'minor' ? 'serious' : 'minor') : undefined);
  const seen = new Set(existingProposalKeys);
  const proposals: DeductionProposal[] = [];
  const skipped: SkippedIncident[] = [];

  const propose = (index: number, key: string, kind: DeductionKind, severity: DeductionSeverity, personId: string, evidence: DeductionEvidence, occurredAtMs: number, fallback: boolean): void => {
    if (seen.has(key)) {
      skipped.push({ index, key, reason: 'already_proposed' });
      return;
    }
    const rule = ruleFor(kind, severity, fallback);
    if (!rule) {
      skipped.push({ index, key, reason: 'no_rule' });
      return;
    }
    seen.add(key);
    proposals.push({ key, personId, ruleId: rule.id, kind, severity: rule.severity, points: rule.points, notice: rule.notice, evidence, occurredAtMs });
  };

  incidents.forEach((incident, index) => {
    const field = `incidents.${index}`;
    if (incident === null || typeof incident !== 'object') throw new DomainValidationError(field, 'An incident must be an object');
    switch (incident.type) {
      case 'clock_breach': {
        assertId(incident.clockId, `${field}.clockId`, 'The clock id');
        assertId(incident.ticketId, `${field}.ticketId`, 'The ticket id');
        assertInstant(incident.breachedAtMs, `${field}.breachedAtMs`);
        if (!(CLOCK_STAGE_KINDS as readonly string[]).includes(incident.stageKind)) {
          throw new DomainValidationError(`${field}.stageKind`, `The stage kind must be one of ${CLOCK_STAGE_KINDS.join(', ')}`);
        }
        const severity = readSeverity(incident.severity, `${field}.severity`);
        const key = `clock_breach:${incident.clockId}`;
        const kind = STAGE_DEDUCTION_KINDS[incident.stageKind];
        if (!kind) {
          skipped.push({ index, key, reason: 'stage_not_accountable' });
          return;
        }
        if (incident.responsiblePersonId === null) {
          skipped.push({ index, key, reason: 'no_responsible_person' });
          return;
        }
        assertId(incident.responsiblePersonId, `${field}.responsiblePersonId`, 'The responsible person id');
        propose(index, key, kind, severity, incident.responsiblePersonId, { ticketId: incident.ticketId, clockId: incident.clockId }, incident.breachedAtMs, incident.severity === undefined);
        return;
      }
      case 'complaint': {
        assertId(incident.complaintId, `${field}.complaintId`, 'The complaint id');
        assertId(incident.personId, `${field}.personId`, 'The person id');
        assertInstant(incident.receivedAtMs, `${field}.receivedAtMs`);
        if (!(DEDUCTION_KINDS as readonly string[]).includes(incident.kind)) {
          throw new DomainValidationError(`${field}.kind`, `The kind must be one of ${DEDUCTION_KINDS.join(', ')}`);
        }
        const severity = readSeverity(incident.severity, `${field}.severity`);
        const key = `complaint:${incident.complaintId}`;
        if (incident.status !== 'verified') {
          skipped.push({ index, key, reason: 'not_verified' });
          return;
        }
        const evidence: DeductionEvidence = { complaintId: incident.complaintId };
        if (incident.ticketId) evidence.ticketId = incident.ticketId;
        // The office judged this severity: a disabled rule for it means no deduction, not another amount.
        propose(index, key, incident.kind, severity, incident.personId, evidence, incident.receivedAtMs, false);
        return;
      }
      case 'ticket_routing': {
        assertId(incident.ticketId, `${field}.ticketId`, 'The ticket id');
        if (!Array.isArray(incident.events as unknown)) throw new DomainValidationError(`${field}.events`, 'The routing events must be a list');
        const severity = readSeverity(incident.severity, `${field}.severity`);
        incident.events.forEach((event, e) => {
          assertId(event?.eventId, `${field}.events.${e}.eventId`, 'The event id');
          assertId(event.byPersonId, `${field}.events.${e}.byPersonId`, 'The person id');
          assertInstant(event.atMs, `${field}.events.${e}.atMs`);
          if (!['handover', 'decline', 'escalation'].includes(event.type)) {
            throw new DomainValidationError(`${field}.events.${e}.type`, 'The event type must be handover, decline or escalation');
          }
        });
        const bounces = incident.events.filter((e) => e.type === 'decline' || e.type === 'escalation').sort(byTimeThenId);
        const fallback = incident.severity === undefined;
        const threshold = ruleFor('passing_the_buck', severity, fallback)?.passingTheBuckThreshold;
        if (threshold === undefined || threshold === null) {
          skipped.push({ index, key: null, reason: 'no_rule' });
          return;
        }
        if (bounces.length <= threshold) {
          skipped.push({ index, key: null, reason: 'below_threshold' });
          return;
        }
        // The moment the ticket crossed the threshold dates the incident for everyone involved.
        const crossedAtMs = (bounces[threshold] as TicketRoutingEvent).atMs;
        const persons = [...new Set(bounces.map((e) => e.byPersonId))].sort();
        for (const personId of persons) {
          const eventIds = bounces.filter((e) => e.byPersonId === personId).map((e) => e.eventId);
          propose(index, `passing_the_buck:${incident.ticketId}:${personId}`, 'passing_the_buck', severity, personId, { ticketId: incident.ticketId, eventIds }, crossedAtMs, fallback);
        }
        return;
      }
      default:
        throw new DomainValidationError(`${field}.type`, 'The incident type must be clock_breach, complaint or ticket_routing');
    }
  });

  proposals.sort((a, b) => a.occurredAtMs - b.occurredAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { proposals, skipped };
}
