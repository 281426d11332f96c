import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Local weights of siblings must sum to 1 within this. */
export const WEIGHT_SUM_TOLERANCE = 1e-6;

/** One indicator: a group (with children) or a leaf (no children) whose score comes from `scores`. */
export interface IndicatorNode {
  id: string;
  /** Local weight among its siblings (0..1); ignored on the root. */
  weight?: number;
  children?: readonly IndicatorNode[];
}

export interface IndicatorValue {
  id: string;
  /** Leaf: its score; group: weighted mean of its present children, renormalised; null when nothing under it is scored. */
  value: number | null;
  /** Share of this node's weight whose leaves have a score (0..1). */
  coverage: number;
  /** Product of local weights from the root down to this node (root 1). */
  globalWeight: number;
  isLeaf: boolean;
}

export interface WeightedIndexResult {
  /** The root's value. */
  index: number | null;
  /** The root's coverage: 1 when every leaf was scored. */
  coverage: number;
  /** Every node, depth-first in tree order. */
  nodes: IndicatorValue[];
}

type ScoreLookup = (id: string) => number | null | undefined;

function toLookup(scores: ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>): ScoreLookup {
  if (scores instanceof Map) return (id) => scores.get(id);
  const record = scores as Readonly<Record<string, number | null | undefined>>;
  return (id) => (Object.prototype.hasOwnProperty.call(record, id) ? record[id] : undefined);
}

function validateTree(root: IndicatorNode): void {
  const seen = new Set<string>();
  const visit = (node: IndicatorNode, path: string): void => {
    if (node === null || typeof node !== 'object' || typeof node.id !== 'string' || node.id === '') {
      throw new DomainValidationError(path, 'Every indicator needs a non-empty id');
    }
    if (seen.has(node.id)) throw new DomainValidationError(`${path}.id`, `The indicator id "${node.id}" is used twice`);
    seen.add(node.id);
    const children = node.children ?? [];
    if (!Array.isArray(children)) throw new DomainValidationError(`${path}.children`, `The children of "${node.id}" must be a list`);
    let sum = 0;
    children.forEach((child, i) => {
      const childPath = `${path}.children.${i}`;
      const w: unknown = child?.weight;
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
        throw new DomainValidationError(`${childPath}.weight`, `The weight of "${child?.id ?? `child ${i + 1} of ${node.id}`}" must be a number from 0 to 1`);
      }
      sum += w;
      visit(child, childPath);
    });
    if (children.length > 0 && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      throw new DomainValidationError(`${path}.children`, `The weights under "${node.id}" sum to ${Number(sum.toFixed(6))}; they must sum to 1`);
    }
  };
  visit(root, 'tree');
}

/**
 * Weighted index over an indicator tree: each group's value is Σ wᵢ·vᵢ / Σ wᵢ over the children that
 * have a value, so a missing leaf renormalises its siblings instead of counting as 0; `coverage`
 * reports how much weight was actually scored. Scores for unknown ids are ignored.
 */
export function computeWeightedIndex(
  tree: IndicatorNode,
  scores: ReadonlyMap<string, number | null> | Readonly<Record<string, number | null | undefined>>,
): WeightedIndexResult {
  validateTree(tree);
  if (scores === null || typeof scores !== 'object') throw new DomainValidationError('scores', 'The scores must be an object of leaf id → number');
  const lookup = toLookup(scores);
  const nodes: IndicatorValue[] = [];

  const evaluate = (node: IndicatorNode, globalWeight: number): { value: number | null; coverage: number } => {
    const children = node.children ?? [];
    const slot: IndicatorValue = { id: node.id, value: null, coverage: 0, globalWeight, isLeaf: children.length === 0 };
    nodes.push(slot);
    const score = lookup(node.id);
    if (children.length === 0) {
      if (score !== undefined && score !== null) {
        if (typeof score !== 'number' || !Number.isFinite(score)) throw new DomainValidationError(`scores.${node.id}`, `The score of "${node.id}" must be a finite number`);
        slot.value = score;
        slot.coverage = 1;
      }
      return slot;
    }
    if (score !== undefined && score !== null) {
      throw new DomainValidationError(`scores.${node.id}`, `"${node.id}" is a group: its value comes from its children and cannot be scored directly`);
    }
    let weightedSum = 0;
    let presentWeight = 0;
    let coverage = 0;
    for (const child of children) {
      const w = child.weight ?? 0;
      const result = evaluate(child, globalWeight * w);
      coverage += w * result.coverage;
      if (result.value !== null && w > 0) {
        weightedSum += w * result.value;
        presentWeight += w;
      }
    }
    slot.value = presentWeight > 0 ? weightedSum / presentWeight : null;
    slot.coverage = Math.min(1, coverage);
    return slot;
  };

  const root = evaluate(tree, 1);
  return { index: root.value, coverage: root.coverage, nodes };
}
