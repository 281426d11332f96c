import { listSuperiorIds, type DepartmentHeadNode } from '../org/list-superiors.ts';
import { listAncestorIds } from '../org/tree.ts';

export interface FlagCandidates {
  /** Active members of the administrative office. */
  officeIds: readonly number[];
  /** Active staff with the supervisor role, with their departments. */
  supervisors: readonly { id: number; departmentId: number | null }[];
}

/**
 * Who is told in the app that a person was flagged: the office and those who may decide it — the heads
 * above the person and the supervisors of their department or one above it, unless the person is one of
 * that supervisor's own superiors (nobody decides about their boss). Never the person themself. Sorted.
 */
export function listFlagRecipients(departments: ReadonlyMap<number, DepartmentHeadNode>, person: { id: number; departmentId: number | null }, candidates: FlagCandidates): number[] {
  const line = person.departmentId === null ? [] : listAncestorIds(departments, person.departmentId);
  const supervisors = candidates.supervisors
    .filter((s) => s.departmentId !== null && line.includes(s.departmentId))
    .filter((s) => !listSuperiorIds(departments, s.id, s.departmentId).includes(person.id))
    .map((s) => s.id);
  const all = new Set([...candidates.officeIds, ...listSuperiorIds(departments, person.id, person.departmentId), ...supervisors]);
  all.delete(person.id);
  return [...all].sort((a, b) => a - b);
}
