import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { getRatingLevel, type RatingLevel } from './get-rating-level.ts';

/** What Centric gathered about one person in one period. */
export interface RatingEvidence {
  /** Share of their clocks that met the commitment, 0..1; null when none ran. */
  commitmentsMet: number | null;
  /** Mean callback-survey satisfaction, 1..5; null when nobody answered. */
  csatMean: number | null;
  /** Verified complaints in the period. */
  verifiedComplaints: number;
  /** Sum of confirmed deduction points in the period. */
  confirmedDeductionPoints: number;
  /** Share of their audited tickets that passed the spot check, 0..1; null when none was drawn. */
  spotCheckPassShare: number | null;
}

export const RATING_SIGNALS = ['commitmentsMet', 'csat', 'spotCheck'] as const;
export type RatingSignal = (typeof RATING_SIGNALS)[number];

/** Relative weight of each signal in the base; renormalised over the signals present. */
export const RATING_SIGNAL_WEIGHTS: Readonly<Record<RatingSignal, number>> = { commitmentsMet: 0.4, csat: 0.3, spotCheck: 0.3 };
/** Points off the 0–10 scale per verified complaint. */
export const COMPLAINT_PENALTY = 0.5;
/** Points off the 0–10 scale per confirmed deduction point (a minor 10-point deduction costs 0.2, a serious 30 costs 0.6). */
export const DEDUCTION_PENALTY_PER_POINT = 0.02;

export interface RatingSuggestion {
  /** Null when no positive signal exists: there is nothing to base a suggestion on. */
  score: number | null;
  level: RatingLevel | null;
  /** Weighted base before penalties (0..10), unrounded. */
  base: number | null;
  signalsUsed: RatingSignal[];
  complaintPenalty: number;
  deductionPenalty: number;
}

function checkShare(value: number | null, field: string): void {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)) {
    throw new DomainValidationError(field, `${field} must be a share from 0 to 1, or null`);
  }
}

/**
 * A suggested 0–10 rating shown beside the evidence; the supervisor's judgement decides.
 *
 *   base  = Σ wₛ·vₛ / Σ wₛ over the signals present, with
 *           v(commitmentsMet) = 10·share, v(csat) = 10·(mean − 1)/4, v(spotCheck) = 10·share
 *           and w = 0.4, 0.3, 0.3
 *   score = clamp(base − 0.5·verifiedComplaints − 0.02·confirmedDeductionPoints, 0, 10),
 *           rounded half up to 2 decimals.
 *
 * With no signal present the score is null rather than a made-up middle value.
 */
export function suggestRatingScore(evidence: RatingEvidence): RatingSuggestion {
  if (evidence === null || typeof evidence !== 'object') throw new DomainValidationError('evidence', 'The evidence must be an object');
  const { commitmentsMet, csatMean, verifiedComplaints, confirmedDeductionPoints, spotCheckPassShare } = evidence;
  checkShare(commitmentsMet, 'commitmentsMet');
  checkShare(spotCheckPassShare, 'spotCheckPassShare');
  if (csatMean !== null && (typeof csatMean !== 'number' || !Number.isFinite(csatMean) || csatMean < 1 || csatMean > 5)) {
    throw new DomainValidationError('csatMean', 'csatMean must be a mean rating from 1 to 5, or null');
  }
  if (!Number.isInteger(verifiedComplaints) || verifiedComplaints < 0) {
    throw new DomainValidationError('verifiedComplaints', 'verifiedComplaints must be a whole number, 0 or more');
  }
  if (typeof confirmedDeductionPoints !== 'number' || !Number.isFinite(confirmedDeductionPoints) || confirmedDeductionPoints < 0) {
    throw new DomainValidationError('confirmedDeductionPoints', 'confirmedDeductionPoints must be a number, 0 or more');
  }

  const signals: [RatingSignal, number | null][] = [
    ['commitmentsMet', commitmentsMet === null ? null : 10 * commitmentsMet],
    ['csat', csatMean === null ? null : (10 * (csatMean - 1)) / 4],
    ['spotCheck', spotCheckPassShare === null ? null : 10 * spotCheckPassShare],
  ];
  let weighted = 0;
  let weights = 0;
  const signalsUsed: RatingSignal[] = [];
  for (const [signal, value] of signals) {
    if (value === null) continue;
    weighted += RATING_SIGNAL_WEIGHTS[signal] * value;
    weights += RATING_SIGNAL_WEIGHTS[signal];
    signalsUsed.push(signal);
  }
  const complaintPenalty = COMPLAINT_PENALTY * verifiedComplaints;
  const deductionPenalty = DEDUCTION_PENALTY_PER_POINT * confirmedDeductionPoints;
  if (weights === 0) return { score: null, level: null, base: null, signalsUsed, complaintPenalty, deductionPenalty };
  const base = weighted / weights;
  const clamped = Math.min(10, Math.max(0, base - complaintPenalty - deductionPenalty));
  // The epsilon rounds 1.005 (stored as 1.00499…) half up, as a person would.
  const score = Math.round(clamped * 100 + 1e-9) / 100;
  return { score, level: getRatingLevel(score), base, signalsUsed, complaintPenalty, deductionPenalty };
}
