import type { Db } from '../../db/connect.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { requireStaff } from '../org/require-role.ts';

export type SurveyScope = { kind: 'all' } | { kind: 'departments'; departmentIds: number[]; staffId: number } | { kind: 'own'; staffId: number };

/** Admin and office see every rating; a supervisor the credits of their department subtree (and of those they head) and their own; anyone else their own. */
export async function resolveSurveyScope(db: Db, ctx: RequestContext): Promise<SurveyScope> {
  requireStaff(ctx);
  const { roles, id } = ctx.actor;
  if (roles.includes('admin') || roles.includes('office')) return { kind: 'all' };
  if (!roles.includes('supervisor')) return { kind: 'own', staffId: id };
  const [me, nodes] = await Promise.all([db.selectFrom('staff').select('department_id').where('id', '=', id).executeTakeFirstOrThrow(), loadDepartmentNodes(db)]);
  const roots = [...(me.department_id === null ? [] : [me.department_id]), ...[...nodes.values()].filter((d) => d.headId === id).map((d) => d.id)];
  return { kind: 'departments', departmentIds: [...new Set(roots.flatMap((root) => listSubtreeIds(nodes.values(), root)))], staffId: id };
}

/** The credit rows of answered surveys in the period that the scope may see. */
export function scopedCredits(db: Db, scope: SurveyScope, fromMs: number, toMs: number) {
  let q = db
    .selectFrom('survey_credits as c')
    .innerJoin('surveys as s', 's.id', 'c.survey_id')
    .where('s.status', '=', 'answered')
    .where('s.answered_at', '>=', new Date(fromMs))
    .where('s.answered_at', '<', new Date(toMs));
  if (scope.kind === 'own') q = q.where('c.staff_id', '=', scope.staffId);
  if (scope.kind === 'departments') {
    const { departmentIds, staffId } = scope;
    q = q.where((eb) => eb.or([eb('c.staff_id', '=', staffId), ...(departmentIds.length > 0 ? [eb('c.department_id', 'in', departmentIds)] : [])]));
  }
  return q;
}
