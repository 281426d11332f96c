import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertAhpConsistent, computeAhpWeights } from './compute-ahp-weights.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Published figures are rounded to 3 decimals, so compare within an absolute tolerance. */
function expectWeights(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((w, i) => expect(Math.abs(w - (expected[i] as number))).toBeLessThanOrEqual(tolerance));
}

function errorOf(fn: () => unknown): DomainValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainValidationError);
    return err as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

describe('computeAhpWeights: published worked examples', () => {
  it("reproduces Saaty's drink-consumption matrix (Saaty 2008, Int. J. Services Sciences 1(1) 83–98)", () => {
    // Published derived priorities: coffee .177, wine .019, tea .042, beer .116, soda .190, milk .129, water .327;
    // CR 0.022 with Saaty's random index (also AHPy's test suite, tests/test_ahp.py).
    const labels = ['coffee', 'wine', 'tea', 'beer', 'soda', 'milk', 'water'];
    const matrix = [
      [1, 9, 5, 2, 1, 1, 1 / 2],
      [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
      [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
      [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [1, 9, 4, 2, 1, 2, 1 / 2],
      [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [2, 9, 9, 3, 2, 3, 1],
    ];
    const result = computeAhpWeights(matrix, labels);
    expectWeights(result.weights, [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327], 0.0005);
    expect(result.cr).toBeCloseTo(0.022, 3);
    expect(result.ri).toBe(1.32);
    expect(result.consistent).toBe(true);
    expect(() => assertAhpConsistent(result)).not.toThrow();
  });

  it("reproduces Wikipedia's 'Analytic hierarchy process – leader example' criteria weights", () => {
    // Experience .547, Education .127, Charisma .270, Age .056 (published, truncated: Experience is 0.5476);
    // λmax ≈ 4.118 and CR ≈ 0.044 computed independently (not stated in the article).
    const matrix = [
      [1, 4, 3, 7],
      [1 / 4, 1, 1 / 3, 3],
      [1 / 3, 3, 1, 5],
      [1 / 7, 1 / 3, 1 / 5, 1],
    ];
    const result = computeAhpWeights(matrix, ['Experience', 'Education', 'Charisma', 'Age']);
    expectWeights(result.weights, [0.547, 0.127, 0.27, 0.056], 0.001);
    expect(result.lambdaMax).toBeCloseTo(4.118, 3);
    expect(result.cr).toBeCloseTo(0.044, 3);
  });
});

describe('computeAhpWeights: hand-computed cases', () => {
  it('recovers exact weights from a perfectly consistent matrix (λmax = n, CI = CR = 0)', () => {
    const w = [0.5, 0.25, 0.125, 0.125];
    const matrix = w.map((wi) => w.map((wj) => wi / wj));
    const result = computeAhpWeights(matrix);
    expectWeights(result.weights, w, 1e-12);
    expect(result.lambdaMax).toBeCloseTo(4, 12);
    expect(result.ci).toBe(0);
    expect(result.cr).toBe(0);
    expect(result.mostInconsistentPair?.deviation).toBeCloseTo(0, 10);
  });

  it('handles n = 1 and n = 2 with CR 0', () => {
    expect(computeAhpWeights([[1]])).toMatchObject({ weights: [1], cr: 0, ci: 0, consistent: true, mostInconsistentPair: null });
    const two = computeAhpWeights([[1, 3], [1 / 3, 1]]);
    expectWeights(two.weights, [0.75, 0.25], 1e-12);
    expect(two.cr).toBe(0);
    expect(two.mostInconsistentPair).toBeNull();
  });

  it('computes a 3×3 cyclic matrix by hand', () => {
    // a12 = a23 = a31 = x: circulant, weights equal, λmax = 1 + x + 1/x. With x = 3: λ = 13/3, CI = 2/3, CR = (2/3)/0.58.
    const result = computeAhpWeights([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]]);
    expectWeights(result.weights, [1 / 3, 1 / 3, 1 / 3], 1e-12);
    expect(result.lambdaMax).toBeCloseTo(13 / 3, 12);
    expect(result.cr).toBeCloseTo(2 / 3 / 0.58, 12);
    expect(result.consistent).toBe(false);
  });

  it('keeps weights positive, summing to 1, with λmax ≥ n for random reciprocal matrices', () => {
    const scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.constantFrom(...scale), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }))), ([n, upper]) => {
        const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
        let p = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const v = upper[p++] as number;
            (m[i] as number[])[j] = v;
            (m[j] as number[])[i] = 1 / v;
          }
        }
        const r = computeAhpWeights(m);
        expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        expect(Math.min(...r.weights)).toBeGreaterThan(0);
        expect(r.lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
        // Converged: A·w = λ·w.
        m.forEach((row, i) => expect(row.reduce((s, x, j) => s + x * (r.weights[j] as number), 0)).toBeCloseTo(r.lambdaMax * (r.weights[i] as number), 9));
      }),
      { numRuns: 100 },
    );
  });
});

