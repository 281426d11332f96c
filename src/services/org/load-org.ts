import type { Db } from '../../db/connect.ts';
import type { DepartmentHeadNode } from '../../domain/org/list-superiors.ts';
import type { TreeNode } from '../../domain/org/tree.ts';

/** All departments as tree nodes with their heads (an organisation has hundreds, not millions). */
export async function loadDepartmentNodes(db: Db): Promise<Map<number, DepartmentHeadNode>> {
  const rows = await db.selectFrom('departments').select(['id', 'parent_id', 'head_id']).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, headId: r.head_id }]));
}

export async function loadCategoryNodes(db: Db): Promise<Map<number, TreeNode & { departmentId: number | null }>> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'department_id']).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, departmentId: r.department_id }]));
}
