import { DomainValidationError } from '../shared/domain-validation-error.ts';

export const RATING_LEVELS = ['outstanding', 'excellent', 'good', 'basic', 'failed'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Lowest score of each level (PRODUCT.md §4); a score belongs to the highest level whose minimum it reaches. */
export const RATING_LEVEL_MINIMUMS: Readonly<Record<RatingLevel, number>> = {
  outstanding: 9.5,
  excellent: 8.5,
  good: 7.5,
  basic: 6,
  failed: 0,
};

/** Throws unless the score is a number 0..10 with at most two decimals (the rating form's precision). */
export function assertRatingScore(score: number, field = 'score'): void {
  if (typeof score !== 'number' || !Number.isFinite(score)) throw new DomainValidationError(field, 'The rating must be a number from 0 to 10');
  if (score < 0 || score > 10) throw new DomainValidationError(field, `The rating must be from 0 to 10; got ${score}`);
  // Compare in hundredths with a small epsilon: 9.49 * 100 is 948.9999999999999 in binary floating point.
  if (Math.abs(score * 100 - Math.round(score * 100)) > 1e-6) {
    throw new DomainValidationError(field, `The rating may have at most two decimals; got ${score}`);
  }
}

/** Level of a customer-centric rating: outstanding 9.50–10, excellent 8.50–9.49, good 7.50–8.49, basic 6.00–7.49, failed < 6. */
export function getRatingLevel(score: number): RatingLevel {
  assertRatingScore(score);
  const hundredths = Math.round(score * 100);
  for (const level of RATING_LEVELS) {
    if (hundredths >= Math.round(RATING_LEVEL_MINIMUMS[level] * 100)) return level;
  }
  return 'failed';
}
