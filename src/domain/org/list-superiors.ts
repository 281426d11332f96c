import { listAncestorIds, type TreeNode } from './tree.ts';

export interface DepartmentHeadNode extends TreeNode {
  headId: number | null;
}

/**
 * A person's line of superiors: the heads of their department and of each department above it,
 * nearest first, skipping the person themself (a head's superior is the head above) and repeats.
 */
export function listSuperiorIds(
  departments: ReadonlyMap<number, DepartmentHeadNode>,
  staffId: number,
  departmentId: number | null,
): number[] {
  if (departmentId === null) return [];
  const result: number[] = [];
  for (const id of listAncestorIds(departments, departmentId)) {
    const head = departments.get(id)?.headId ?? null;
    if (head !== null && head !== staffId && !result.includes(head)) result.push(head);
  }
  return result;
}
