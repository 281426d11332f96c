import { canViewTicket } from './can-view-ticket.ts';
import type { TicketActionType } from './ticket-action.ts';
import type { StaffTicketActor, TicketActor } from './ticket-actor.ts';
import type { TicketRefusal } from './ticket-decision.ts';
import type { TicketState, TicketStatus } from './ticket-state.ts';

/** Customers may reopen online for 14 days after resolution (or closing); later they ask staff. */
export const CUSTOMER_REOPEN_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

const STATUS_WORDS: Record<TicketStatus, string> = {
  new: 'new and not yet picked up',
  registered: 'with its owner',
  in_progress: 'in progress',
  handed_over: 'handed over and not yet accepted',
  escalated: 'escalated and waiting for an instruction',
  waiting: 'waiting on the customer',
  resolved: 'resolved',
  called_back: 'called back',
  closed: 'closed',
  refused: 'refused',
};

const wrongState = (message: string): TicketRefusal => ({ ok: false, code: 'wrong_state', message });
const forbidden = (message: string): TicketRefusal => ({ ok: false, code: 'forbidden', message });

/** `null` when `status` is one of `allowed`, else a refusal saying why the ticket is not ready. */
function requireStatus(state: TicketState, allowed: readonly TicketStatus[], doing: string): TicketRefusal | null {
  return allowed.includes(state.status) ? null : wrongState(`You cannot ${doing} this ticket now: it is ${STATUS_WORDS[state.status]}.`);
}

const isOwner = (state: TicketState, actor: StaffTicketActor) => state.ownerId !== null && state.ownerId === actor.id;
const isHandler = (state: TicketState, actor: StaffTicketActor) => state.handlerId !== null && state.handlerId === actor.id;
const headsHandlerDepartment = (state: TicketState, actor: StaffTicketActor) =>
  state.handlerDepartmentId !== null && actor.headOfDepartmentIds.includes(state.handlerDepartmentId);

/**
 * Whether `actor` may do `type` to the ticket now, judged without the action's input: `null` when
 * allowed, else a 'forbidden' or 'wrong_state' refusal. Both `decideTicketAction` and
 * `listAvailableActions` go through here, so the buttons shown and the rules enforced never differ.
 * Order: a ticket the actor cannot see, then the actor's kind, then the status, then the person.
 */
export function checkTicketAction(
  state: TicketState,
  actor: TicketActor,
  type: TicketActionType,
  nowMs: number,
): TicketRefusal | null {
  if (!canViewTicket(state, actor)) {
    return forbidden(
      actor.kind === 'customer'
        ? 'This is not one of your requests.'
        : "You cannot see this ticket: it is not yours, not your department's and not escalated to you.",
    );
  }
  return actor.kind === 'customer' ? checkCustomerAction(state, type, nowMs) : checkStaffAction(state, actor, type);
}

function checkCustomerAction(state: TicketState, type: TicketActionType, nowMs: number): TicketRefusal | null {
  switch (type) {
    case 'reply':
      return state.status === 'closed' ? wrongState('This request is closed. Reopen it if the matter is not settled.') : null;
    case 'confirm':
      if (state.status !== 'resolved') return wrongState(`There is no result to confirm: your request is ${STATUS_WORDS[state.status]}.`);
      return state.customerConfirmedAtMs !== null ? wrongState('You have already confirmed this result.') : null;
    case 'rate':
      // Once per result: the owner's callback or an earlier rating already recorded the satisfaction.
      if (state.satisfaction !== null) return { ...wrongState('The satisfaction with this result is already recorded. Thank you!'), errorCode: 'already_rated' };
      return state.status === 'resolved' ? null : wrongState(`There is no result to rate: your request is ${STATUS_WORDS[state.status]}.`);
    case 'reopen': {
      const blocked = requireStatus(state, ['resolved', 'called_back', 'closed'], 'reopen');
      if (blocked) return blocked;
      const sinceMs = state.status === 'closed' ? state.closedAtMs : state.resolvedAtMs;
      if (sinceMs === null || nowMs - sinceMs > CUSTOMER_REOPEN_WINDOW_MS) {
        return wrongState('A request can be reopened online within 14 days of being resolved or closed. Please contact us or submit a new request.');
      }
      return null;
    }
    default:
      return forbidden('Only staff can do this; you can reply, confirm or rate the result, or reopen your request.');
  }
}

