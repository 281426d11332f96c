import { assertInstantMs } from './assert-instant-ms.ts';
import type { CompiledCalendar } from './compile-calendar.ts';

/**
 * `atMs` itself when it is working time, else the instant work next starts (e.g. 13:00 after
 * lunch, the next make-up Sunday). Throws like `addBusinessMinutes` when there is none within 10 years.
 */
export function nextWorkingTime(atMs: number, calendar: CompiledCalendar): number {
  assertInstantMs(atMs, 'atMs');
  return calendar.nextWorkingInstant(atMs);
}
