import type { Db } from '../../db/connect.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import type { StaffTicketActor, TicketActor } from '../../domain/tickets/index.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';

/** The organisation facts the ticket rules need about the acting staff member. */
export async function loadStaffTicketActor(db: Db, ctx: RequestContext): Promise<StaffTicketActor> {
  requireStaff(ctx);
  const [me, nodes] = await Promise.all([
    db.selectFrom('staff').select(['senior_manager', 'department_id', 'roles']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow(),
    loadDepartmentNodes(db),
  ]);
  const headOf = [...nodes.values()].filter((d) => d.headId === ctx.actor.id).map((d) => d.id);
  return {
    kind: 'staff',
    id: ctx.actor.id,
    roles: me.roles,
    departmentId: me.department_id,
    headOfDepartmentIds: headOf,
    departmentSubtreeIds: me.department_id === null ? [] : listSubtreeIds(nodes.values(), me.department_id),
    isSeniorManager: me.senior_manager,
  };
}

export type { TicketActor };
