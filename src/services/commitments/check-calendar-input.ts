import type { CalendarsTable } from '../../db/schema.ts';
import { validateCalendarDefinition, type CalendarDefinition, type CalendarHoliday, type WorkingInterval } from '../../domain/calendar/index.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import type { CalendarView } from './views.ts';

/** The checks the calendar use cases share: a name, a definition (built-in ones keep what makes them built-in). */

export interface CalendarInput {
  name?: string;
  definition?: unknown;
  active?: boolean;
}

/** Only the known parts of a definition, so what is stored is exactly what was checked. */
export function toStoredDefinition(def: CalendarDefinition, name: string): CalendarDefinition {
  const interval = (i: WorkingInterval): WorkingInterval => ({ start: i.start, end: i.end });
  const day = <T extends CalendarHoliday>(d: T): T =>
    ({ date: d.date, ...(d.name?.trim() ? { name: d.name.trim() } : {}), ...(d.workingIntervals ? { workingIntervals: d.workingIntervals.map(interval) } : {}) }) as T;
  return {
    name,
    timeZone: def.timeZone,
    kind: def.kind,
    weeklyHours: def.kind === '24x7' ? [[], [], [], [], [], [], []] : def.weeklyHours.map((d) => d.map(interval)),
    holidays: def.holidays.map(day),
    extraWorkingDays: def.extraWorkingDays.map(day),
  };
}

/** Checks a definition for a calendar (built-in ones keep what makes them built-in); throws 400 naming the field. */
export function checkDefinition(raw: unknown, name: string, builtin: CalendarsTable['builtin']): CalendarDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('The definition must be an object.', 'definition');
  const candidate = { ...(raw as Record<string, unknown>), name };
  const [first] = validateCalendarDefinition(candidate);
  if (first) throw invalid(first.message, first.field === 'name' ? 'name' : first.field ? `definition.${first.field}` : 'definition');
  const def = candidate as unknown as CalendarDefinition;
  if (builtin === 'china_mainland') {
    if (def.timeZone !== 'Asia/Shanghai') throw invalid('The built-in China mainland calendar runs on Asia/Shanghai time.', 'definition.timeZone');
    if (def.kind !== 'business') throw invalid('The built-in China mainland calendar is a business calendar.', 'definition.kind');
    const same = (a: readonly WorkingInterval[], b: readonly WorkingInterval[]) => JSON.stringify(a.map((i) => [i.start, i.end])) === JSON.stringify(b.map((i) => [i.start, i.end]));
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const expected = weekday === 0 || weekday === 6 ? [] : def.weeklyHours[1]!;
      if (!same(def.weeklyHours[weekday]!, expected)) {
        throw invalid(
          'The built-in China mainland calendar has one set of hours for every working day (the official calendar says which days work): give Monday to Friday the same hours and the weekend none.',
          `definition.weeklyHours.${weekday}`,
        );
      }
    }
  }
  if (builtin === '24x7' && def.kind !== '24x7') throw invalid('The built-in around-the-clock calendar stays 24x7.', 'definition.kind');
  return toStoredDefinition(def, name);
}

export function checkName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '') throw invalid('Give the calendar a name.', 'name');
  if (name.length > 200) throw invalid('The name must be at most 200 characters.', 'name');
  return name;
}

export const nameTaken = (name: string) => conflict(`There is already a calendar named "${name}".`, 'name', 'name_taken');
export const auditable = (v: CalendarView) => ({ name: v.name, active: v.active, version: v.version, definition: v.definition });
