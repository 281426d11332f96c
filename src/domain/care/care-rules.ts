import { parseLocalDate } from '../calendar/parse-local-date.ts';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { VISIT_INTERVAL_UNITS, type VisitIntervalUnit } from './visit-schedule.ts';

/** Why a customer is on the special-care register (PRODUCT.md §5); several may apply. */
export const CARE_REASONS = ['elderly', 'disabled', 'living_alone', 'other'] as const;
export type CareReason = (typeof CARE_REASONS)[number];

export const CARE_TEXT_LIMITS = { note: 2000, closeReason: 1000, preferredNote: 500, findings: 4000, comment: 2000, subject: 200 } as const;

const LONGEST_INTERVAL = { weeks: 104, months: 24 } as const;

function text(value: unknown, field: string, max: number, required: boolean): string {
  if (value !== undefined && value !== null && typeof value !== 'string') throw new DomainValidationError(field, `"${field}" must be text`);
  const trimmed = (value ?? '').trim();
  if (required && !trimmed) throw new DomainValidationError(field, `Please fill in "${field}": it must not be empty`);
  if (trimmed.length > max) throw new DomainValidationError(field, `"${field}" must be at most ${max} characters (it has ${trimmed.length})`);
  return trimmed;
}

function date(value: unknown, field: string): string {
  if (typeof value !== 'string' || parseLocalDate(value) === undefined) throw new DomainValidationError(field, `"${field}" must be a date like 2026-03-31`);
  return value;
}

export interface CareEntryFields {
  reasons: CareReason[];
  note: string;
  since: string;
}

/** A register entry's reasons (one or more, no repeats; `other` needs a note), note and since-date. */
export function validateCareEntry(input: { reasons?: unknown; note?: unknown; since?: unknown }, todayDate: string): CareEntryFields {
  if (!Array.isArray(input.reasons) || input.reasons.length === 0) throw new DomainValidationError('reasons', 'Choose at least one reason: elderly, disabled, living alone or other');
  for (const [i, r] of input.reasons.entries()) {
    if (!(CARE_REASONS as readonly unknown[]).includes(r)) throw new DomainValidationError(`reasons.${i}`, `"${String(r)}" is not a reason; use ${CARE_REASONS.join(', ')}`);
  }
  const reasons = CARE_REASONS.filter((r) => (input.reasons as unknown[]).includes(r));
  if (reasons.length !== input.reasons.length) throw new DomainValidationError('reasons', 'Each reason may be given only once');
  const note = text(input.note, 'note', CARE_TEXT_LIMITS.note, false);
  if (reasons.includes('other') && !note) throw new DomainValidationError('note', 'Say in the note what the other reason is');
  // Absent, null or empty (the HTTP layer may turn null into '') means today.
  const since = input.since === undefined || input.since === null || input.since === '' ? todayDate : date(input.since, 'since');
  if (since > todayDate) throw new DomainValidationError('since', '"since" cannot be in the future');
  return { reasons, note, since };
}

export interface VisitPlanFields {
  unit: VisitIntervalUnit;
  every: number;
  startsOn: string;
  /** ISO weekday the customer prefers, 1 = Monday … 7 = Sunday. */
  preferredWeekday: number | null;
  /** A time window like 09:00–11:30, local time. */
  preferredFrom: string | null;
  preferredUntil: string | null;
  /** Free text: "after lunch, ring twice". */
  preferredNote: string;
  visitorStaffId: number | null;
  visitorDepartmentId: number | null;
  active: boolean;
}

export type VisitPlanInput = { [K in keyof VisitPlanFields]?: unknown };

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function clockTime(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !CLOCK_TIME.test(value)) throw new DomainValidationError(field, `"${field}" must be a time like 09:30`);
  return value;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A visit plan: the interval, the first date, preferred times and one visitor — a person or a department. */
