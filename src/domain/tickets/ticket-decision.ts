import type { TicketEvent, TicketNotification } from './ticket-event.ts';
import type { TicketState } from './ticket-state.ts';

/** The same words as `DomainErrorKind`, so the service can rethrow a refusal as a DomainError. */
export type TicketRefusalCode = 'wrong_state' | 'forbidden' | 'invalid' | 'conflict';

export interface TicketRefusal {
  ok: false;
  code: TicketRefusalCode;
  /** Plain English a person can act on; the API layer may translate it. */
  message: string;
  /** The input field at fault, for 'invalid'. */
  field?: string;
  /** A more specific machine code than `code` where a client acts on it, e.g. 'already_rated'. */
  errorCode?: string;
}

export interface TicketSuccess {
  ok: true;
  next: TicketState;
  /** Never empty. */
  events: TicketEvent[];
  notify: TicketNotification[];
}

export type TicketDecision = TicketSuccess | TicketRefusal;

/**
 * What the service looked up for the decision. Each fact is needed only by some actions; a fact an
 * action needs but that is missing (or about another id) is a bug in the caller and throws.
 */
export interface TicketDecisionContext {
  nowMs: number;
  /** hand-over: the department named in the action. */
  department?: { id: number; active: boolean; headId: number | null };
  /** hand-over, assign, instruct (handlerId), transfer-ownership (newOwnerId): the person named. */
  staff?: { id: number; active: boolean; departmentId: number | null };
  /** escalate: the first head up the owner's department chain who is not the owner; null if none. */
  ownerSuperiorId?: number | null;
}
