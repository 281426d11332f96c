import { describe, expect, it } from 'vitest';
import { listSuperiorIds, type DepartmentHeadNode } from './list-superiors.ts';
import { listAncestorIds, listSubtreeIds, wouldCreateCycle, type TreeNode } from './tree.ts';

const nodes = new Map<number, TreeNode>([
  [1, { id: 1, parentId: null }],
  [2, { id: 2, parentId: 1 }],
  [3, { id: 3, parentId: 2 }],
  [4, { id: 4, parentId: 1 }],
]);

describe('tree rules', () => {
  it('refuses a parent that is the node itself or one of its descendants', () => {
    expect(wouldCreateCycle(nodes, 2, 2)).toBe(true);
    expect(wouldCreateCycle(nodes, 1, 3)).toBe(true);
    expect(wouldCreateCycle(nodes, 2, 3)).toBe(true);
  });
  it('allows moving under a sibling branch or to the root', () => {
    expect(wouldCreateCycle(nodes, 3, 4)).toBe(false);
    expect(wouldCreateCycle(nodes, 3, null)).toBe(false);
  });
  it('lists subtrees and ancestors', () => {
    expect(listSubtreeIds(nodes.values(), 2).sort()).toEqual([2, 3]);
    expect(listSubtreeIds(nodes.values(), 1).sort()).toEqual([1, 2, 3, 4]);
    expect(listAncestorIds(nodes, 3)).toEqual([3, 2, 1]);
  });
});

describe('listSuperiorIds', () => {
  const depts = new Map<number, DepartmentHeadNode>([
    [1, { id: 1, parentId: null, headId: 100 }],
    [2, { id: 2, parentId: 1, headId: 200 }],
    [3, { id: 3, parentId: 2, headId: null }],
  ]);
  it('walks the heads upward, skipping departments without a head', () => {
    expect(listSuperiorIds(depts, 7, 3)).toEqual([200, 100]);
  });
  it("gives a head the next head up, not themself", () => {
    expect(listSuperiorIds(depts, 200, 2)).toEqual([100]);
    expect(listSuperiorIds(depts, 100, 1)).toEqual([]);
  });
  it('is empty for someone without a department', () => {
    expect(listSuperiorIds(depts, 7, null)).toEqual([]);
  });
});
