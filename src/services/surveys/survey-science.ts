import { DomainError } from '../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import { assertAhpConsistent, computeAhpWeights, type AhpResult } from '../../domain/surveys/compute-ahp-weights.ts';
import { computeWeightedIndex, type IndicatorNode, type WeightedIndexResult } from '../../domain/surveys/compute-weighted-index.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

/**
 * Indicator weights from pairwise comparisons (AHP). Judgements with CR ≥ 0.10 are refused with 400,
 * naming the most inconsistent pair (code `ahp_inconsistent`, field `matrix.i.j`).
 */
export function rankByAhp(ctx: RequestContext, input: { matrix: number[][]; labels?: string[] }): AhpResult {
  requireStaff(ctx);
  const result = computeAhpWeights(input.matrix, input.labels);
  try {
    assertAhpConsistent(result);
  } catch (err) {
    if (err instanceof DomainValidationError) throw new DomainError('invalid', err.message, err.field, 'ahp_inconsistent');
    throw err;
  }
  return result;
}

const MAX_TREE_DEPTH = 8;
const MAX_TREE_NODES = 500;

/** Refuses trees too deep or too large before walking them (the walk recurses). */
function checkTreeSize(tree: unknown): void {
  let nodes = 0;
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: tree, depth: 1, path: 'tree' }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    nodes += 1;
    if (nodes > MAX_TREE_NODES) throw new DomainValidationError('tree', `An indicator tree may have at most ${MAX_TREE_NODES} indicators`);
    if (depth > MAX_TREE_DEPTH) throw new DomainValidationError(path, `An indicator tree may be at most ${MAX_TREE_DEPTH} levels deep`);
    const children = node !== null && typeof node === 'object' ? (node as { children?: unknown }).children : undefined;
    if (Array.isArray(children)) children.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: `${path}.children.${i}` }));
  }
}

/** A weighted index over an indicator tree (weights e.g. from AHP, scores e.g. per-dimension means). */
export function computeIndicatorIndex(ctx: RequestContext, input: { tree: unknown; scores: Record<string, number | null> }): WeightedIndexResult {
  requireStaff(ctx);
  checkTreeSize(input.tree);
  return computeWeightedIndex(input.tree as IndicatorNode, input.scores);
}
