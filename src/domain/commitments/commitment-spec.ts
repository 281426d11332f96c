import type { CalendarDefinition } from '../calendar/index.ts';

/**
 * What a commitment promises (one version), as plain data: the shapes the validation, the matching
 * and the clock derivation share. PRODUCT.md §2; the columns are in 0005_commitments.sql.
 */

export const COMMITMENT_TARGET_UNITS = ['minutes', 'hours', 'working_days'] as const;
export type CommitmentTargetUnit = (typeof COMMITMENT_TARGET_UNITS)[number];

export const COMMITMENT_STAGE_KINDS = ['handover', 'first_contact', 'resolution', 'callback', 'other'] as const;
export type CommitmentStageKind = (typeof COMMITMENT_STAGE_KINDS)[number];

// A commitment applies to customers by the customers' own kinds (one list, in domain/customers).
export { CUSTOMER_KINDS, type CustomerKind } from '../customers/customer-fields.ts';

export const MAX_COMMITMENT_LEVEL = 3;

/** Who answers for a clock: a department, or whoever owns / handles the ticket. */
export const RESPONSIBLE_KINDS = ['department', 'owner', 'handler'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

export type CommitmentResponsible = { kind: 'department'; departmentId: number } | { kind: 'owner' } | { kind: 'handler' };

/** Which tickets a commitment applies to; an absent or empty list matches every ticket. */
export interface CommitmentAppliesTo {
  /** Roots of category subtrees: a ticket in any category below one of them matches. */
  categoryIds?: number[];
  priorities?: string[];
  channels?: string[];
  customerKinds?: string[];
  /** Customer segments (customers.segment, e.g. key_account); a ticket whose customer has no segment matches none. */
  customerSegments?: string[];
}

/** A segment key as customers store it (0011_crm.sql): 1–40 lower-case letters, digits or _. */
export const CUSTOMER_SEGMENT_PATTERN = /^[a-z0-9_]{1,40}$/;

/** One version of a commitment as the clock derivation reads it. */
export interface CommitmentVersionSpec {
  commitmentId: number;
  version: number;
  level: number;
  /** The commitment whose clock a stage clock runs under (null for level 1). */
  parentCommitmentId: number | null;
  startEvent: string;
  stopEvent: string;
  pauseOnWait: boolean;
  /** The target in business minutes on `calendarId`. */
  targetMinutes: number;
  /** 0 < warnShare < 1. */
  warnShare: number;
  calendarId: number;
  responsible: CommitmentResponsible;
  escalateAfterMinutes: readonly number[];
  /** When this version took effect: a clock starting at or after it (and before the next version) uses it. */
  createdAtMs: number;
}

/** A day of 24 hours: on a 24x7 calendar one working day is a whole day. */
export const MINUTES_PER_DAY = 1440;

/**
 * The target in business minutes: hours × 60, minutes as they are, working days × the calendar's
 * Monday working minutes (`workingDayMinutes`; a 24x7 calendar passes 1440).
 */
export function computeTargetMinutes(value: number, unit: CommitmentTargetUnit, workingDayMinutes: number): number {
  if (unit === 'minutes') return value;
  if (unit === 'hours') return value * 60;
  return value * workingDayMinutes;
}

const toMinute = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/**
 * How many business minutes one working day counts on a calendar: its Monday hours (1440 on 24x7).
 * Working-day targets are stored in minutes and follow the calendar: when its hours change, the
 * minutes of every version given in working days are recomputed with this (see updateCalendar).
 */
export function computeWorkingDayMinutes(definition: Pick<CalendarDefinition, 'kind' | 'weeklyHours'>): number {
  if (definition.kind === '24x7') return MINUTES_PER_DAY;
  return (definition.weeklyHours[1] ?? []).reduce((sum, i) => sum + toMinute(i.end) - toMinute(i.start), 0);
}
