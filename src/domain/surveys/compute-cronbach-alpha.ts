import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Alpha at or above this counts as reliable (the usual rule of thumb, adopted in PRODUCT.md §3). */
export const RELIABLE_ALPHA = 0.7;

export interface CronbachAlphaResult {
  /**
   * α = k/(k−1) · (1 − Σ s²ᵢ / s²ₜ), with sample variances of each item and of the respondents'
   * totals. Null when the totals do not vary (every respondent scored the same total): α is then undefined.
   */
  alpha: number | null;
  /** Respondents (rows). */
  n: number;
  /** Items (columns). */
  k: number;
  /** alpha ≥ 0.70; false when alpha is null. */
  reliable: boolean;
}

function sampleVariance(values: readonly number[]): number {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1);
}

/**
 * Cronbach's α for one dimension of a survey: rows are respondents, columns the dimension's items.
 * Rows must be complete (drop respondents with a missing item first: listwise deletion).
 * Needs at least 2 respondents and 2 items.
 */
export function computeCronbachAlpha(matrix: readonly (readonly number[])[]): CronbachAlphaResult {
  if (!Array.isArray(matrix as unknown)) throw new DomainValidationError('matrix', 'The answers must be a table: one row per respondent, one column per item');
  const n = matrix.length;
  if (n < 2) throw new DomainValidationError('matrix', `Cronbach's alpha needs at least 2 respondents; got ${n}`);
  const first = matrix[0];
  const k = Array.isArray(first) ? first.length : 0;
  if (k < 2) throw new DomainValidationError('matrix.0', `Cronbach's alpha needs at least 2 items per respondent; got ${k}`);
  matrix.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new DomainValidationError(`matrix.${r}`, `Respondent ${r + 1} answered ${Array.isArray(row) ? row.length : 0} items; every respondent must answer all ${k}`);
    }
    row.forEach((value, c) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new DomainValidationError(`matrix.${r}.${c}`, `The answer of respondent ${r + 1} to item ${c + 1} is not a number`);
      }
    });
  });

  let itemVarianceSum = 0;
  for (let c = 0; c < k; c++) itemVarianceSum += sampleVariance(matrix.map((row) => row[c] as number));
  const totalVariance = sampleVariance(matrix.map((row) => row.reduce((s, x) => s + x, 0)));
  // Relative guard: totals equal up to rounding noise count as not varying.
  const scale = Math.max(1, itemVarianceSum);
  if (totalVariance <= 1e-12 * scale) return { alpha: null, n, k, reliable: false };
  const alpha = (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
  // The epsilon keeps an alpha of exactly 0.70 from failing on floating-point noise.
  return { alpha, n, k, reliable: alpha >= RELIABLE_ALPHA - 1e-12 };
}
