import { Type, type Static } from 'typebox';
import { BUILTIN_CALENDARS, CALENDAR_KINDS } from '../domain/calendar/calendar-definition.ts';
import { Body, IsoDateTime, literals } from './common.ts';

/**
 * A calendar definition as a request sends it. Its parts are checked by validateCalendarDefinition
 * (domain/calendar), which names the exact field at fault in plain words, so the schema only documents them.
 */
export const CalendarDefinitionInput = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    timeZone: Type.Unknown({ description: 'IANA time zone, e.g. Asia/Shanghai' }),
    kind: Type.Unknown({ description: "'business' or '24x7'" }),
    weeklyHours: Type.Unknown({ description: '7 lists of {start, end} ("HH:MM", end may be 24:00), Sunday first' }),
    holidays: Type.Unknown({ description: 'Dated days off: {date: "YYYY-MM-DD", name?, workingIntervals? (a half day)}' }),
    extraWorkingDays: Type.Unknown({ description: 'Dated extra working days (调休): {date, name?, workingIntervals? (default Monday hours)}' }),
  },
  { description: 'For the built-in China mainland calendar: its hours and local additions; the official holidays and make-up days come with it.' },
);
export type CalendarDefinitionInput = Static<typeof CalendarDefinitionInput>;

export const CreateCalendarBody = Body({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  definition: CalendarDefinitionInput,
  active: Type.Optional(Type.Boolean()),
});
export type CreateCalendarBody = Static<typeof CreateCalendarBody>;

export const UpdateCalendarBody = Body({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  definition: Type.Optional(CalendarDefinitionInput),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateCalendarBody = Static<typeof UpdateCalendarBody>;

export const CalendarQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999, description: 'Add the holidays and make-up working days in force that year' })),
});
export type CalendarQuery = Static<typeof CalendarQuery>;

/** Local wall-clock time, start inclusive, end exclusive ("HH:MM"; end may be 24:00). */
export const WorkingIntervalView = Type.Object({ start: Type.String(), end: Type.String() });
export type WorkingIntervalView = Static<typeof WorkingIntervalView>;

/** A holiday or an extra working day (调休); `workingIntervals` makes it a half day or sets its hours. */
export const DatedDayView = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD' }),
  name: Type.Optional(Type.String()),
  workingIntervals: Type.Optional(Type.Array(WorkingIntervalView)),
});
export type DatedDayView = Static<typeof DatedDayView>;

export const CalendarDefinitionView = Type.Object({
  name: Type.String(),
  timeZone: Type.String(),
  kind: literals(CALENDAR_KINDS),
  weeklyHours: Type.Array(Type.Array(WorkingIntervalView), { description: '7 entries, Sunday first' }),
  holidays: Type.Array(DatedDayView),
  extraWorkingDays: Type.Array(DatedDayView),
});
export type CalendarDefinitionView = Static<typeof CalendarDefinitionView>;

export const CalendarView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  builtin: Type.Union([literals(BUILTIN_CALENDARS), Type.Null()]),
  definition: Type.Object(CalendarDefinitionView.properties, { description: 'As stored: for the built-in China mainland calendar, its hours and local additions only' }),
  version: Type.Integer(),
  active: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CalendarView = Static<typeof CalendarView>;

export const CalendarList = Type.Object({ items: Type.Array(CalendarView) });
export type CalendarList = Static<typeof CalendarList>;

/** A calendar with the holidays and make-up working days in force in one year, official ones included (with ?year=). */
export const CalendarYearView = Type.Object({
  ...CalendarView.properties,
  year: Type.Optional(Type.Integer()),
  effective: Type.Optional(Type.Object({ holidays: Type.Array(DatedDayView), extraWorkingDays: Type.Array(DatedDayView) })),
});
export type CalendarYearView = Static<typeof CalendarYearView>;
