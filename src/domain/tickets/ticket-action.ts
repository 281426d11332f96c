import type { ContactDirection, EscalationCause, RatingVia } from './ticket-lists.ts';
import type { TicketChannel } from './ticket-state.ts';

/**
 * Answers to the callback survey's questions (question key → value) as received; the ticket rules
 * ignore them and the survey service checks them against the survey's template.
 */
export type SurveyAnswersInput = Readonly<Record<string, unknown>>;

/** Every action name, in the order the UI offers them. */
export const TICKET_ACTION_TYPES = [
  'pick-up',
  'take',
  'hand-over',
  'assign',
  'accept',
  'decline',
  'contact',
  'note',
  'reply',
  'wait',
  'resume',
  'escalate',
  'instruct',
  'refuse',
  'approve-exception',
  'resolve',
  'callback',
  'confirm',
  'rate',
  'close',
  'reopen',
  'transfer-ownership',
] as const;

export type TicketActionType = (typeof TICKET_ACTION_TYPES)[number];

/** What a person asks to do to a ticket, with its input as received (text is trimmed by the rules). */
export type TicketAction =
  /** A staff member takes a `new` portal ticket from the intake queue and becomes its owner. */
  | { type: 'pick-up' }
  /** The owner handles it himself (also pulls back a ticket handed over but not yet accepted). */
  | { type: 'take' }
  /**
   * The owner hands it to a department (its head assigns it) or straight to a handler there.
   * `needsSeveralPeople`: the matter goes to the head of the main department, who becomes handler.
   */
  | { type: 'hand-over'; departmentId: number; handlerId?: number | null; needsSeveralPeople?: boolean; note?: string }
  /** The head of the department it was handed to names the handler (themself: accepted at once). */
  | { type: 'assign'; handlerId: number; note?: string }
  | { type: 'accept' }
  /** The handler (or the head, for a ticket handed to their department) returns it to the owner. */
  | { type: 'decline'; reason: string }
  /** A contact with the customer, logged for the record (and for "first contact" clocks). */
  | { type: 'contact'; channel: TicketChannel; summary: string; direction?: ContactDirection }
  /** Internal: never shown to the customer. */
  | { type: 'note'; text: string }
  /** A message to (or from) the customer, shown on the portal. */
  | { type: 'reply'; text: string }
  /** Waiting on the customer for `reason` (shown to them); clocks pause. */
  | { type: 'wait'; reason: string }
  | { type: 'resume' }
  /** Handler unreachable or responsibility unclear: the owner asks his superior. */
  | { type: 'escalate'; reason: string; cause?: EscalationCause }
  /** The superior answers: an instruction, optionally naming the handler. */
  | { type: 'instruct'; instruction: string; handlerId?: number | null }
  /** It breaks company rules: the reason is shown to the customer. */
  | { type: 'refuse'; reason: string }
  | { type: 'approve-exception'; reason: string }
  | { type: 'resolve'; result: string }
  /** The owner records the customer's satisfaction after calling them back. */
  | { type: 'callback'; satisfaction: number; comment?: string; channel: TicketChannel; answers?: SurveyAnswersInput }
  /** The customer confirms the result themselves. */
  | { type: 'confirm'; comment?: string }
  /**
   * The customer rates the result (1–5 and a comment) on the portal or through a rating link: the
   * callback survey answered by the customer, so it records the satisfaction like a callback and
   * confirms the result. `via` says where, for the record.
   */
  | { type: 'rate'; satisfaction: number; comment?: string; via?: RatingVia; answers?: SurveyAnswersInput }
  /** `reason` is required only when an admin closes a resolved ticket nobody called back. */
  | { type: 'close'; reason?: string }
  | { type: 'reopen'; reason: string }
  /** Admin only: the owner has left. */
  | { type: 'transfer-ownership'; newOwnerId: number; reason: string };
