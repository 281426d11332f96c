import type { Db } from '../../db/connect.ts';
import { listOverseenDepartmentIds, type AccountabilityViewer } from '../../domain/accountability/can-view-person-record.ts';
import { parsePeriod, type Period } from '../../domain/accountability/parse-period.ts';
import { listSuperiorIds } from '../../domain/org/list-superiors.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import type { AccountabilityReach } from '../../contracts/ratings.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { requireStaff } from '../org/require-role.ts';

/**
 * Periods are months and quarters of the company's calendar: the built-in China mainland calendar's zone.
 * One constant rather than a setting until a company outside that zone needs another.
 */
export const ACCOUNTABILITY_TIME_ZONE = 'Asia/Shanghai';

export function resolvePeriod(key: string, field = 'period'): Period {
  return parsePeriod(key, ACCOUNTABILITY_TIME_ZONE, field);
}

export interface LoadedViewer extends AccountabilityViewer {
  departmentId: number | null;
}

/** The signed-in staff member's reach over other people's accountability records. */
export async function loadAccountabilityViewer(db: Db, ctx: RequestContext): Promise<LoadedViewer> {
  requireStaff(ctx);
  const actor: StaffActor = ctx.actor;
  const [me, nodes] = await Promise.all([
    db.selectFrom('staff').select(['department_id', 'roles']).where('id', '=', actor.id).executeTakeFirstOrThrow(),
    loadDepartmentNodes(db),
  ]);
  return {
    id: actor.id,
    departmentId: me.department_id,
    isOffice: me.roles.includes('office'),
    isAdmin: me.roles.includes('admin'),
    overseenDepartmentIds: listOverseenDepartmentIds(nodes.values(), { id: actor.id, departmentId: me.department_id, isSupervisor: me.roles.includes('supervisor') }),
    superiorIds: listSuperiorIds(nodes, actor.id, me.department_id),
  };
}

export type { AccountabilityReach } from '../../contracts/ratings.ts';

/** What the accountability screens offer the signed-in staff member: office work, and overseeing people (heads and supervisors). */
export async function getAccountabilityReach(db: Db, ctx: RequestContext): Promise<AccountabilityReach> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  return { office: viewer.isOffice, overseesPeople: viewer.overseenDepartmentIds.length > 0 };
}

export interface PersonRow {
  id: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  active: boolean;
}

/** One staff member with their department; 404 when there is none. */
export async function loadPerson(db: Db, personId: number): Promise<PersonRow> {
  const row = await db
    .selectFrom('staff')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'departments.name as department_name', 'staff.active'])
    .where('staff.id', '=', personId)
    .executeTakeFirst();
  if (!row) throw notFound(`No staff member with id ${personId}`);
  return { id: row.id, name: row.name, departmentId: row.department_id, departmentName: row.department_name, active: row.active };
}

/** True when the person heads a department (a middle manager for the three-complaint rule). */
export async function isDepartmentHead(db: Db, personId: number): Promise<boolean> {
  const row = await db.selectFrom('departments').select('id').where('head_id', '=', personId).where('active', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}
