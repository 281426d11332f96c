import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { isScaleValue } from './parse-survey-answer.ts';

export interface CsatResult {
  /** Number of ratings. */
  n: number;
  /** Share of ratings that are 4 or 5 (0..1); null when there are none. */
  csat: number | null;
  /** Arithmetic mean on the 1–5 scale; null when there are none. */
  mean: number | null;
  /** Count per rating. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

/** Customer satisfaction from 1–5 ratings: the top-two-box share (4 and 5), the mean and the spread. */
export function computeCsat(ratings: readonly number[]): CsatResult {
  if (!Array.isArray(ratings)) throw new DomainValidationError('ratings', 'The ratings must be a list of whole numbers from 1 to 5');
  const distribution: CsatResult['distribution'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let sum = 0;
  ratings.forEach((rating, i) => {
    if (!isScaleValue(rating)) throw new DomainValidationError(`ratings.${i}`, `Rating ${i + 1} must be a whole number from 1 to 5`);
    distribution[rating] += 1;
    sum += rating;
  });
  const n = ratings.length;
  if (n === 0) return { n, csat: null, mean: null, distribution };
  return { n, csat: (distribution[4] + distribution[5]) / n, mean: sum / n, distribution };
}
