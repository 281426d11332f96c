import { assertInstantMs } from './assert-instant-ms.ts';
import type { CompiledCalendar } from './compile-calendar.ts';

/** Whether `atMs` is working time: interval starts count as working, ends (12:00 lunch) do not. Always true for 24x7. */
export function isWorkingTime(atMs: number, calendar: CompiledCalendar): boolean {
  assertInstantMs(atMs, 'atMs');
  return calendar.isWorkingInstant(atMs);
}
