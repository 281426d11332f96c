import { assertInstantMs } from './assert-instant-ms.ts';
import type { CompiledCalendar } from './compile-calendar.ts';

const MINUTE_MS = 60_000;

/**
 * Working minutes from `aMs` to `bMs` (working ms / 60 000, so possibly fractional). Signed:
 * negative when bMs < aMs, so between(a, b) = −between(b, a) and between(a, c) = between(a, b) +
 * between(b, c) up to floating-point rounding; use `businessMillisecondsBetween` for exact sums.
 */
export function businessMinutesBetween(aMs: number, bMs: number, calendar: CompiledCalendar): number {
  return businessMillisecondsBetween(aMs, bMs, calendar) / MINUTE_MS;
}

/** Working ms from `aMs` to `bMs`, signed like `businessMinutesBetween`; exact for integer instants. */
export function businessMillisecondsBetween(aMs: number, bMs: number, calendar: CompiledCalendar): number {
  assertInstantMs(aMs, 'aMs');
  assertInstantMs(bMs, 'bMs');
  if (aMs === bMs) return 0;
  return calendar.businessMsAt(bMs) - calendar.businessMsAt(aMs);
}
