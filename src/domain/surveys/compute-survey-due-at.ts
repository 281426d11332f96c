import { addBusinessMinutes, type CalendarDefinition, type CompiledCalendar } from '../calendar/index.ts';
import { parseClockTime } from '../calendar/parse-clock-time.ts';

const DAY_MINUTES = 24 * 60;

/**
 * Minutes in one working day of a calendar: the hours of its Monday (or, for a calendar that does
 * not work Mondays, its longest day); 24 h around the clock.
 */
export function getWorkingDayMinutes(definition: CalendarDefinition): number {
  if (definition.kind === '24x7') return DAY_MINUTES;
  const minutesOf = (day: CalendarDefinition['weeklyHours'][number] | undefined) =>
    (day ?? []).reduce((sum, interval) => sum + (parseClockTime(interval.end) ?? 0) - (parseClockTime(interval.start) ?? 0), 0);
  const monday = minutesOf(definition.weeklyHours[1]);
  if (monday > 0) return monday;
  const longest = Math.max(0, ...definition.weeklyHours.map(minutesOf));
  return longest > 0 ? longest : DAY_MINUTES;
}

/**
 * When a callback survey is due: one working day of the calendar after the resolution (PRODUCT.md
 * §3), so a Friday-afternoon result is due Monday afternoon and holidays do not count.
 */
export function computeSurveyDueAt(resolvedAtMs: number, definition: CalendarDefinition, calendar: CompiledCalendar): number {
  return addBusinessMinutes(resolvedAtMs, getWorkingDayMinutes(definition), calendar);
}