export function validateVisitPlan(input: VisitPlanInput): VisitPlanFields {
  if (!(VISIT_INTERVAL_UNITS as readonly unknown[]).includes(input.unit)) throw new DomainValidationError('unit', '"unit" must be weeks or months');
  const unit = input.unit as VisitIntervalUnit;
  const every = input.every;
  if (typeof every !== 'number' || !Number.isInteger(every) || every < 1 || every > LONGEST_INTERVAL[unit]) {
    throw new DomainValidationError('every', `"every" must be a whole number from 1 to ${LONGEST_INTERVAL[unit]} ${unit}`);
  }
  const startsOn = date(input.startsOn, 'startsOn');
  let preferredWeekday: number | null = null;
  if (input.preferredWeekday !== undefined && input.preferredWeekday !== null) {
    const w = input.preferredWeekday;
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 7) throw new DomainValidationError('preferredWeekday', '"preferredWeekday" must be 1 (Monday) to 7 (Sunday)');
    preferredWeekday = w;
  }
  const preferredFrom = clockTime(input.preferredFrom, 'preferredFrom');
  const preferredUntil = clockTime(input.preferredUntil, 'preferredUntil');
  if (preferredFrom && preferredUntil && preferredUntil <= preferredFrom) throw new DomainValidationError('preferredUntil', 'The time window must end after it starts');
  const preferredNote = text(input.preferredNote, 'preferredNote', CARE_TEXT_LIMITS.preferredNote, false);
  const staffId = input.visitorStaffId ?? null;
  const departmentId = input.visitorDepartmentId ?? null;
  if (staffId !== null && !isId(staffId)) throw new DomainValidationError('visitorStaffId', '"visitorStaffId" must be a staff id');
  if (departmentId !== null && !isId(departmentId)) throw new DomainValidationError('visitorDepartmentId', '"visitorDepartmentId" must be a department id');
  if ((staffId === null) === (departmentId === null)) throw new DomainValidationError('visitorStaffId', 'Name who visits: a staff member or a department (one of them)');
  const active = input.active === undefined ? true : input.active;
  if (typeof active !== 'boolean') throw new DomainValidationError('active', '"active" must be true or false');
  return { unit, every, startsOn, preferredWeekday, preferredFrom, preferredUntil, preferredNote, visitorStaffId: staffId, visitorDepartmentId: departmentId, active };
}

export interface VisitRecordFields {
  visitedAtMs: number;
  findings: string;
  customerConfirmed: boolean;
  customerComment: string;
  followUp: { subject: string; description: string } | null;
}

export interface VisitRecordInput {
  visitedAt?: unknown;
  findings?: unknown;
  customerConfirmed?: unknown;
  customerComment?: unknown;
  followUpNeeded?: unknown;
  followUpSubject?: unknown;
  followUpDescription?: unknown;
}

/** Allowance for a visitor's device clock running a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What the visitor found and the customer's confirmation on the spot (PRODUCT.md §6); a follow-up becomes a new request. */
export function validateVisitRecord(input: VisitRecordInput, nowMs: number): VisitRecordFields {
  let visitedAtMs = nowMs;
  if (input.visitedAt !== undefined && input.visitedAt !== null && input.visitedAt !== '') {
    visitedAtMs = typeof input.visitedAt === 'string' ? Date.parse(input.visitedAt) : NaN;
    if (!Number.isFinite(visitedAtMs)) throw new DomainValidationError('visitedAt', '"visitedAt" must be a date and time');
    if (visitedAtMs > nowMs + CLOCK_SKEW_MS) throw new DomainValidationError('visitedAt', 'The visit cannot be in the future');
  }
  const findings = text(input.findings, 'findings', CARE_TEXT_LIMITS.findings, true);
  if (typeof input.customerConfirmed !== 'boolean') throw new DomainValidationError('customerConfirmed', 'Say whether the customer confirmed the visit (yes or no)');
  const customerComment = text(input.customerComment, 'customerComment', CARE_TEXT_LIMITS.comment, false);
  if (input.followUpNeeded !== undefined && typeof input.followUpNeeded !== 'boolean') throw new DomainValidationError('followUpNeeded', '"followUpNeeded" must be true or false');
  const followUp = input.followUpNeeded === true
    ? { subject: text(input.followUpSubject, 'followUpSubject', CARE_TEXT_LIMITS.subject, true), description: text(input.followUpDescription, 'followUpDescription', 10_000, false) }
    : null;
  return { visitedAtMs, findings, customerConfirmed: input.customerConfirmed, customerComment, followUp };
}
