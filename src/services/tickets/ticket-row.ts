import type { Selectable } from 'kysely';
import type { TicketsTable } from '../../db/schema.ts';
import type { TicketState, TicketStatus, WaitableStatus } from '../../domain/tickets/index.ts';

export type TicketRow = Selectable<TicketsTable>;

const ms = (d: Date | null) => (d ? d.getTime() : null);
const date = (n: number | null) => (n === null ? null : new Date(n));

/** The lifecycle part of a stored ticket, as the domain rules see it. */
export function toTicketState(row: TicketRow): TicketState {
  return {
    status: row.status as TicketStatus,
    customerId: row.customer_id,
    ownerId: row.owner_id,
    ownerDepartmentId: row.owner_department_id,
    handlerId: row.handler_id,
    handlerDepartmentId: row.handler_department_id,
    escalatedToId: row.escalated_to_id,
    statusBeforeWait: row.status_before_wait as WaitableStatus | null,
    waitingSinceMs: ms(row.waiting_since),
    handedOverAtMs: ms(row.handed_over_at),
    acceptedAtMs: ms(row.accepted_at),
    resolvedAtMs: ms(row.resolved_at),
    result: row.result,
    satisfaction: row.satisfaction,
    customerConfirmedAtMs: ms(row.customer_confirmed_at),
    closedAtMs: ms(row.closed_at),
    refusalReason: row.refusal_reason,
    exceptionApproved: row.exception_approved,
    reopenCount: row.reopen_count,
    version: row.version,
  };
}

/** The columns a decision writes back. */
export function fromTicketState(state: TicketState) {
  return {
    status: state.status,
    customer_id: state.customerId,
    owner_id: state.ownerId,
    owner_department_id: state.ownerDepartmentId,
    handler_id: state.handlerId,
    handler_department_id: state.handlerDepartmentId,
    escalated_to_id: state.escalatedToId,
    status_before_wait: state.statusBeforeWait,
    waiting_since: date(state.waitingSinceMs),
    handed_over_at: date(state.handedOverAtMs),
    accepted_at: date(state.acceptedAtMs),
    resolved_at: date(state.resolvedAtMs),
    result: state.result,
    satisfaction: state.satisfaction,
    customer_confirmed_at: date(state.customerConfirmedAtMs),
    closed_at: date(state.closedAtMs),
    refusal_reason: state.refusalReason,
    exception_approved: state.exceptionApproved,
    reopen_count: state.reopenCount,
    version: state.version,
  };
}
