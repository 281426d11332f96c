import type { CalendarDefinition } from './calendar-definition.ts';

/** A calendar that counts every instant; the time zone only matters for display. */
export function build24x7Calendar(timeZone: string, name = 'Around the clock (24x7)'): CalendarDefinition {
  const wholeDay = [{ start: '00:00', end: '24:00' }];
  return {
    name,
    timeZone,
    kind: '24x7',
    weeklyHours: [wholeDay, wholeDay, wholeDay, wholeDay, wholeDay, wholeDay, wholeDay],
    holidays: [],
    extraWorkingDays: [],
  };
}
