import { DomainError } from '../shared/domain-error.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { readText } from './read-text.ts';
import { DEDUCTION_SEVERITIES, type DeductionSeverity } from './resolve-deduction-rules.ts';

/** The deduction kinds a complaint can be about, plus anything else (which proposes no deduction). */
export const COMPLAINT_KINDS = ['cold_treatment', 'not_informed', 'passing_the_buck', 'handover_late', 'handler_no_contact', 'handler_late', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

export const COMPLAINT_STATUSES = ['received', 'investigating', 'verified', 'rejected', 'appealed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_SOURCES = ['portal', 'phone', 'letter', 'visit', 'email', 'colleague'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const EVIDENCE_KINDS = ['ticket', 'statement', 'document', 'link'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const COMPLAINT_ACTION_TYPES = ['assign', 'update', 'add_evidence', 'respond', 'decide', 'appeal', 'decide_appeal'] as const;
export type ComplaintActionType = (typeof COMPLAINT_ACTION_TYPES)[number];

export const COMPLAINT_OUTCOMES = ['verified', 'rejected'] as const;

/**
 * Days (calendar days, from the moment they are named) the person concerned is given to respond to a
 * complaint about them. Verifying before they respond and before the deadline needs a recorded reason.
 */
export const COMPLAINT_RESPONSE_DUE_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** When the person concerned, named at `namedAtMs`, should have responded by. */
export function computeResponseDueAt(namedAtMs: number): number {
  return namedAtMs + COMPLAINT_RESPONSE_DUE_DAYS * DAY_MS;
}

/** Whether verifying now comes before the person concerned has had their say (so needs a recorded reason). */
export function isEarlyVerification(state: Pick<ComplaintState, 'subjectStaffId' | 'respondedAtMs' | 'responseDueAtMs'>, nowMs: number): boolean {
  return state.subjectStaffId !== null && state.respondedAtMs === null && state.responseDueAtMs !== null && nowMs < state.responseDueAtMs;
}
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** What the rules need to know about a complaint. */
export interface ComplaintState {
  status: ComplaintStatus;
  source: ComplaintSource;
  customerId: number | null;
  complainantStaffId: number | null;
  subjectStaffId: number | null;
  ticketId: number | null;
  kind: ComplaintKind;
  investigatorId: number | null;
  findings: string | null;
  appealedAtMs: number | null;
  /** When the verification was made; kept through an appeal of it, so an upheld one dates from the first decision. */
  verifiedAtMs: number | null;
  /** When the person concerned responded, and by when they were asked to (null: nobody named yet). */
  respondedAtMs: number | null;
  responseDueAtMs: number | null;
}

export type ComplaintActor = { kind: 'staff'; id: number; isOffice: boolean } | { kind: 'customer'; customerId: number };

export type ComplaintAction =
  | { type: 'assign'; investigatorId: number }
  | { type: 'update'; subjectStaffId?: number | null; ticketId?: number | null; kind?: ComplaintKind; findings?: string | null }
  | { type: 'add_evidence'; kind: EvidenceKind; description: string; ticketId?: number | null; url?: string | null }
  | { type: 'respond'; text: string }
  | { type: 'decide'; outcome: ComplaintOutcome; reason: string; severity?: DeductionSeverity; customerMessage?: string | null; earlyDecisionReason?: string | null }
  | { type: 'appeal'; reason: string }
  | { type: 'decide_appeal'; outcome: ComplaintOutcome; reason: string; severity?: DeductionSeverity; customerMessage?: string | null };

/** Fields of the complaint an action sets (times in epoch ms). */
export interface ComplaintChanges {
  status?: ComplaintStatus;
  investigatorId?: number;
  subjectStaffId?: number | null;
  ticketId?: number | null;
  kind?: ComplaintKind;
  findings?: string | null;
  response?: string;
  respondedAtMs?: number;
  severity?: DeductionSeverity | null;
  decisionReason?: string;
  customerMessage?: string | null;
  decidedAtMs?: number;
  decidedBy?: number;
  appealReason?: string;
  appealedAtMs?: number;
  appealedByKind?: 'customer' | 'staff';
  appealedById?: number;
  appealDecidedAtMs?: number;
  appealDecidedBy?: number;
  appealDecisionReason?: string;
  verifiedAtMs?: number | null;
  responseDueAtMs?: number | null;
  earlyDecisionReason?: string | null;
}

export interface ComplaintEventDraft {
  type: 'investigation_started' | 'investigator_changed' | 'updated' | 'evidence_added' | 'responded' | 'decided' | 'decided_early' | 'appealed' | 'appeal_decided';
  /** Complainant-visible events carry only what the complainant may read: never findings or internal reasons. */
  payload: Record<string, string | number | boolean | null>;
  visibleToComplainant: boolean;
}

export interface ComplaintDecision {
  changes: ComplaintChanges;
  events: ComplaintEventDraft[];
  /** An added piece of evidence, normalised, for the service to store. */
  evidence?: { kind: EvidenceKind; description: string; ticketId: number | null; url: string | null };
}

const OPEN: readonly ComplaintStatus[] = ['received', 'investigating', 'appealed'];

const isOffice = (actor: ComplaintActor) => actor.kind === 'staff' && actor.isOffice;
const isStaff = (actor: ComplaintActor, id: number | null) => actor.kind === 'staff' && id !== null && actor.id === id;

/** The complainant: the customer who filed it, or the colleague who did. */
export function isComplainant(state: Pick<ComplaintState, 'customerId' | 'complainantStaffId'>, actor: ComplaintActor): boolean {
  if (actor.kind === 'customer') return state.customerId !== null && state.customerId === actor.customerId;
  return state.complainantStaffId !== null && state.complainantStaffId === actor.id;
}

/** Why `actor` may not take action `type` now, or null when they may. */
export function checkComplaintAction(state: ComplaintState, actor: ComplaintActor, type: ComplaintActionType): DomainError | null {
  const wrongState = (what: string) => new DomainError('wrong_state', `A complaint that is ${state.status.replace('_', ' ')} cannot ${what}.`, undefined, 'wrong_state');
  const forbidden = (message: string) => new DomainError('forbidden', message);
  switch (type) {
    case 'assign':
      if (!isOffice(actor)) return forbidden('Only the administrative office assigns an investigator.');
      return OPEN.includes(state.status) ? null : wrongState('be assigned an investigator');
    case 'update':
    case 'add_evidence':
      if (!isOffice(actor) && !isStaff(actor, state.investigatorId)) return forbidden('Only the office or the investigator records the investigation.');
      return OPEN.includes(state.status) ? null : wrongState('be changed any more');
    case 'respond':
      if (!isStaff(actor, state.subjectStaffId)) return forbidden('Only the person concerned can respond to a complaint.');
      return OPEN.includes(state.status) ? null : wrongState('take a response any more');
    case 'decide':
      if (!isOffice(actor)) return forbidden('Only the administrative office verifies or rejects a complaint.');
      return state.status === 'investigating' ? null : wrongState('be decided: assign an investigator first');
    case 'appeal': {
      if (state.status !== 'verified' && state.status !== 'rejected') return wrongState('be appealed');
      if (state.appealedAtMs !== null) return new DomainError('wrong_state', 'A complaint can be appealed once, and this one was.', undefined, 'already_appealed');
      // The side the outcome went against appeals: the person concerned a verification, the complainant a rejection.
      const allowed = state.status === 'verified' ? isStaff(actor, state.subjectStaffId) : isComplainant(state, actor);
      return allowed ? null : forbidden(state.status === 'verified' ? 'Only the person concerned can appeal a verified complaint.' : 'Only the complainant can appeal a rejected complaint.');
    }
    case 'decide_appeal':
      if (!isOffice(actor)) return forbidden('Only the administrative office decides an appeal.');
      return state.status === 'appealed' ? null : wrongState('have an appeal decided');
    default:
      return new DomainValidationError('type', `"${String(type)}" is not a complaint action`);
  }
}

/** The actions `actor` may take now, in the order the investigation page offers them. */
export function listComplaintActions(state: ComplaintState, actor: ComplaintActor): ComplaintActionType[] {
  return COMPLAINT_ACTION_TYPES.filter((type) => checkComplaintAction(state, actor, type) === null);
}

function readOutcome(action: { outcome: unknown; severity?: unknown; reason: unknown; customerMessage?: unknown }) {
  if (action.outcome !== 'verified' && action.outcome !== 'rejected') throw new DomainValidationError('outcome', 'The outcome must be verified or rejected');
  if (action.severity !== undefined && !(DEDUCTION_SEVERITIES as readonly unknown[]).includes(action.severity)) {
    throw new DomainValidationError('severity', 'The severity must be minor or serious');
  }
  return {
    outcome: action.outcome as ComplaintOutcome,
    reason: readText(action.reason, 'reason', 2000) as string,
    customerMessage: readText(action.customerMessage, 'customerMessage', 2000, true),
    severity: action.outcome === 'verified' ? ((action.severity as DeductionSeverity | undefined) ?? 'minor') : null,
  };
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * One step of a complaint's life: received → investigating (an investigator is named; findings, evidence
 * and the person's response are gathered) → verified | rejected with a reason → at most one appeal by the
 * side it went against → verified | rejected for good. Throws a DomainError when the action is not allowed
 * now or its input is bad; the service saves `changes` and `events` in one transaction.
 */
export function decideComplaintAction(state: ComplaintState, actor: ComplaintActor, action: ComplaintAction, nowMs: number): ComplaintDecision {
  if (!Number.isFinite(nowMs)) throw new Error('decideComplaintAction: nowMs must be a finite epoch-ms number');
  const blocked = checkComplaintAction(state, actor, (action as { type: ComplaintActionType }).type);
  if (blocked) throw blocked;
  const staffId = actor.kind === 'staff' ? actor.id : null;

  switch (action.type) {
    case 'assign': {
      if (!isId(action.investigatorId)) throw new DomainValidationError('investigatorId', 'Choose the investigator');
      if (action.investigatorId === state.subjectStaffId) throw new DomainValidationError('investigatorId', 'The person concerned cannot investigate a complaint about themself');
      const starts = state.status === 'received';
      return {
        changes: { investigatorId: action.investigatorId, ...(starts ? { status: 'investigating' as const } : {}) },
        // The complainant learns that it is being investigated, not by whom.
        events: [starts ? { type: 'investigation_started', payload: {}, visibleToComplainant: true } : { type: 'investigator_changed', payload: { investigatorId: action.investigatorId }, visibleToComplainant: false }],
      };
    }
    case 'update': {
      const changes: ComplaintChanges = {};
      if (action.subjectStaffId !== undefined) {
        if (action.subjectStaffId !== null && !isId(action.subjectStaffId)) throw new DomainValidationError('subjectStaffId', 'Choose the person concerned');
        if (action.subjectStaffId !== null && action.subjectStaffId === state.investigatorId) {
          throw new DomainValidationError('subjectStaffId', 'The investigator cannot be the person concerned; assign another investigator first');
        }
        changes.subjectStaffId = action.subjectStaffId;
        // Someone newly named gets the full time to respond; nobody named, nobody to wait for.
        if (action.subjectStaffId !== state.subjectStaffId) changes.responseDueAtMs = action.subjectStaffId === null ? null : computeResponseDueAt(nowMs);
      }
      if (action.ticketId !== undefined) {
        if (action.ticketId !== null && !isId(action.ticketId)) throw new DomainValidationError('ticketId', 'Choose the ticket');
        changes.ticketId = action.ticketId;
      }
      if (action.kind !== undefined) {
        if (!(COMPLAINT_KINDS as readonly string[]).includes(action.kind)) throw new DomainValidationError('kind', `The kind must be one of ${COMPLAINT_KINDS.join(', ')}`);
        changes.kind = action.kind;
      }
      // Findings, once recorded, say something: an empty or blank one is refused, not stored as "none".
      if (action.findings !== undefined) {
        if (action.findings === null || (typeof action.findings === 'string' && action.findings.trim() === '')) {
          throw new DomainValidationError('findings', 'Write the findings of the investigation; they cannot be empty');
        }
        changes.findings = readText(action.findings, 'findings', 10_000);
      }
      const fields = Object.keys(changes).filter((f) => f !== 'responseDueAtMs');
      if (fields.length === 0) throw new DomainValidationError('findings', 'Nothing to change');
      return { changes, events: [{ type: 'updated', payload: { fields: fields.join(',') }, visibleToComplainant: false }] };
    }
    case 'add_evidence': {
      if (!(EVIDENCE_KINDS as readonly string[]).includes(action.kind)) throw new DomainValidationError('kind', `The kind of evidence must be one of ${EVIDENCE_KINDS.join(', ')}`);
      const description = readText(action.description, 'description', 4000) as string;
      let ticketId: number | null = null;
      let url: string | null = null;
      if (action.kind === 'ticket') {
        if (!isId(action.ticketId)) throw new DomainValidationError('ticketId', 'Evidence of kind ticket names the ticket');
        ticketId = action.ticketId;
      }
      if (action.kind === 'link') {
        url = readText(action.url, 'url', 2000);
        if (!/^https?:\/\/\S+$/i.test(url as string)) throw new DomainValidationError('url', 'The link must start with http:// or https://');
      }
      return {
        changes: {},
        evidence: { kind: action.kind, description, ticketId, url },
        events: [{ type: 'evidence_added', payload: { kind: action.kind }, visibleToComplainant: false }],
      };
    }
    case 'respond': {
      const text = readText(action.text, 'text', 4000) as string;
      return { changes: { response: text, respondedAtMs: nowMs }, events: [{ type: 'responded', payload: {}, visibleToComplainant: false }] };
    }
    case 'decide': {
      if (!state.findings) throw new DomainValidationError('findings', 'Record the findings of the investigation before deciding');
      const d = readOutcome(action);
      if (d.outcome === 'verified' && state.subjectStaffId === null && state.ticketId === null) {
        throw new DomainValidationError('subjectStaffId', 'A verified complaint names the person or the ticket it is about');
      }
      // The person concerned has until the deadline to give their side; verifying sooner is the office's call, with its reason on record.
      const early = d.outcome === 'verified' && isEarlyVerification(state, nowMs);
      const earlyDecisionReason = early ? readText(action.earlyDecisionReason, 'earlyDecisionReason', 2000, true) : null;
      if (early && earlyDecisionReason === null) {
        throw new DomainValidationError('earlyDecisionReason', 'The person concerned has not responded and their time to respond has not run out: say why you verify it now');
      }
      return {
        changes: {
          status: d.outcome, severity: d.severity, decisionReason: d.reason, customerMessage: d.customerMessage, decidedAtMs: nowMs, decidedBy: staffId as number,
          verifiedAtMs: d.outcome === 'verified' ? nowMs : null,
          ...(earlyDecisionReason === null ? {} : { earlyDecisionReason }),
        },
        events: [
          { type: 'decided', payload: { outcome: d.outcome, customerMessage: d.customerMessage }, visibleToComplainant: true },
          // Internal: the complainant learns the outcome, the file keeps why it did not wait for the response.
          ...(earlyDecisionReason === null ? [] : [{ type: 'decided_early' as const, payload: { earlyDecisionReason }, visibleToComplainant: false }]),
        ],
      };
    }
    case 'appeal': {
      const reason = readText(action.reason, 'reason', 2000) as string;
      const by = actor.kind === 'customer' ? 'customer' : 'staff';
      return {
        changes: { status: 'appealed', appealReason: reason, appealedAtMs: nowMs, appealedByKind: by, appealedById: actor.kind === 'customer' ? actor.customerId : actor.id },
        events: [{ type: 'appealed', payload: { by: isComplainant(state, actor) ? 'complainant' : 'subject' }, visibleToComplainant: true }],
      };
    }
    case 'decide_appeal': {
      const d = readOutcome(action);
      if (d.outcome === 'verified' && state.subjectStaffId === null && state.ticketId === null) {
        throw new DomainValidationError('subjectStaffId', 'A verified complaint names the person or the ticket it is about');
      }
      return {
        changes: {
          status: d.outcome, severity: d.severity, appealDecisionReason: d.reason, appealDecidedAtMs: nowMs, appealDecidedBy: staffId as number,
          // Upheld on appeal: verified since the first decision; reversed from a rejection: verified now.
          verifiedAtMs: d.outcome === 'verified' ? (state.verifiedAtMs ?? nowMs) : null,
          ...(d.customerMessage === null ? {} : { customerMessage: d.customerMessage }),
        },
        events: [{ type: 'appeal_decided', payload: { outcome: d.outcome, customerMessage: d.customerMessage }, visibleToComplainant: true }],
      };
    }
    default:
      throw new DomainValidationError('type', `"${String((action as { type?: unknown }).type)}" is not a complaint action`);
  }
}

/** Where a complaint stands in the complainant's words (the portal shows these, never the internal ones). */
export const COMPLAINANT_STATUSES = ['received', 'investigating', 'upheld', 'not_upheld', 'appealed'] as const;
export type ComplainantStatus = (typeof COMPLAINANT_STATUSES)[number];

/** Where a complaint stands, in the complainant's words. */
export function toComplainantStatus(status: ComplaintStatus): ComplainantStatus {
  switch (status) {
    case 'verified':
      return 'upheld';
    case 'rejected':
      return 'not_upheld';
    default:
      return status;
  }
}
