import type { Db } from '../../db/connect.ts';
import type { CalendarsTable } from '../../db/schema.ts';
import {
  build24x7Calendar,
  buildChinaMainlandCalendar,
  compileCalendar,
  type CalendarDefinition,
  type CompiledCalendar,
} from '../../domain/calendar/index.ts';
import { notFound } from '../../domain/shared/domain-error.ts';

export interface LoadedCalendar {
  id: number;
  version: number;
  name: string;
  definition: CalendarDefinition;
  calendar: CompiledCalendar;
}

type CalendarRow = { id: number; version: number; name: string; builtin: CalendarsTable['builtin']; definition: CalendarDefinition };

/**
 * The definition the arithmetic runs on. For the built-in China mainland calendar the stored
 * definition holds the weekday hours and local additions; the official holidays and make-up days
 * (调休) come from `chinese-days` and are merged in here, so a package update reaches every clock.
 */
export function toEffectiveDefinition(row: Pick<CalendarRow, 'name' | 'builtin' | 'definition'>): CalendarDefinition {
  const stored = row.definition;
  if (row.builtin === 'china_mainland') {
    return buildChinaMainlandCalendar({
      name: row.name,
      workingIntervals: stored.weeklyHours[1] ?? undefined,
      holidays: stored.holidays,
      extraWorkingDays: stored.extraWorkingDays,
    });
  }
  if (row.builtin === '24x7' || stored.kind === '24x7') return build24x7Calendar(stored.timeZone, row.name);
  return { ...stored, name: row.name };
}

/**
 * Compiled calendars by content (compiling the China calendar takes ~25 ms): keyed by what is
 * stored, not by id and version, which another database on the same process may reuse.
 */
const compiled = new Map<string, { definition: CalendarDefinition; calendar: CompiledCalendar }>();

function compileOnce(row: CalendarRow): LoadedCalendar {
  const key = `${row.builtin}|${row.name}|${JSON.stringify(row.definition)}`;
  let entry = compiled.get(key);
  if (!entry) {
    const definition = toEffectiveDefinition(row);
    entry = { definition, calendar: compileCalendar(definition) };
    compiled.set(key, entry);
  }
  return { id: row.id, version: row.version, name: row.name, ...entry };
}

/** The current version of each calendar asked for, compiled; a missing id is a 404. */
export async function loadCalendars(db: Db, ids: readonly number[]): Promise<Map<number, LoadedCalendar>> {
  const unique = [...new Set(ids)];
  const result = new Map<number, LoadedCalendar>();
  if (unique.length === 0) return result;
  const rows = await db.selectFrom('calendars').select(['id', 'version', 'name', 'builtin', 'definition']).where('id', 'in', unique).execute();
  for (const row of rows) result.set(row.id, compileOnce(row));
  for (const id of unique) if (!result.has(id)) throw notFound(`No calendar with id ${id}`);
  return result;
}

export async function loadCalendar(db: Db, id: number): Promise<LoadedCalendar> {
  return (await loadCalendars(db, [id])).get(id)!;
}
