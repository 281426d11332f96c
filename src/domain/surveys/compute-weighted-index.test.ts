import { describe, expect, it } from 'vitest';
import { computeAhpWeights } from './compute-ahp-weights.ts';
import { computeWeightedIndex, type IndicatorNode } from './compute-weighted-index.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';

function errorOf(fn: () => unknown): DomainValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainValidationError);
    return err as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

// root → service (0.6: speed 0.5, manner 0.5), product (0.4: quality 0.75, price 0.25)
const tree: IndicatorNode = {
  id: 'csi',
  children: [
    { id: 'service', weight: 0.6, children: [{ id: 'speed', weight: 0.5 }, { id: 'manner', weight: 0.5 }] },
    { id: 'product', weight: 0.4, children: [{ id: 'quality', weight: 0.75 }, { id: 'price', weight: 0.25 }] },
  ],
};

describe('computeWeightedIndex', () => {
  it('weights leaf scores up the tree', () => {
    const result = computeWeightedIndex(tree, { speed: 80, manner: 60, quality: 90, price: 50 });
    // service 70, product 80 → 0.6·70 + 0.4·80 = 74
    expect(result.index).toBeCloseTo(74, 12);
    expect(result.coverage).toBe(1);
    expect(result.nodes.map((n) => n.id)).toEqual(['csi', 'service', 'speed', 'manner', 'product', 'quality', 'price']);
    const product = result.nodes.find((n) => n.id === 'product');
    expect(product).toMatchObject({ value: 80, coverage: 1, globalWeight: 0.4, isLeaf: false });
    expect(result.nodes.find((n) => n.id === 'price')?.globalWeight).toBeCloseTo(0.1, 12);
  });

  it('renormalises over present siblings and reports coverage', () => {
    const result = computeWeightedIndex(tree, new Map([['speed', 80], ['quality', 90], ['price', null]]));
    // service = speed alone = 80; product = quality alone = 90 → 0.6·80 + 0.4·90 = 84
    expect(result.index).toBeCloseTo(84, 12);
    // scored weight: 0.6·0.5 + 0.4·0.75 = 0.6
    expect(result.coverage).toBeCloseTo(0.6, 12);
    expect(result.nodes.find((n) => n.id === 'manner')).toMatchObject({ value: null, coverage: 0 });
  });

  it('drops a group with nothing scored and renormalises at the next level', () => {
    const result = computeWeightedIndex(tree, { quality: 90, price: 50 });
    expect(result.nodes.find((n) => n.id === 'service')?.value).toBeNull();
    expect(result.index).toBeCloseTo(80, 12);
    expect(result.coverage).toBeCloseTo(0.4, 12);
  });

  it('returns null when nothing is scored', () => {
    expect(computeWeightedIndex(tree, {})).toMatchObject({ index: null, coverage: 0 });
  });

  it('treats a lone root as a leaf', () => {
    expect(computeWeightedIndex({ id: 'only' }, { only: 3 })).toMatchObject({ index: 3, coverage: 1 });
  });

  it('reproduces Saaty\'s "best city to live in" synthesis with AHP-derived weights (Saaty 2005, via AHPy tests)', () => {
    // Theory and Applications of the Analytic Network Process (2005); published global priorities
    // Bethesda .2291, Boston .2748, Pittsburgh .3852, Santa Fe .1110.
    const criteria = computeAhpWeights(
      [
        [1, 1 / 5, 3, 1 / 2, 5],
        [5, 1, 7, 1, 7],
        [1 / 3, 1 / 7, 1, 1 / 4, 3],
        [2, 1, 4, 1, 7],
        [1 / 5, 1 / 7, 1 / 3, 1 / 7, 1],
      ],
      ['culture', 'family', 'housing', 'jobs', 'transportation'],
    );
    // Cities in the order Bethesda, Boston, Pittsburgh, Santa Fe, compared under each criterion.
    const local: Record<string, number[][]> = {
      culture: [[1, 1 / 2, 1, 1 / 2], [2, 1, 2.5, 1], [1, 1 / 2.5, 1, 1 / 2.5], [2, 1, 2.5, 1]],
      family: [[1, 2, 1 / 3, 4], [1 / 2, 1, 1 / 8, 2], [3, 8, 1, 9], [1 / 4, 1 / 2, 1 / 9, 1]],
      housing: [[1, 5, 1 / 2, 2.5], [1 / 5, 1, 1 / 9, 1 / 4], [2, 9, 1, 7], [1 / 2.5, 4, 1 / 7, 1]],
      jobs: [[1, 1 / 2, 3, 4], [2, 1, 6, 8], [1 / 3, 1 / 6, 1, 1], [1 / 4, 1 / 8, 1, 1]],
      transportation: [[1, 1.5, 1 / 2, 4], [1 / 1.5, 1, 1 / 3.5, 2.5], [2, 3.5, 1, 9], [1 / 4, 1 / 2.5, 1 / 9, 1]],
    };
    const goal: IndicatorNode = { id: 'goal', children: criteria.labels.map((id, i) => ({ id, weight: criteria.weights[i] as number })) };
    const cityWeights = Object.fromEntries(Object.entries(local).map(([criterion, m]) => [criterion, computeAhpWeights(m).weights]));
    const expected = [0.2291, 0.2748, 0.3852, 0.111];
    expected.forEach((priority, city) => {
      const scores = Object.fromEntries(criteria.labels.map((c) => [c, cityWeights[c]?.[city] ?? null]));
      expect(Math.abs((computeWeightedIndex(goal, scores).index ?? NaN) - priority)).toBeLessThanOrEqual(0.0005);
    });
  });

  describe('validation', () => {
    it('names the node whose children\'s weights do not sum to 1', () => {
      const bad: IndicatorNode = { id: 'root', children: [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.4 }] };
      const err = errorOf(() => computeWeightedIndex(bad, {}));
      expect(err.field).toBe('tree.children');
      expect(err.message).toMatch(/under "root" sum to 0\.9/);
    });

    it('accepts sums within 1e-6, refuses beyond', () => {
      const within: IndicatorNode = { id: 'r', children: [{ id: 'a', weight: 0.3333335 }, { id: 'b', weight: 0.3333335 }, { id: 'c', weight: 0.333333 }] };
      expect(computeWeightedIndex(within, { a: 1, b: 1, c: 1 }).index).toBeCloseTo(1, 12);
      const beyond: IndicatorNode = { id: 'r', children: [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.500002 }] };
      expect(errorOf(() => computeWeightedIndex(beyond, {})).field).toBe('tree.children');
    });

    it('rejects bad weights, duplicate ids, bad scores and scores on groups', () => {
      expect(errorOf(() => computeWeightedIndex({ id: 'r', children: [{ id: 'a', weight: 1.5 }, { id: 'b', weight: -0.5 }] }, {})).field).toBe('tree.children.0.weight');
      expect(errorOf(() => computeWeightedIndex({ id: 'r', children: [{ id: 'a' }] }, {})).field).toBe('tree.children.0.weight');
      expect(errorOf(() => computeWeightedIndex({ id: 'r', children: [{ id: 'r', weight: 1 }] }, {})).field).toBe('tree.children.0.id');
      expect(errorOf(() => computeWeightedIndex(tree, { speed: Number.NaN })).field).toBe('scores.speed');
      expect(errorOf(() => computeWeightedIndex(tree, { service: 70 })).field).toBe('scores.service');
    });

    it('ignores scores for ids not in the tree', () => {
      expect(computeWeightedIndex(tree, { speed: 1, manner: 1, quality: 1, price: 1, legacy: 99 }).index).toBeCloseTo(1, 12);
    });
  });
});
