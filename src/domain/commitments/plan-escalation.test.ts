import { describe, expect, it } from 'vitest';
import type { DepartmentHeadNode } from '../org/list-superiors.ts';
import { attributeBreach, planEscalationRecipient, type StageUse } from './plan-escalation.ts';

// Company (head 1) > Service (head 2) > Billing (head 3); Meters has no head.
const departments = new Map<number, DepartmentHeadNode>([
  [10, { id: 10, parentId: null, headId: 1 }],
  [20, { id: 20, parentId: 10, headId: 2 }],
  [30, { id: 30, parentId: 20, headId: 3 }],
  [40, { id: 40, parentId: 20, headId: null }],
]);

describe('planEscalationRecipient', () => {
  it('warns the responsible person, tells their department head of the breach, then each superior up', () => {
    const r = { staffId: 7, departmentId: 30 };
    expect(planEscalationRecipient('warning', 0, r, departments)).toBe(7);
    expect(planEscalationRecipient('breach', 0, r, departments)).toBe(3);
    expect(planEscalationRecipient('escalation', 1, r, departments)).toBe(2);
    expect(planEscalationRecipient('escalation', 2, r, departments)).toBe(1);
    // The line ends at the top: further steps stay with the topmost head.
    expect(planEscalationRecipient('escalation', 5, r, departments)).toBe(1);
  });

  it('skips the responsible person when they head the department themself', () => {
    const r = { staffId: 3, departmentId: 30 };
    expect(planEscalationRecipient('warning', 0, r, departments)).toBe(3);
    expect(planEscalationRecipient('breach', 0, r, departments)).toBe(2);
    expect(planEscalationRecipient('escalation', 1, r, departments)).toBe(1);
  });

  it('warns the head when a department is responsible and no person; skips a department without a head', () => {
    const r = { staffId: null, departmentId: 40 };
    expect(planEscalationRecipient('warning', 0, r, departments)).toBe(2);
    expect(planEscalationRecipient('breach', 0, r, departments)).toBe(2);
    expect(planEscalationRecipient('escalation', 1, r, departments)).toBe(1);
  });

  it('tells the person of everything when nobody is above them, and nobody when no one answers', () => {
    expect(planEscalationRecipient('breach', 0, { staffId: 9, departmentId: null }, departments)).toBe(9);
    expect(planEscalationRecipient('breach', 0, { staffId: null, departmentId: null }, departments)).toBeNull();
  });
});

describe('attributeBreach', () => {
  const stage = (clockId: number, budget: number, used: number): StageUse => ({ clockId, commitmentId: clockId * 10, budgetMinutes: budget, usedMinutes: used, departmentId: 30, staffId: clockId });

  it('names every stage that overran, the largest overrun first', () => {
    const result = attributeBreach([stage(1, 60, 50), stage(2, 120, 150), stage(3, 60, 200)]);
    expect(result).toEqual([
      { kind: 'stage_overrun', stage: stage(3, 60, 200), overrunMinutes: 140 },
      { kind: 'stage_overrun', stage: stage(2, 120, 150), overrunMinutes: 30 },
    ]);
  });

  it("says the parent's own slack ran out when every stage kept its budget (or there are none)", () => {
    expect(attributeBreach([stage(1, 60, 60), stage(2, 120, 10)])).toEqual([{ kind: 'parent_slack' }]);
    expect(attributeBreach([])).toEqual([{ kind: 'parent_slack' }]);
  });
});
