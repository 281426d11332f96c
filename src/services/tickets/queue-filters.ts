import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { TICKET_STATUSES, type StaffTicketActor, type TicketStatus, type TicketViewName } from '../../domain/tickets/index.ts';

type Eb = ExpressionBuilder<Database, 'tickets'>;

/** Every status but closed: what the personal queues and `overdue` call open. */
const OPEN_STATUSES = TICKET_STATUSES.filter((s): s is Exclude<TicketStatus, 'closed'> => s !== 'closed');
const lits = <T extends string>(values: readonly T[]) => values.map((v) => sql.lit<T>(v));

/** Admins, the office and senior managers see every ticket: no visibility filter is needed. */
export const seesEverything = (a: StaffTicketActor) => a.roles.includes('admin') || a.roles.includes('office') || a.isSeniorManager;

/** SQL twin of the domain's canViewTicket, so lists never show what the ticket page would refuse. */
export function filterVisibleTo(eb: Eb, a: StaffTicketActor) {
  if (seesEverything(a)) return eb.lit(true);
  const depts = [...new Set([...(a.departmentId === null ? [] : [a.departmentId]), ...a.headOfDepartmentIds, ...(a.roles.includes('supervisor') ? a.departmentSubtreeIds : [])])];
  const ors = [
    eb('tickets.status', '=', 'new'),
    eb('tickets.owner_id', '=', a.id),
    eb('tickets.handler_id', '=', a.id),
    eb('tickets.escalated_to_id', '=', a.id),
  ];
  if (depts.length > 0) ors.push(eb('tickets.owner_department_id', 'in', depts), eb('tickets.handler_department_id', 'in', depts));
  return eb.or(ors);
}

/** The tickets one queue holds for this staff member. */
export function filterView(eb: Eb, view: TicketViewName, a: StaffTicketActor) {
  switch (view) {
    case 'owned':
      return eb.and([eb('tickets.owner_id', '=', a.id), eb('tickets.status', '!=', 'closed')]);
    case 'handling':
      return eb.and([eb('tickets.handler_id', '=', a.id), eb('tickets.status', 'in', ['handed_over', 'in_progress', 'waiting'])]);
    case 'department': {
      const depts = [...new Set([...(a.departmentId === null ? [] : [a.departmentId]), ...a.headOfDepartmentIds])];
      if (depts.length === 0) return eb.lit(false);
      return eb.and([eb('tickets.handler_department_id', 'in', depts), eb('tickets.handler_id', 'is', null), eb('tickets.status', '=', 'handed_over')]);
    }
    case 'escalated':
      return eb.and([eb('tickets.escalated_to_id', '=', a.id), eb('tickets.status', '=', 'escalated')]);
    case 'callback-due':
      return eb.and([eb('tickets.owner_id', '=', a.id), eb('tickets.status', '=', 'resolved')]);
    case 'overdue':
      // A clock the scheduler declared breached that has not stopped yet (running, or paused on the
      // customer since): the promise is broken and still open.
      return eb.and([
        eb('tickets.status', 'in', lits(OPEN_STATUSES)),
        eb.exists(
          eb.selectFrom('clocks').select(eb.lit(1).as('one')).whereRef('clocks.ticket_id', '=', 'tickets.id').where('clocks.breached_at', 'is not', null).where('clocks.stopped_at', 'is', null),
        ),
      ]);
    case 'intake':
      return eb('tickets.status', '=', 'new');
    case 'all':
      return eb.lit(true);
  }
}
