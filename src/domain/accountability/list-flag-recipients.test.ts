import { describe, expect, it } from 'vitest';
import type { DepartmentHeadNode } from '../org/list-superiors.ts';
import { listFlagRecipients } from './list-flag-recipients.ts';

// company (head 1) ─┬─ service (head 2) — agent 5, deputy 6 (supervisor)
//                   └─ repair (head 3) — handler 7; office department 9 (officer 8)
const departments = new Map<number, DepartmentHeadNode>([
  [10, { id: 10, parentId: null, headId: 1 }],
  [20, { id: 20, parentId: 10, headId: 2 }],
  [30, { id: 30, parentId: 10, headId: 3 }],
  [90, { id: 90, parentId: null, headId: null }],
]);
const candidates = { officeIds: [8], supervisors: [{ id: 1, departmentId: 10 }, { id: 6, departmentId: 20 }, { id: 3, departmentId: 30 }] };

describe('listFlagRecipients', () => {
  it('tells the office, the heads above and the supervisors over the person', () => {
    expect(listFlagRecipients(departments, { id: 5, departmentId: 20 }, candidates)).toEqual([1, 2, 6, 8]);
    expect(listFlagRecipients(departments, { id: 7, departmentId: 30 }, candidates)).toEqual([1, 3, 8]);
  });

  it('never tells the person, nor a supervisor about their own boss', () => {
    // The service head is flagged: the deputy in their department reports to them.
    expect(listFlagRecipients(departments, { id: 2, departmentId: 20 }, candidates)).toEqual([1, 8]);
    // An officer flagged: the rest of the office, not themself.
    expect(listFlagRecipients(departments, { id: 8, departmentId: 90 }, { ...candidates, officeIds: [8, 4] })).toEqual([4]);
  });
});
