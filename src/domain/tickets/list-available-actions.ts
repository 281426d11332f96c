import { checkTicketAction } from './check-ticket-action.ts';
import { TICKET_ACTION_TYPES, type TicketActionType } from './ticket-action.ts';
import type { TicketActor } from './ticket-actor.ts';
import type { TicketState } from './ticket-state.ts';

/**
 * The actions `actor` may take on the ticket now, for the UI to offer. An action listed here can
 * still be refused as 'invalid' (or 'conflict') by its input, never as 'forbidden' or 'wrong_state'.
 */
export function listAvailableActions(state: TicketState, actor: TicketActor, nowMs: number): TicketActionType[] {
  return TICKET_ACTION_TYPES.filter((type) => checkTicketAction(state, actor, type, nowMs) === null);
}
