import type { Db } from '../../db/connect.ts';
import { wouldCreateCycle } from '../../domain/org/tree.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { loadDepartmentNodes } from './load-org.ts';

/** A department's head must be an active staff member. */
export async function assertDepartmentHead(db: Db, headId: number | null | undefined): Promise<void> {
  if (headId === null || headId === undefined) return;
  const head = await db.selectFrom('staff').select(['active']).where('id', '=', headId).executeTakeFirst();
  if (!head) throw invalid(`Staff member ${headId} does not exist`, 'headId');
  if (!head.active) throw invalid('A deactivated person cannot head a department', 'headId');
}

/** The parent must exist and must not sit below the department `id` (null when creating). */
export async function assertDepartmentParent(db: Db, id: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  const nodes = await loadDepartmentNodes(db);
  if (!nodes.has(parentId)) throw invalid(`Department ${parentId} does not exist`, 'parentId');
  if (id !== null && wouldCreateCycle(nodes, id, parentId)) throw invalidDepartmentCycle();
}

export const invalidDepartmentCycle = () => invalid('A department cannot be placed under itself or under one of its own sub-departments', 'parentId');
export const conflictDepartmentName = (name: string) => conflict(`There is already a department named "${name}" at this level`, 'name', 'name_taken');
