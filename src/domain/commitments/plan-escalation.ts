import type { DepartmentHeadNode } from '../org/list-superiors.ts';
import { listAncestorIds } from '../org/tree.ts';
import type { ClockFiringKind } from './compute-next-fire-at.ts';

/** Who answers for a clock: a person, a department, or both (the person's department when known). */
export interface ClockResponsible {
  staffId: number | null;
  departmentId: number | null;
}

/**
 * Who is told when a clock fires (PRODUCT.md §2's escalation ladder): the warning goes to the
 * responsible person (their department head when no person is named); the breach to the head of the
 * responsible department; escalation step n to the n-th superior above that head, staying with the
 * topmost head once the line ends. Nobody is told about their own breach as "the head": the next one up is.
 */
export function planEscalationRecipient(
  kind: ClockFiringKind,
  step: number,
  responsible: ClockResponsible,
  departments: ReadonlyMap<number, DepartmentHeadNode>,
): number | null {
  const heads: number[] = [];
  if (responsible.departmentId !== null) {
    for (const id of listAncestorIds(departments, responsible.departmentId)) {
      const head = departments.get(id)?.headId ?? null;
      if (head !== null && head !== responsible.staffId && !heads.includes(head)) heads.push(head);
    }
  }
  if (kind === 'warning') return responsible.staffId ?? heads[0] ?? null;
  if (heads.length === 0) return responsible.staffId;
  if (kind === 'breach') return heads[0]!;
  return heads[Math.min(step, heads.length - 1)]!;
}

/** A stage clock under a breached level-1 clock, as the attribution sees it. */
export interface StageUse {
  clockId: number;
  commitmentId: number;
  budgetMinutes: number;
  usedMinutes: number;
  departmentId: number | null;
  staffId: number | null;
}

/** How a level-1 breach is put down: to a stage that overran its budget, or to the parent's own slack. */
export const BREACH_ATTRIBUTION_KINDS = ['stage_overrun', 'parent_slack'] as const;
export type BreachAttributionKind = (typeof BREACH_ATTRIBUTION_KINDS)[number];

export type BreachAttribution =
  | { kind: 'stage_overrun'; stage: StageUse; overrunMinutes: number }
  | { kind: 'parent_slack' };

/**
 * "Who made us break the promise": every stage that used more than its budget, largest overrun
 * first, with whoever answered for it; when no stage overran, the parent's own slack ran out.
 */
export function attributeBreach(stages: readonly StageUse[]): BreachAttribution[] {
  const overruns = stages
    .filter((s) => s.usedMinutes > s.budgetMinutes)
    .map((s) => ({ kind: 'stage_overrun' as const, stage: s, overrunMinutes: s.usedMinutes - s.budgetMinutes }))
    .sort((a, b) => b.overrunMinutes - a.overrunMinutes || a.stage.clockId - b.stage.clockId);
  return overruns.length > 0 ? overruns : [{ kind: 'parent_slack' }];
}
