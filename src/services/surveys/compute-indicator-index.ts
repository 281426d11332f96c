import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import { computeWeightedIndex, type IndicatorNode, type WeightedIndexResult } from '../../domain/surveys/compute-weighted-index.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

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
