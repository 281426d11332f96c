/**
 * A business calendar as plain JSON-able data (stored as jsonb). Check it with
 * `validateCalendarDefinition`, then `compileCalendar` it once and do all arithmetic on the result.
 */

/** Around the clock, or working hours with holidays and make-up working days (调休). */
export const CALENDAR_KINDS = ['business', '24x7'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** The calendars Centric ships: the official China mainland calendar and one around the clock. */
export const BUILTIN_CALENDARS = ['china_mainland', '24x7'] as const;
export type BuiltinCalendar = (typeof BUILTIN_CALENDARS)[number];

/**
 * One stretch of working time in local wall-clock time, `'HH:MM'`, start inclusive, end exclusive.
 * `end` may be `'24:00'` (midnight at the end of the day); intervals never cross midnight.
 */
export interface WorkingInterval {
  readonly start: string;
  readonly end: string;
}

/** A dated day off: a full day when `workingIntervals` is absent or empty, else the hours that remain (a half day). */
export interface CalendarHoliday {
  /** Local date, `'YYYY-MM-DD'`. */
  readonly date: string;
  readonly name?: string;
  readonly workingIntervals?: readonly WorkingInterval[];
}

/** A dated extra working day, e.g. a weekend declared a working day (补班); hours default to the calendar's Monday. */
export interface CalendarExtraWorkingDay {
  /** Local date, `'YYYY-MM-DD'`. */
  readonly date: string;
  readonly name?: string;
  readonly workingIntervals?: readonly WorkingInterval[];
}

export interface CalendarDefinition {
  readonly name: string;
  /** IANA time zone, e.g. `'Asia/Shanghai'`; working hours are wall-clock times in it. */
  readonly timeZone: string;
  /** `'24x7'` counts every instant: weeklyHours are not used and there are no holidays or extra days. */
  readonly kind: CalendarKind;
  /** Exactly 7 entries indexed by weekday, 0 = Sunday … 6 = Saturday; several intervals a day for lunch breaks. */
  readonly weeklyHours: readonly (readonly WorkingInterval[])[];
  readonly holidays: readonly CalendarHoliday[];
  readonly extraWorkingDays: readonly CalendarExtraWorkingDay[];
}

/** A problem with a definition, in plain English; `field` is a dotted path such as `weeklyHours.1.0.end`. */
export interface CalendarDefinitionError {
  readonly field: string;
  readonly message: string;
}
