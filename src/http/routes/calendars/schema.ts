import { Type } from 'typebox';
import { Body } from '../common.ts';

/**
 * A calendar definition. Its parts are checked by validateCalendarDefinition (domain/calendar),
 * which names the exact field at fault in plain words, so the schema only documents them.
 */
export const CalendarDefinitionSchema = Type.Object(
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

export const CreateCalendarBody = Body({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  definition: CalendarDefinitionSchema,
  active: Type.Optional(Type.Boolean()),
});

export const UpdateCalendarBody = Body({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  definition: Type.Optional(CalendarDefinitionSchema),
  active: Type.Optional(Type.Boolean()),
});

export const CalendarQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999, description: 'Add the holidays and make-up working days in force that year' })),
});
