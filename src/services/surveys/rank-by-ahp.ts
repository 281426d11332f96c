import { DomainError } from '../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import { assertAhpConsistent, computeAhpWeights, type AhpResult } from '../../domain/surveys/compute-ahp-weights.ts';
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
