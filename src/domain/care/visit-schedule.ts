import { formatLocalDate, parseLocalDate } from '../calendar/parse-local-date.ts';

/** How often a special-care customer is visited: every N weeks or every N calendar months. */
export const VISIT_INTERVAL_UNITS = ['weeks', 'months'] as const;
export type VisitIntervalUnit = (typeof VISIT_INTERVAL_UNITS)[number];

export interface VisitSchedule {
  unit: VisitIntervalUnit;
  /** N in "every N weeks / months", ≥ 1. */
  every: number;
  /** The first visit, `'YYYY-MM-DD'`; later visits are counted from it, never from the previous one. */
  startsOn: string;
}

const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * The k-th planned visit (k = 0 is `startsOn`). Months are counted from the start date and clamped
 * to the month's end, so every month from Jan 31 gives Feb 28/29, then Mar 31 (not Mar 28): the day
 * never drifts.
 */
export function computeVisitDate(schedule: VisitSchedule, k: number): string {
  const start = parseLocalDate(schedule.startsOn);
  if (start === undefined) throw new Error(`computeVisitDate: startsOn "${schedule.startsOn}" is not a date`);
  if (schedule.unit === 'weeks') return formatLocalDate(start + k * 7 * schedule.every);
  const [y, m, d] = schedule.startsOn.split('-').map(Number) as [number, number, number];
  const months = m - 1 + k * schedule.every;
  const year = y + Math.floor(months / 12);
  const month0 = ((months % 12) + 12) % 12;
  const day = Math.min(d, daysInMonth(year, month0));
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Every planned visit date from `from` to `to` (both `'YYYY-MM-DD'`, inclusive), in order. The
 * dates depend only on the schedule, not on the range, so generating again over an overlapping range
 * yields the same dates — what makes (plan, planned date) a key.
 */
export function listVisitDates(schedule: VisitSchedule, from: string, to: string): string[] {
  if (!Number.isInteger(schedule.every) || schedule.every < 1) throw new Error('listVisitDates: every must be a whole number ≥ 1');
  const fromDay = parseLocalDate(from);
  const toDay = parseLocalDate(to);
  if (fromDay === undefined || toDay === undefined) throw new Error('listVisitDates: from and to must be YYYY-MM-DD dates');
  const dates: string[] = [];
  if (toDay < fromDay) return dates;
  // Skip straight to the first occurrence near `from` instead of walking from the start date.
  const start = parseLocalDate(schedule.startsOn)!;
  // A step is at most 31 × every days, so occurrence k0 still falls before `from`.
  const longestStepDays = schedule.unit === 'weeks' ? 7 * schedule.every : 31 * schedule.every;
  let k = Math.max(0, Math.floor((fromDay - start) / longestStepDays) - 1);
  for (;; k += 1) {
    const date = computeVisitDate(schedule, k);
    if (date > to) return dates;
    if (date >= from) dates.push(date);
  }
}

/** The first planned visit on or after `onOrAfter`, e.g. the next visit from today. */
export function nextVisitDate(schedule: VisitSchedule, onOrAfter: string): string {
  const day = parseLocalDate(onOrAfter);
  if (day === undefined) throw new Error('nextVisitDate: onOrAfter must be a YYYY-MM-DD date');
  // One interval is at most 31 × every days (months) or 7 × every (weeks).
  const window = formatLocalDate(day + 31 * schedule.every + 1);
  return listVisitDates(schedule, onOrAfter, window)[0]!;
}
