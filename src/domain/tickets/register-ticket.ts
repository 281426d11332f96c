import type { TicketActor } from './ticket-actor.ts';
import type { TicketDecision } from './ticket-decision.ts';
import { TICKET_CHANNELS, type TicketChannel, type TicketState } from './ticket-state.ts';

export interface RegisterTicketInput {
  /** Staff registering a call, visit, letter… become the owner; a customer's own submission waits in the intake queue. */
  registeredBy: TicketActor;
  /** For staff registrations: the customer record (null when the caller gave no identity). Ignored for customers. */
  customerId: number | null;
  channel: TicketChannel;
  nowMs: number;
}

/** The first state and 'registered' event of a ticket (version 1). */
export function registerTicket(input: RegisterTicketInput): TicketDecision {
  const { registeredBy, nowMs } = input;
  if (!Number.isFinite(nowMs)) throw new Error('registerTicket: nowMs must be a finite epoch-ms number');
  if (!(TICKET_CHANNELS as readonly unknown[]).includes(input.channel)) {
    return { ok: false, code: 'invalid', message: `"channel" must be one of ${TICKET_CHANNELS.join(', ')}`, field: 'channel' };
  }
  const staff = registeredBy.kind === 'staff' ? registeredBy : null;
  const next: TicketState = {
    status: staff ? 'registered' : 'new',
    customerId: registeredBy.kind === 'customer' ? registeredBy.customerId : input.customerId,
    ownerId: staff?.id ?? null,
    ownerDepartmentId: staff?.departmentId ?? null,
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
    version: 1,
  };
  return {
    ok: true,
    next,
    events: [
      {
        type: 'registered',
        action: null,
        actorKind: registeredBy.kind,
        actorId: registeredBy.kind === 'staff' ? registeredBy.id : registeredBy.customerId,
        atMs: nowMs,
        payload: { channel: input.channel, ownerId: next.ownerId },
        visibleToCustomer: true,
      },
    ],
    notify: [],
  };
}
