/**
 * Where a ticket stands. Kept small on purpose: "reopened" is an event (and `reopenCount`), not a
 * status, because a reopened ticket behaves exactly like one in progress.
 */
export const TICKET_STATUSES = [
  /** Came in through the portal or email and nobody has picked it up yet: no owner. */
  'new',
  /** With its owner, in nobody else's hands: just registered, declined back, or back after an instruction. */
  'registered',
  /** Someone is working on it: the owner himself (handlerId = ownerId) or an accepted handler. */
  'in_progress',
  /** Handed to a handler who has not accepted yet, or to a department whose head has not assigned it. */
  'handed_over',
  /** The owner asked a superior (`escalatedToId`) for an instruction; waits for `instruct`. */
  'escalated',
  /** Waiting on the customer; clocks pause. `statusBeforeWait` says where it returns. */
  'waiting',
  /** The result is recorded; the owner's callback is due. */
  'resolved',
  /** The owner recorded the customer's satisfaction. */
  'called_back',
  /** Done. Customers may reopen within 14 days, staff any time. */
  'closed',
  /** Refused because it breaks company rules; only a senior manager's exception lets it proceed. */
  'refused',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The statuses `wait` may start from, and so the ones `resume` returns to. */
export type WaitableStatus = 'registered' | 'in_progress';

/** How a customer reached us, or how we reached them (PRODUCT.md §1). */
export const TICKET_CHANNELS = ['phone', 'visit', 'letter', 'email', 'meeting', 'chat', 'other', 'web'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/**
 * The lifecycle part of a ticket: what the rules need and what they change. Ticket content (subject,
 * description, category, priority) lives beside it in the service layer. Times are epoch ms.
 */
export interface TicketState {
  status: TicketStatus;
  /** The customer record the ticket belongs to; null when the caller left no identity. */
  customerId: number | null;
  /** The first responder; null only while `new`. Changes only by `pick-up` or an admin's `transfer-ownership`. */
  ownerId: number | null;
  /** The owner's department when they became owner: tickets are "that department's" for visibility. */
  ownerDepartmentId: number | null;
  /** Who does (or is asked to do) the work now; equals `ownerId` when the owner handles it himself. */
  handlerId: number | null;
  /** The department the ticket was handed to (or the owner's, when he took it himself). */
  handlerDepartmentId: number | null;
  /** The superior asked by the last escalation; kept afterwards so they can follow up. */
  escalatedToId: number | null;
  /** Where `resume` (or a customer's reply) returns a waiting ticket. */
  statusBeforeWait: WaitableStatus | null;
  waitingSinceMs: number | null;
  /** When it was handed to the current handler or department (the paper form's "time handed over"). */
  handedOverAtMs: number | null;
  /** When the current handler started: accepted, or took it on as owner. */
  acceptedAtMs: number | null;
  resolvedAtMs: number | null;
  /** The result written on the record (the paper form's "result"). */
  result: string | null;
  /** 1–5, recorded by the owner's callback. */
  satisfaction: number | null;
  /** Set when the customer confirmed the result themselves, which lets the owner close without a callback. */
  customerConfirmedAtMs: number | null;
  closedAtMs: number | null;
  /** Shown to the customer while refused. */
  refusalReason: string | null;
  /** A senior manager recorded an exception: the ticket may not be refused again. */
  exceptionApproved: boolean;
  reopenCount: number;
  /** Optimistic-concurrency counter: every decision returns `version + 1`. */
  version: number;
}
