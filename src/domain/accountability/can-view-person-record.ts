import { listSubtreeIds, type TreeNode } from '../org/tree.ts';

/** What decides whose accountability records (ledger, complaints, flags, ratings) a staff member sees. */
export interface AccountabilityViewer {
  id: number;
  /** The administrative office sees everything. */
  isOffice: boolean;
  /** Admins see every complaint (they configure and oversee Centric), though only the office acts on one. */
  isAdmin?: boolean;
  /** Departments whose people they oversee: the subtrees they head, and their own subtree as a supervisor. */
  overseenDepartmentIds: readonly number[];
  /** Their own line of superiors: nobody rates their own boss. */
  superiorIds: readonly number[];
}

export interface PersonRef {
  id: number;
  departmentId: number | null;
}

/**
 * Departments a person oversees: every department they head with everything below it, and — with the
 * supervisor role — their own department's subtree (the same reach as ticket visibility).
 */
export function listOverseenDepartmentIds(
  departments: Iterable<TreeNode & { headId: number | null }>,
  person: { id: number; departmentId: number | null; isSupervisor: boolean },
): number[] {
  const nodes = [...departments];
  const roots = nodes.filter((d) => d.headId === person.id).map((d) => d.id);
  if (person.isSupervisor && person.departmentId !== null) roots.push(person.departmentId);
  const result = new Set<number>();
  for (const root of roots) for (const id of listSubtreeIds(nodes, root)) result.add(id);
  return [...result].sort((a, b) => a - b);
}

/** Staff see only their own record; the office everything; superiors the people in their subtree. */
export function canViewPersonRecord(viewer: AccountabilityViewer, person: PersonRef): boolean {
  if (viewer.isOffice || viewer.id === person.id) return true;
  return person.departmentId !== null && viewer.overseenDepartmentIds.includes(person.departmentId);
}

/** A rating is a superior's judgement: someone they oversee, never themself or one of their own superiors. */
export function canRatePerson(viewer: AccountabilityViewer, person: PersonRef): boolean {
  if (viewer.id === person.id || viewer.superiorIds.includes(person.id)) return false;
  return person.departmentId !== null && viewer.overseenDepartmentIds.includes(person.departmentId);
}
