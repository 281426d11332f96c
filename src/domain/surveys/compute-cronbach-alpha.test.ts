import { describe, expect, it } from 'vitest';
import { computeCronbachAlpha } from './compute-cronbach-alpha.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Turns item columns into respondent rows. */
function byRespondent(...items: number[][]): number[][] {
  return (items[0] ?? []).map((_, r) => items.map((item) => item[r] as number));
}

describe('computeCronbachAlpha: published worked examples', () => {
  it('matches Statology, "How to Calculate Cronbach\'s Alpha in Python" (pingouin): α = 0.7734375', () => {
    const rows = byRespondent(
      [1, 2, 2, 3, 2, 2, 3, 3, 2, 3],
      [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
      [1, 1, 2, 1, 2, 3, 3, 3, 2, 3],
    );
    const result = computeCronbachAlpha(rows);
    expect(result.alpha).toBeCloseTo(0.7734375, 10);
    expect(result).toMatchObject({ n: 10, k: 3, reliable: true });
  });

  it('matches GeeksforGeeks, "How to Calculate Cronbach\'s Alpha in R" (ltm::cronbach.alpha): α = 0.2307692', () => {
    const rows = byRespondent(
      [1, 2, 1, 2, 1, 2, 1, 3, 3, 1, 4],
      [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3],
      [2, 1, 3, 1, 2, 3, 3, 4, 4, 2, 1],
    );
    const result = computeCronbachAlpha(rows);
    expect(result.alpha).toBeCloseTo(0.2307692, 6);
    expect(result).toMatchObject({ n: 11, k: 3, reliable: false });
  });
});

describe('computeCronbachAlpha: hand-computed cases', () => {
  it('is 1 when every item moves together', () => {
    // Items identical: Σ s²ᵢ = k·s², s²ₜ = k²·s² → α = k/(k−1)·(1 − 1/k) = 1.
    expect(computeCronbachAlpha([[1, 1, 1], [3, 3, 3], [5, 5, 5]]).alpha).toBeCloseTo(1, 12);
  });

  it('computes a 2×2 case by hand', () => {
    // Items (1,2) and (2,4): s²₁ = 0.5, s²₂ = 2, totals (3,6): s²ₜ = 4.5 → α = 2·(1 − 2.5/4.5) = 8/9.
    expect(computeCronbachAlpha([[1, 2], [2, 4]]).alpha).toBeCloseTo(8 / 9, 12);
  });

  it('goes negative when items contradict each other', () => {
    // Items (1,2,3) and (3,2,1) with a third (2,2,3): totals 6,6,7 → s²ₜ = 1/3, Σ s²ᵢ = 1+1+1/3 → α = 1.5·(1 − 7) = −9.
    expect(computeCronbachAlpha([[1, 3, 2], [2, 2, 2], [3, 1, 3]]).alpha).toBeCloseTo(-9, 12);
  });

  it('counts exactly 0.70 as reliable', () => {
    // k = 2, s²₁ = s²₂ = 1: α = 2·(1 − 2/s²ₜ) = 0.7 ⇔ s²ₜ = 40/13; items (0,1,2) and (0, 1+x, 2+2x)… use covariance form instead:
    // rows (a,b) with a = (−1,0,1), b = (−1,0,1)·c gives s²ₐ = 1, s²_b = c², s²ₜ = (1+c)²; α = 2·(1 − (1+c²)/(1+c)²) = 4c/(1+c)².
    // 4c/(1+c)² = 0.7 ⇔ 0.7c² − 2.6c + 0.7 = 0 ⇔ c = (2.6 − √(6.76 − 1.96))/1.4.
    const c = (2.6 - Math.sqrt(4.8)) / 1.4;
    const result = computeCronbachAlpha([[-1, -c], [0, 0], [1, c]]);
    expect(result.alpha).toBeCloseTo(0.7, 12);
    expect(result.reliable).toBe(true);
  });

  it('returns null when the totals do not vary', () => {
    expect(computeCronbachAlpha([[2, 2], [2, 2], [2, 2]])).toEqual({ alpha: null, n: 3, k: 2, reliable: false });
    // Items vary but cancel out: totals all 4.
    expect(computeCronbachAlpha([[1, 3], [2, 2], [3, 1]]).alpha).toBeNull();
  });
});

describe('computeCronbachAlpha: validation', () => {
  const cases: [unknown, string, RegExp][] = [
    [[[1, 2]], 'matrix', /at least 2 respondents/],
    [[[1], [2]], 'matrix.0', /at least 2 items/],
    [[[1, 2], [1]], 'matrix.1', /all 2/],
    [[[1, 2], [1, Number.NaN]], 'matrix.1.1', /not a number/],
    ['nope', 'matrix', /table/],
  ];
  it.each(cases)('rejects %j', (input, field, message) => {
    try {
      computeCronbachAlpha(input as number[][]);
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainValidationError);
      expect((err as DomainValidationError).field).toBe(field);
      expect((err as Error).message).toMatch(message);
    }
  });
});
