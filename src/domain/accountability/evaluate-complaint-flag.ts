import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Rolling window of the three-complaint rule: 365 days of 24 h (a fixed length, so leap years do not shift it). */
export const COMPLAINT_WINDOW_MS = 365 * 86_400_000;
/** Verified complaints within the window that flag the person. */
export const COMPLAINT_FLAG_THRESHOLD = 3;

export const FLAG_ROLES = ['middle_manager', 'staff'] as const;
export type StaffRole = (typeof FLAG_ROLES)[number];
export const RECOMMENDED_ACTIONS = ['removal_from_post', 'three_months_off_post'] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];

export interface ComplaintFlag {
  flagged: boolean;
  /** Complaints inside the window. */
  count: number;
  /** Their times, oldest first. */
  countingTimesMs: number[];
  /** Removal from post for a department head / middle manager, three months off post for others; null unless flagged. */
  recommendedAction: RecommendedAction | null;
  /** Exclusive lower edge: complaints at or before this instant no longer count. */
  windowStartMs: number;
  /** First instant the flag lapses if nothing new arrives (the count drops below 3); null unless flagged. */
  flaggedUntilMs: number | null;
}

/**
 * The three-complaint rule over the times the complaints were VERIFIED ("three verified complaints within
 * a year"): a complaint received long ago but verified last week counts from last week, and one received
 * yesterday counts only once the office verifies it. A complaint counts while its verification is less than 365 days old: the window is
 * (nowMs − 365 d, nowMs], so one verified exactly 365 days ago no longer counts. Future times
 * (clock skew) are ignored. Centric flags and recommends; people decide.
 */
export function evaluateComplaintFlag(verifiedComplaintTimesMs: readonly number[], nowMs: number, role: StaffRole): ComplaintFlag {
  if (typeof nowMs !== 'number' || !Number.isFinite(nowMs)) throw new DomainValidationError('nowMs', 'nowMs must be an instant in epoch milliseconds');
  if (role !== 'middle_manager' && role !== 'staff') throw new DomainValidationError('role', 'The role must be middle_manager or staff');
  if (!Array.isArray(verifiedComplaintTimesMs as unknown)) throw new DomainValidationError('verifiedComplaintTimesMs', 'The complaint times must be a list');
  verifiedComplaintTimesMs.forEach((t, i) => {
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new DomainValidationError(`verifiedComplaintTimesMs.${i}`, `Complaint time ${i + 1} is not an instant in epoch milliseconds`);
  });
  const windowStartMs = nowMs - COMPLAINT_WINDOW_MS;
  const countingTimesMs = verifiedComplaintTimesMs.filter((t) => t > windowStartMs && t <= nowMs).sort((a, b) => a - b);
  const count = countingTimesMs.length;
  const flagged = count >= COMPLAINT_FLAG_THRESHOLD;
  return {
    flagged,
    count,
    countingTimesMs,
    recommendedAction: flagged ? (role === 'middle_manager' ? 'removal_from_post' : 'three_months_off_post') : null,
    windowStartMs,
    // The flag holds until the complaint that would leave only two in the window turns 365 days old.
    flaggedUntilMs: flagged ? (countingTimesMs[count - COMPLAINT_FLAG_THRESHOLD] as number) + COMPLAINT_WINDOW_MS : null,
  };
}
