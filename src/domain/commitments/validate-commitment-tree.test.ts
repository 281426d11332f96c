import { describe, expect, it } from 'vitest';
import { formatMinutes, validateCommitmentTree, type CommitmentTreeNode } from './validate-commitment-tree.ts';

const node = (o: Partial<CommitmentTreeNode> & { id: number }): CommitmentTreeNode => ({
  parentId: null,
  level: 1,
  active: true,
  name: `C${o.id}`,
  targetMinutes: 60,
  startEvent: 'registered',
  stopEvent: 'resolved',
  ...o,
});

describe('validateCommitmentTree', () => {
  it('accepts a three-level tree whose stages fit', () => {
    const tree = [
      node({ id: 1, targetMinutes: 2880 }),
      node({ id: 2, parentId: 1, level: 2, targetMinutes: 120, stopEvent: 'handed_over' }),
      node({ id: 3, parentId: 1, level: 2, targetMinutes: 2760, startEvent: 'handed_over' }),
      node({ id: 4, parentId: 3, level: 3, targetMinutes: 240, startEvent: 'handed_over', stopEvent: 'accepted' }),
    ];
    expect(validateCommitmentTree(tree)).toEqual([]);
  });

  it('says when the stages need more than the parent promises, naming each stage', () => {
    const tree = [node({ id: 1, name: 'Repair', targetMinutes: 60 }), node({ id: 2, parentId: 1, level: 2, name: 'Drive', targetMinutes: 45 }), node({ id: 3, parentId: 1, level: 2, name: 'Fix', targetMinutes: 30 })];
    expect(validateCommitmentTree(tree)).toEqual([
      {
        kind: 'fit',
        commitmentId: 1,
        involvedIds: [1, 2, 3],
        message: 'The stages of "Repair" run one after another and need 1 h 15 min ("Drive" 45 min + "Fix" 30 min), more than its target of 1 h.',
      },
    ]);
    // A deactivated stage no longer takes budget.
    expect(validateCommitmentTree([tree[0]!, tree[1]!, { ...tree[2]!, active: false }])).toEqual([]);
  });

  it('holds levels to parent + 1, at most 3, and level 1 at the top', () => {
    const problems = validateCommitmentTree([
      node({ id: 1, level: 2 }),
      node({ id: 2 }),
      node({ id: 3, parentId: 2, level: 3, targetMinutes: 10 }),
      node({ id: 4, parentId: 3, level: 3, targetMinutes: 5 }),
      node({ id: 5, parentId: 4, level: 4, targetMinutes: 1 }),
    ]);
    expect(problems.map((p) => [p.kind, p.commitmentId])).toEqual([
      ['level', 1],
      ['level', 3],
      ['level', 4],
      ['level', 5],
    ]);
    expect(problems[3]!.message).toMatch(/at most 3 levels deep/);
  });

  it('finds cycles and missing parents', () => {
    const problems = validateCommitmentTree([node({ id: 1, parentId: 2, level: 2 }), node({ id: 2, parentId: 1, level: 2 }), node({ id: 3, parentId: 99, level: 2 })]);
    expect(problems.map((p) => [p.kind, p.commitmentId])).toEqual([
      ['cycle', 1],
      ['cycle', 2],
      ['missing_parent', 3],
    ]);
  });

  it('refuses a stop event that cannot follow the start, and an active stage under an inactive parent', () => {
    const problems = validateCommitmentTree([
      node({ id: 1, active: false }),
      node({ id: 2, parentId: 1, level: 2, startEvent: 'resolved', stopEvent: 'registered', targetMinutes: 5 }),
      node({ id: 3, startEvent: 'accepted', stopEvent: 'accepted' }),
    ]);
    expect(problems.map((p) => [p.kind, p.commitmentId, p.involvedIds])).toEqual([
      ['events', 2, [2]],
      ['inactive_parent', 2, [2, 1]],
      ['events', 3, [3]],
    ]);
    expect(problems[0]!.message).toBe('"C2" would never stop: registered cannot happen after resolved on a ticket.');
    expect(problems[2]!.message).toMatch(/starts and stops on the same event/);
  });
});

describe('formatMinutes', () => {
  it('reads as a person would', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(1530)).toBe('25 h 30 min');
  });
});
