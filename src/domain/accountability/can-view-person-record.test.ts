import { describe, expect, it } from 'vitest';
import { canRatePerson, canViewPersonRecord, listOverseenDepartmentIds, type AccountabilityViewer } from './can-view-person-record.ts';

// 1 company (head 10) → 2 service (head 20) → 4 hotline; 1 → 3 repair (head 30).
const departments = [
  { id: 1, parentId: null, headId: 10 },
  { id: 2, parentId: 1, headId: 20 },
  { id: 3, parentId: 1, headId: 30 },
  { id: 4, parentId: 2, headId: null },
];

const viewer = (id: number, overseen: number[], extra: Partial<AccountabilityViewer> = {}): AccountabilityViewer => ({
  id, isOffice: false, overseenDepartmentIds: overseen, superiorIds: [], ...extra,
});

describe('listOverseenDepartmentIds', () => {
  it('gives the subtrees a person heads', () => {
    expect(listOverseenDepartmentIds(departments, { id: 20, departmentId: 2, isSupervisor: false })).toEqual([2, 4]);
    expect(listOverseenDepartmentIds(departments, { id: 10, departmentId: 1, isSupervisor: false })).toEqual([1, 2, 3, 4]);
  });

  it('adds the own subtree for a supervisor, and nothing for everyone else', () => {
    expect(listOverseenDepartmentIds(departments, { id: 99, departmentId: 2, isSupervisor: true })).toEqual([2, 4]);
    expect(listOverseenDepartmentIds(departments, { id: 99, departmentId: 2, isSupervisor: false })).toEqual([]);
    expect(listOverseenDepartmentIds(departments, { id: 99, departmentId: null, isSupervisor: true })).toEqual([]);
  });
});

describe('canViewPersonRecord', () => {
  it('shows staff only their own record', () => {
    expect(canViewPersonRecord(viewer(5, []), { id: 5, departmentId: 4 })).toBe(true);
    expect(canViewPersonRecord(viewer(5, []), { id: 6, departmentId: 4 })).toBe(false);
  });

  it('shows the office everything', () => {
    expect(canViewPersonRecord(viewer(5, [], { isOffice: true }), { id: 6, departmentId: null })).toBe(true);
  });

  it('shows superiors their subtree and nothing beside it', () => {
    const head = viewer(20, [2, 4]);
    expect(canViewPersonRecord(head, { id: 6, departmentId: 4 })).toBe(true);
    expect(canViewPersonRecord(head, { id: 7, departmentId: 3 })).toBe(false);
    expect(canViewPersonRecord(head, { id: 8, departmentId: null })).toBe(false);
  });
});

describe('canRatePerson', () => {
  it('lets a superior rate their people, not themself nor their own superiors', () => {
    const head = viewer(20, [2, 4], { superiorIds: [10] });
    expect(canRatePerson(head, { id: 6, departmentId: 4 })).toBe(true);
    expect(canRatePerson(head, { id: 20, departmentId: 2 })).toBe(false);
    expect(canRatePerson(viewer(99, [2, 4], { superiorIds: [20, 10] }), { id: 20, departmentId: 2 })).toBe(false);
  });

  it('does not let the office rate by being the office', () => {
    expect(canRatePerson(viewer(5, [], { isOffice: true }), { id: 6, departmentId: 4 })).toBe(false);
  });
});
