/**
 * Business-calendar arithmetic (PRODUCT.md §2): working hours in an IANA time zone, holidays,
 * half days and make-up working days (调休). Pure: every instant is epoch ms passed in.
 * Compile a definition once, then add / measure business time on the compiled form.
 */
export { BUILTIN_CALENDARS, CALENDAR_KINDS } from './calendar-definition.ts';
export type {
  BuiltinCalendar,
  CalendarDefinition,
  CalendarDefinitionError,
  CalendarExtraWorkingDay,
  CalendarHoliday,
  CalendarKind,
  WorkingInterval,
} from './calendar-definition.ts';
export { validateCalendarDefinition } from './validate-calendar-definition.ts';
export { compileCalendar, type CompiledCalendar } from './compile-calendar.ts';
export { addBusinessMilliseconds, addBusinessMinutes } from './add-business-minutes.ts';
export { businessMillisecondsBetween, businessMinutesBetween } from './business-minutes-between.ts';
export { isWorkingTime } from './is-working-time.ts';
export { nextWorkingTime } from './next-working-time.ts';
export { build24x7Calendar } from './build-24x7-calendar.ts';
export {
  buildChinaMainlandCalendar,
  getChinaMainlandCoveredYears,
  type ChinaMainlandCalendarOptions,
} from './build-china-mainland-calendar.ts';