describe('assertAhpConsistent', () => {
  // Consistent with weights 8:4:2:1 except Quality vs Support, flipped from 8 to 1/8.
  const labels = ['Quality', 'Price', 'Delivery', 'Support'];
  const matrix = [
    [1, 2, 4, 1 / 8],
    [1 / 2, 1, 2, 4],
    [1 / 4, 1 / 2, 1, 2],
    [8, 1 / 4, 1 / 2, 1],
  ];

  it('refuses CR ≥ 0.10 naming the most inconsistent pair by label', () => {
    const result = computeAhpWeights(matrix, labels);
    expect(result.cr).toBeGreaterThanOrEqual(0.1);
    expect(result.mostInconsistentPair).toMatchObject({ i: 0, j: 3, labelI: 'Quality', labelJ: 'Support', judged: 1 / 8 });
    const err = errorOf(() => assertAhpConsistent(result));
    expect(err.field).toBe('matrix.0.3');
    expect(err.message).toMatch(/"Quality" versus "Support"/);
    expect(err.message).toMatch(/judged 1\/8/);
    expect(err.message).toMatch(/consistency ratio \d+\.\d{3}, which must be below 0\.10/);
  });

  it('names default labels when none are given', () => {
    expect(errorOf(() => assertAhpConsistent(computeAhpWeights(matrix))).message).toMatch(/"criterion 1" versus "criterion 4"/);
  });
});

describe('computeAhpWeights: validation', () => {
  const cases: [string, unknown, string][] = [
    ['empty', [], 'matrix'],
    ['not square', [[1, 2], [1 / 2, 1, 3]], 'matrix.1'],
    ['diagonal not 1', [[1, 2], [1 / 2, 2]], 'matrix.1.1'],
    ['not reciprocal', [[1, 3], [1 / 2, 1]], 'matrix.1.0'],
    ['off the scale', [[1, 10], [1 / 10, 1]], 'matrix.0.1'],
    ['zero', [[1, 0], [0, 1]], 'matrix.0.1'],
    ['not a number', [[1, '3'], [1 / 3, 1]], 'matrix.0.1'],
    ['too large', Array.from({ length: 16 }, () => new Array(16).fill(1)), 'matrix'],
  ];
  it.each(cases)('rejects a matrix that is %s', (_, input, field) => {
    expect(errorOf(() => computeAhpWeights(input as number[][])).field).toBe(field);
  });

  it('accepts rounded reciprocals such as 0.333 and 0.11', () => {
    const result = computeAhpWeights([[1, 3, 9], [0.333, 1, 3], [0.11, 0.333, 1]]);
    expect(result.weights[0]).toBeCloseTo(9 / 13, 2);
  });

  it('checks labels', () => {
    expect(errorOf(() => computeAhpWeights([[1, 2], [1 / 2, 1]], ['a'])).field).toBe('labels');
    expect(errorOf(() => computeAhpWeights([[1, 2], [1 / 2, 1]], ['a', 'a'])).field).toBe('labels.1');
  });
});