function checkStaffAction(state: TicketState, actor: StaffTicketActor, type: TicketActionType): TicketRefusal | null {
  const owner = isOwner(state, actor);
  const handler = isHandler(state, actor);
  const ownerOnly = (doing: string) => (owner ? null : forbidden(`Only the ticket's owner can ${doing}.`));
  const ownerOrHandler = (doing: string) => (owner || handler ? null : forbidden(`Only the ticket's owner or its handler can ${doing}.`));
  const open: TicketStatus[] = ['registered', 'in_progress', 'handed_over', 'escalated', 'waiting', 'resolved', 'called_back', 'refused'];

  switch (type) {
    case 'confirm':
      return forbidden('Only the customer can confirm the result; record a callback instead.');
    case 'rate':
      return forbidden('Only the customer can rate the result; record a callback instead, or send them a rating link.');
    case 'pick-up':
      return state.status === 'new' ? null : wrongState('This ticket already has an owner; only new portal tickets can be picked up.');
    case 'take':
      return requireStatus(state, ['registered', 'handed_over'], 'take') ?? ownerOnly('take it on');
    case 'hand-over':
      return requireStatus(state, ['registered', 'in_progress', 'handed_over'], 'hand over') ?? ownerOnly('hand it over');
    case 'assign':
      return (
        requireStatus(state, ['handed_over'], 'assign') ??
        (headsHandlerDepartment(state, actor) ? null : forbidden('Only the head of the department it was handed to can assign a handler.'))
      );
    case 'accept':
      if (state.status !== 'handed_over') return requireStatus(state, ['handed_over'], 'accept');
      if (state.handlerId === null) return wrongState('This ticket was handed to a department: its head assigns a handler first.');
      return handler ? null : forbidden('Only the handler it was handed to can accept it.');
    case 'decline': {
      const blocked = requireStatus(state, ['handed_over', 'in_progress'], 'decline');
      if (blocked) return blocked;
      if (state.status === 'in_progress' && handler && owner) return forbidden('You took this ticket yourself; hand it over instead of declining it.');
      if (handler) return null;
      if (state.status === 'handed_over' && state.handlerId === null && headsHandlerDepartment(state, actor)) return null;
      return forbidden('Only the handler (or, for a ticket handed to a department, its head) can decline it.');
    }
    case 'contact':
      return requireStatus(state, open, 'log a contact on') ?? ownerOrHandler('log a contact with the customer');
    case 'note':
      // Seeing the ticket is enough to add an internal note, even on a closed one (spot checks).
      return null;
    case 'reply':
      return requireStatus(state, open, 'reply on') ?? ownerOrHandler('reply to the customer');
    case 'wait':
      return requireStatus(state, ['registered', 'in_progress'], 'put on hold') ?? ownerOrHandler('wait on the customer');
    case 'resume':
      return requireStatus(state, ['waiting'], 'resume') ?? ownerOrHandler('resume it');
    case 'escalate':
      return requireStatus(state, ['registered', 'in_progress', 'handed_over'], 'escalate') ?? ownerOnly('escalate it');
    case 'instruct':
      return (
        requireStatus(state, ['escalated'], 'instruct on') ??
        (state.escalatedToId === actor.id ? null : forbidden('Only the superior it was escalated to can give the instruction.'))
      );
    case 'refuse':
      if (state.exceptionApproved && ['registered', 'in_progress', 'handed_over'].includes(state.status)) {
        return wrongState('A senior manager approved an exception for this ticket, so it cannot be refused again.');
      }
      return requireStatus(state, ['registered', 'in_progress', 'handed_over'], 'refuse') ?? ownerOnly('refuse it');
    case 'approve-exception':
      return (
        requireStatus(state, ['refused'], 'approve an exception for') ??
        (actor.isSeniorManager ? null : forbidden('Only a senior manager can approve an exception to company rules.'))
      );
    case 'resolve':
      if (state.status === 'registered') return ownerOnly('resolve it straight away');
      return (
        requireStatus(state, ['in_progress'], 'resolve') ??
        (handler ? null : forbidden(owner ? 'The handler records the result; you call the customer back afterwards.' : 'Only the handler can record the result.'))
      );
    case 'callback':
      return requireStatus(state, ['resolved'], 'record a callback on') ?? ownerOnly('call the customer back');
    case 'close': {
      const blocked = requireStatus(state, ['resolved', 'called_back', 'refused'], 'close');
      if (blocked) return blocked;
      if (owner && (state.status !== 'resolved' || state.customerConfirmedAtMs !== null)) return null;
      if (actor.roles.includes('admin')) return null;
      if (owner) return wrongState('Call the customer back (or wait for their confirmation) before closing.');
      return forbidden('Only the ticket\'s owner or an admin can close it.');
    }
    case 'reopen':
      return (
        requireStatus(state, ['resolved', 'called_back', 'closed'], 'reopen') ??
        (owner || handler || actor.roles.some((r) => r === 'admin' || r === 'office' || r === 'supervisor')
          ? null
          : forbidden('Only the owner, the handler, a supervisor, the administrative office or an admin can reopen it.'))
      );
    case 'transfer-ownership':
      if (state.status === 'new') return wrongState('This ticket has no owner yet; it is picked up from the intake queue.');
      return actor.roles.includes('admin') ? null : forbidden('Only an admin can transfer ownership (when the owner has left).');
  }
}
