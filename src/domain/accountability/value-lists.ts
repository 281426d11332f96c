/**
 * Every value list of accountability in one place, for contracts and the web app. Lists that belong to a
 * rule live beside it and are re-exported here; the rest (ledger, notices, flags, list filters) are defined here.
 */
export { COMPLAINANT_STATUSES, COMPLAINT_ACTION_TYPES, COMPLAINT_KINDS, COMPLAINT_OUTCOMES, COMPLAINT_SOURCES, COMPLAINT_STATUSES, EVIDENCE_KINDS } from './decide-complaint-action.ts';
export type { ComplainantStatus, ComplaintActionType, ComplaintKind, ComplaintOutcome, ComplaintSource, ComplaintStatus, EvidenceKind } from './decide-complaint-action.ts';
export { DEDUCTION_KINDS, DEDUCTION_SEVERITIES } from './resolve-deduction-rules.ts';
export type { DeductionKind, DeductionSeverity } from './resolve-deduction-rules.ts';
export { FLAG_ROLES, RECOMMENDED_ACTIONS } from './evaluate-complaint-flag.ts';
export type { RecommendedAction, StaffRole as FlagRole } from './evaluate-complaint-flag.ts';
export { RATING_LEVELS } from './get-rating-level.ts';
export type { RatingLevel } from './get-rating-level.ts';
export { RATING_SIGNALS } from './suggest-rating-score.ts';
export type { RatingSignal } from './suggest-rating-score.ts';
export { PERIOD_KINDS } from './parse-period.ts';
export type { PeriodKind } from './parse-period.ts';
export { SKIP_REASONS } from './propose-deductions.ts';
export type { SkipReason } from './propose-deductions.ts';
export { SPOT_CHECK_CHECKS } from './judge-spot-check-item.ts';
export type { SpotCheckCheck } from './judge-spot-check-item.ts';

/** The sources staff register a complaint from; 'portal' is the customer's own. */
export const STAFF_COMPLAINT_SOURCES = ['phone', 'letter', 'visit', 'email', 'colleague'] as const;
export type StaffComplaintSource = (typeof STAFF_COMPLAINT_SOURCES)[number];

/** The complaint list's views: everything I may see, or only mine in one sense. */
export const COMPLAINT_LIST_VIEWS = ['all', 'about_me', 'filed_by_me', 'assigned_to_me'] as const;
export type ComplaintListView = (typeof COMPLAINT_LIST_VIEWS)[number];

/** Who appealed a decision. */
export const APPELLANT_KINDS = ['customer', 'staff'] as const;
export type AppellantKind = (typeof APPELLANT_KINDS)[number];

/** What a staff member may see of a complaint: everything, or what its complainant sees. */
export const COMPLAINT_ACCESS_LEVELS = ['full', 'complainant'] as const;
export type ComplaintAccessLevel = (typeof COMPLAINT_ACCESS_LEVELS)[number];

/** A ledger entry: proposed by a scan or a verification, then confirmed or dismissed by the office. */
export const DEDUCTION_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;
export type DeductionStatus = (typeof DEDUCTION_STATUSES)[number];

export const DEDUCTION_DECISIONS = ['confirm', 'dismiss'] as const;
export type DeductionDecision = (typeof DEDUCTION_DECISIONS)[number];

export const NOTICE_KINDS = ['criticism', 'commendation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const FLAG_STATUSES = ['open', 'decided', 'withdrawn'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** What people decided about a three-complaint flag (Centric flags; people decide). */
export const FLAG_DECISIONS = ['removal_from_post', 'three_months_off_post', 'other_measure', 'no_action'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

/** How the accountability report's CSV is grouped. */
export const REPORT_GROUPINGS = ['person', 'department'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
