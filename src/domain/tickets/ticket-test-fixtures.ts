// Test-only fixtures shared by the ticket tests: one cast of people and one ticket per situation.
import type { TicketAction, TicketActionType } from './ticket-action.ts';
import type { CustomerTicketActor, StaffTicketActor, TicketActor } from './ticket-actor.ts';
import type { TicketDecisionContext } from './ticket-decision.ts';
import type { TicketState } from './ticket-state.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const NOW_MS = Date.UTC(2025, 4, 12, 9, 30);

/** Departments: 1 company, 10 customer service (owner's), 20 billing (handler's), 30 warehouse, 40 board. */
const staff = (id: number, departmentId: number | null, extra: Partial<StaffTicketActor> = {}): StaffTicketActor => ({
  kind: 'staff',
  id,
  roles: ['agent'],
  departmentId,
  headOfDepartmentIds: [],
  departmentSubtreeIds: departmentId === null ? [] : [departmentId],
  isSeniorManager: false,
  ...extra,
});

export const ACTORS = {
  owner: staff(1, 10),
  handler: staff(2, 20),
  head: staff(3, 20, { headOfDepartmentIds: [20] }),
  superior: staff(4, 1, { headOfDepartmentIds: [1] }),
  colleague: staff(5, 10),
  stranger: staff(6, 30),
  supervisor: staff(7, 100, { roles: ['supervisor'], departmentSubtreeIds: [100, 10, 11] }),
  admin: staff(8, null, { roles: ['admin'] }),
  office: staff(9, null, { roles: ['office'] }),
  senior: staff(11, 40, { isSeniorManager: true }),
  customer: { kind: 'customer', customerId: 500 } satisfies CustomerTicketActor,
  otherCustomer: { kind: 'customer', customerId: 501 } satisfies CustomerTicketActor,
} as const satisfies Record<string, TicketActor>;

export type ActorName = keyof typeof ACTORS;
export const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

/** Another billing clerk: the target of hand-over, assign and instruct in the table tests. */
export const OTHER_BILLING_CLERK_ID = 12;
/** The person an admin makes owner. */
export const NEW_OWNER_ID = 13;

export function buildTicketState(overrides: Partial<TicketState> = {}): TicketState {
  return {
    status: 'registered',
    customerId: 500,
    ownerId: 1,
    ownerDepartmentId: 10,
    handlerId: null,
    handlerDepartmentId: null,
    escalatedToId: null,
    statusBeforeWait: null,
    waitingSinceMs: null,
    handedOverAtMs: null,
    acceptedAtMs: null,
    resolvedAtMs: null,
    result: null,
    satisfaction: null,
    customerConfirmedAtMs: null,
    closedAtMs: null,
    refusalReason: null,
    exceptionApproved: false,
    reopenCount: 0,
    version: 7,
    ...overrides,
  };
}

const withBilling = { handlerId: 2, handlerDepartmentId: 20, handedOverAtMs: NOW_MS - 3 * DAY_MS };
const accepted = { ...withBilling, acceptedAtMs: NOW_MS - 3 * DAY_MS + 60_000 };
const resolved = (daysAgo: number) => ({ ...accepted, resolvedAtMs: NOW_MS - daysAgo * DAY_MS, result: 'Refunded the double charge' });

