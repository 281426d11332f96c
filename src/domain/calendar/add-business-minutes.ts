import { assertInstantMs } from './assert-instant-ms.ts';
import type { CompiledCalendar } from './compile-calendar.ts';

const MINUTE_MS = 60_000;

/**
 * The instant (epoch ms) at which `minutes` of working time counted from `startMs` have passed —
 * the due time of a target. Minutes may be fractional; they are rounded to whole milliseconds.
 *
 * - The result is the earliest such instant: a target used up exactly at the start of a break
 *   (12:00) is due at 12:00, not when work resumes.
 * - `minutes = 0` returns `startMs` unchanged, even outside working time (use `nextWorkingTime` to
 *   show when a clock will start running). This keeps add(add(t, a), b) = add(t, a + b).
 * - Negative or non-finite minutes throw RangeError; so does a result more than 100 years away.
 *   A calendar with no working time for 10 years throws DomainError `calendar_without_working_time`.
 */
export function addBusinessMinutes(startMs: number, minutes: number, calendar: CompiledCalendar): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number ≥ 0, got ${String(minutes)}.`);
  }
  return addBusinessMilliseconds(startMs, Math.round(minutes * MINUTE_MS), calendar);
}

/** `addBusinessMinutes` with the amount in ms (rounded to whole ms), for callers that keep clocks in ms. */
export function addBusinessMilliseconds(startMs: number, amountMs: number, calendar: CompiledCalendar): number {
  assertInstantMs(startMs, 'startMs');
  if (!Number.isFinite(amountMs) || amountMs < 0) {
    throw new RangeError(`amountMs must be a finite number ≥ 0, got ${String(amountMs)}.`);
  }
  return calendar.instantAfterBusinessMs(startMs, Math.round(amountMs));
}
