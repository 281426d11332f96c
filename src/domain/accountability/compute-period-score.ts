import { DomainValidationError } from '../shared/domain-validation-error.ts';

export type DeductionStatus = 'proposed' | 'confirmed' | 'rejected';

/** A deduction as stored: a proposal that a person may have confirmed or rejected. */
export interface Deduction {
  id: string;
  personId: string;
  points: number;
  status: DeductionStatus;
  /** When the incident happened; this decides the period, not when it was confirmed. */
  occurredAtMs: number;
}

/** Half-open [startMs, endMs): an incident at endMs belongs to the next period. */
export interface ScorePeriod {
  startMs: number;
  endMs: number;
}

export interface PersonPeriodScore {
  personId: string;
  deductedPoints: number;
  /** baseScore − deductedPoints, never below 0. */
  score: number;
  deductionIds: string[];
}

/** Performance score a person starts each period with. */
export const DEFAULT_BASE_SCORE = 100;

/**
 * Deductions per person in a period: only confirmed ones count (proposals and rejections never do),
 * and only those whose incident falls in [startMs, endMs). People are listed in id order.
 */
export function computePeriodScore(deductions: readonly Deduction[], period: ScorePeriod, baseScore = DEFAULT_BASE_SCORE): PersonPeriodScore[] {
  if (!Array.isArray(deductions as unknown)) throw new DomainValidationError('deductions', 'The deductions must be a list');
  if (period === null || typeof period !== 'object' || !Number.isFinite(period.startMs) || !Number.isFinite(period.endMs)) {
    throw new DomainValidationError('period', 'The period needs startMs and endMs in epoch milliseconds');
  }
  if (period.startMs >= period.endMs) throw new DomainValidationError('period.endMs', 'The period must end after it starts');
  if (!Number.isFinite(baseScore) || baseScore < 0) throw new DomainValidationError('baseScore', 'The base score must be a number, 0 or more');

  const byPerson = new Map<string, PersonPeriodScore>();
  deductions.forEach((d, i) => {
    const field = `deductions.${i}`;
    if (d === null || typeof d !== 'object') throw new DomainValidationError(field, 'A deduction must be an object');
    if (typeof d.personId !== 'string' || d.personId === '') throw new DomainValidationError(`${field}.personId`, 'The person id must be a non-empty string');
    if (typeof d.points !== 'number' || !Number.isFinite(d.points) || d.points < 0) throw new DomainValidationError(`${field}.points`, 'The points must be a number, 0 or more');
    if (!['proposed', 'confirmed', 'rejected'].includes(d.status)) throw new DomainValidationError(`${field}.status`, 'The status must be proposed, confirmed or rejected');
    if (typeof d.occurredAtMs !== 'number' || !Number.isFinite(d.occurredAtMs)) throw new DomainValidationError(`${field}.occurredAtMs`, 'occurredAtMs must be an instant in epoch milliseconds');
    if (d.status !== 'confirmed' || d.occurredAtMs < period.startMs || d.occurredAtMs >= period.endMs) return;
    const entry = byPerson.get(d.personId) ?? { personId: d.personId, deductedPoints: 0, score: baseScore, deductionIds: [] };
    entry.deductedPoints += d.points;
    entry.deductionIds.push(d.id);
    byPerson.set(d.personId, entry);
  });
  return [...byPerson.values()]
    .map((entry) => ({ ...entry, score: Math.max(0, baseScore - entry.deductedPoints) }))
    .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}
