import { sql } from 'kysely';
import { prepared, type Db } from '../../db/connect.ts';
import type { Role } from '../../db/schema.ts';
import type { StaffTicketActor, TicketActor } from '../../domain/tickets/index.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

/**
 * The organisation facts the ticket rules need about the acting staff member, in one statement:
 * every ticket read and action needs them, and reading the whole department tree into the process
 * for each request cost a second round trip and grew with the organisation.
 */
export async function loadStaffTicketActor(db: Db, ctx: RequestContext): Promise<StaffTicketActor> {
  requireStaff(ctx);
  const { rows } = await sql<{ senior_manager: boolean; department_id: number | null; roles: Role[]; head_of: (number | string)[]; subtree: (number | string)[] }>`${prepared('load-staff-ticket-actor')}
    with recursive me as (
      select senior_manager, department_id, roles from staff where id = ${ctx.actor.id}::bigint
    ),
    -- union, not union all: a loop in the tree (which the department rules prevent) would still end.
    sub as (
      select department_id as id from me where department_id is not null
      union select d.id from departments d join sub on d.parent_id = sub.id
    )
    select me.senior_manager, me.department_id, me.roles,
      (select coalesce(array_agg(d.id order by d.id), '{}') from departments d where d.head_id = ${ctx.actor.id}::bigint) as head_of,
      (select coalesce(array_agg(id order by id), '{}') from sub) as subtree
    from me`.execute(db);
  const me = rows[0];
  if (!me) throw new Error(`loadStaffTicketActor: no staff member ${ctx.actor.id}`);
  return {
    kind: 'staff',
    id: ctx.actor.id,
    roles: me.roles,
    departmentId: me.department_id,
    // bigint[] arrives as strings (only scalar int8 has a number parser).
    headOfDepartmentIds: me.head_of.map(Number),
    departmentSubtreeIds: me.subtree.map(Number),
    isSeniorManager: me.senior_manager,
  };
}

export type { TicketActor };