/** One ticket per situation that the rules tell apart. */
export const FIXTURES = {
  new: buildTicketState({ status: 'new', ownerId: null, ownerDepartmentId: null }),
  registered: buildTicketState(),
  registered_exception: buildTicketState({ exceptionApproved: true }),
  in_progress_owner: buildTicketState({ status: 'in_progress', handlerId: 1, handlerDepartmentId: 10, acceptedAtMs: NOW_MS - DAY_MS }),
  in_progress_handler: buildTicketState({ status: 'in_progress', ...accepted }),
  handed_over_handler: buildTicketState({ status: 'handed_over', ...withBilling }),
  handed_over_department: buildTicketState({ status: 'handed_over', ...withBilling, handlerId: null }),
  escalated: buildTicketState({ status: 'escalated', escalatedToId: 4 }),
  waiting: buildTicketState({ status: 'waiting', ...accepted, statusBeforeWait: 'in_progress', waitingSinceMs: NOW_MS - 2 * DAY_MS }),
  resolved: buildTicketState({ status: 'resolved', ...resolved(1) }),
  resolved_confirmed: buildTicketState({ status: 'resolved', ...resolved(1), customerConfirmedAtMs: NOW_MS - DAY_MS / 2 }),
  resolved_old: buildTicketState({ status: 'resolved', ...resolved(20) }),
  called_back: buildTicketState({ status: 'called_back', ...resolved(2), satisfaction: 4 }),
  closed: buildTicketState({ status: 'closed', ...resolved(20), satisfaction: 4, closedAtMs: NOW_MS - 3 * DAY_MS }),
  closed_old: buildTicketState({ status: 'closed', ...resolved(30), satisfaction: 5, closedAtMs: NOW_MS - 15 * DAY_MS }),
  refused: buildTicketState({ status: 'refused', refusalReason: 'Meter changes need the account holder' }),
} as const satisfies Record<string, TicketState>;

export type FixtureName = keyof typeof FIXTURES;
export const FIXTURE_NAMES = Object.keys(FIXTURES) as FixtureName[];

/** A valid input for each action, with the context the service would have looked up for it. */
export const SAMPLE_ACTIONS: Record<TicketActionType, { action: TicketAction; context: Omit<TicketDecisionContext, 'nowMs'> }> = {
  'pick-up': { action: { type: 'pick-up' }, context: {} },
  take: { action: { type: 'take' }, context: {} },
  'hand-over': {
    action: { type: 'hand-over', departmentId: 20, handlerId: OTHER_BILLING_CLERK_ID, note: 'Double charge in March' },
    context: { department: { id: 20, active: true, headId: 3 }, staff: { id: OTHER_BILLING_CLERK_ID, active: true, departmentId: 20 } },
  },
  assign: { action: { type: 'assign', handlerId: OTHER_BILLING_CLERK_ID }, context: { staff: { id: OTHER_BILLING_CLERK_ID, active: true, departmentId: 20 } } },
  accept: { action: { type: 'accept' }, context: {} },
  decline: { action: { type: 'decline', reason: 'Billing does not handle meters' }, context: {} },
  contact: { action: { type: 'contact', channel: 'phone', summary: 'Explained the refund' }, context: {} },
  note: { action: { type: 'note', text: 'Customer prefers mornings' }, context: {} },
  reply: { action: { type: 'reply', text: 'Thank you, we are on it.' }, context: {} },
  wait: { action: { type: 'wait', reason: 'Please send a photo of the meter' }, context: {} },
  resume: { action: { type: 'resume' }, context: {} },
  escalate: { action: { type: 'escalate', reason: 'Handler away on a trip', cause: 'handler_unreachable' }, context: { ownerSuperiorId: 4 } },
  instruct: {
    action: { type: 'instruct', instruction: 'Give it to the other clerk', handlerId: OTHER_BILLING_CLERK_ID },
    context: { staff: { id: OTHER_BILLING_CLERK_ID, active: true, departmentId: 20 } },
  },
  refuse: { action: { type: 'refuse', reason: 'Only the account holder may change the tariff' }, context: {} },
  'approve-exception': { action: { type: 'approve-exception', reason: 'Account holder is in hospital' }, context: {} },
  resolve: { action: { type: 'resolve', result: 'Refunded 42.00 to the card' }, context: {} },
  callback: { action: { type: 'callback', satisfaction: 4, comment: 'Quick', channel: 'phone' }, context: {} },
  confirm: { action: { type: 'confirm', comment: 'All good' }, context: {} },
  rate: { action: { type: 'rate', satisfaction: 5, comment: 'Fast and friendly' }, context: {} },
  close: { action: { type: 'close', reason: 'Customer unreachable for the callback' }, context: {} },
  reopen: { action: { type: 'reopen', reason: 'The refund never arrived' }, context: {} },
  'transfer-ownership': {
    action: { type: 'transfer-ownership', newOwnerId: NEW_OWNER_ID, reason: 'Owner has left the company' },
    context: { staff: { id: NEW_OWNER_ID, active: true, departmentId: 10 } },
  },
};
