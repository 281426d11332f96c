import { canEventFollow, isClockEvent } from './can-event-follow.ts';
import { MAX_COMMITMENT_LEVEL } from './commitment-spec.ts';

/** A commitment as the tree rules see it: its place and its current version's budget and events. */
export interface CommitmentTreeNode {
  id: number;
  parentId: number | null;
  level: number;
  active: boolean;
  name: string;
  targetMinutes: number;
  startEvent: string;
  stopEvent: string;
}

export type CommitmentTreeProblemKind = 'missing_parent' | 'cycle' | 'level' | 'events' | 'inactive_parent' | 'fit';

export interface CommitmentTreeProblem {
  kind: CommitmentTreeProblemKind;
  /** The commitment the problem is about (for `fit`, the parent whose stages do not fit). */
  commitmentId: number;
  /** Every commitment whose change could have caused it: a change to one of them is refused. */
  involvedIds: number[];
  message: string;
}

/**
 * Every problem in a commitment tree, in plain English. The service builds the tree as it would be
 * after a change and refuses the change when a problem involves what changed:
 * - each parent exists and no commitment is its own ancestor;
 * - level 1 at the top, a stage one level below its parent, at most level 3;
 * - the stop event can follow the start event (see canEventFollow);
 * - an active stage sits under an active parent;
 * - the active stages of a parent run one after another inside its budget: their targets, in
 *   business minutes, add up to at most the parent's target.
 */
export function validateCommitmentTree(nodes: readonly CommitmentTreeNode[]): CommitmentTreeProblem[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const problems: CommitmentTreeProblem[] = [];
  const add = (kind: CommitmentTreeProblemKind, node: CommitmentTreeNode, message: string, involvedIds: number[] = [node.id]) =>
    problems.push({ kind, commitmentId: node.id, involvedIds, message });

  const sound = new Set<number>();
  for (const node of nodes) {
    if (node.parentId !== null && !byId.has(node.parentId)) {
      add('missing_parent', node, `The commitment ${node.parentId} that "${node.name}" should sit under does not exist.`);
      continue;
    }
    if (isInCycle(byId, node)) {
      add('cycle', node, `"${node.name}" cannot sit under itself or under one of its own stages.`);
      continue;
    }
    sound.add(node.id);
  }

  for (const node of nodes) {
    if (!sound.has(node.id)) continue;
    const parent = node.parentId === null ? null : byId.get(node.parentId)!;
    if (parent === null && node.level !== 1) {
      add('level', node, `"${node.name}" has no parent, so it is a level-1 commitment, not level ${node.level}.`);
    } else if (parent !== null && parent.level >= MAX_COMMITMENT_LEVEL) {
      add('level', node, `"${parent.name}" is a level-${MAX_COMMITMENT_LEVEL} stage: stages go at most ${MAX_COMMITMENT_LEVEL} levels deep.`, [node.id, parent.id]);
    } else if (parent !== null && node.level !== parent.level + 1) {
      add('level', node, `A stage of "${parent.name}" (level ${parent.level}) is level ${parent.level + 1}, not level ${node.level}.`, [node.id, parent.id]);
    }
    if (isClockEvent(node.startEvent) && isClockEvent(node.stopEvent) && !canEventFollow(node.startEvent, node.stopEvent)) {
      add(
        'events',
        node,
        node.startEvent === node.stopEvent
          ? `"${node.name}" starts and stops on the same event (${node.startEvent}); choose a later event to stop on.`
          : `"${node.name}" would never stop: ${node.stopEvent} cannot happen after ${node.startEvent} on a ticket.`,
      );
    }
    if (node.active && parent !== null && !parent.active) {
      add('inactive_parent', node, `"${parent.name}" is deactivated; reactivate it before its stage "${node.name}".`, [node.id, parent.id]);
    }
  }

  for (const parent of nodes) {
    if (!sound.has(parent.id) || !parent.active) continue;
    const stages = nodes.filter((n) => n.parentId === parent.id && n.active && sound.has(n.id));
    const total = stages.reduce((sum, s) => sum + s.targetMinutes, 0);
    if (stages.length > 0 && total > parent.targetMinutes) {
      const parts = stages.map((s) => `"${s.name}" ${formatMinutes(s.targetMinutes)}`).join(' + ');
      add(
        'fit',
        parent,
        `The stages of "${parent.name}" run one after another and need ${formatMinutes(total)} (${parts}), more than its target of ${formatMinutes(parent.targetMinutes)}.`,
        [parent.id, ...stages.map((s) => s.id)],
      );
    }
  }
  return problems;
}

function isInCycle(byId: ReadonlyMap<number, CommitmentTreeNode>, node: CommitmentTreeNode): boolean {
  const seen = new Set<number>([node.id]);
  let cursor = node.parentId;
  while (cursor !== null) {
    if (seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = byId.get(cursor)?.parentId ?? null;
  }
  return false;
}

/** "90 min", "2 h", "1 h 30 min": business minutes as a person reads them. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
