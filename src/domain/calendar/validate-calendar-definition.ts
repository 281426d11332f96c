import type { CalendarDefinitionError } from './calendar-definition.ts';
import { parseClockTime } from './parse-clock-time.ts';
import { parseLocalDate } from './parse-local-date.ts';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MAX_NAME_LENGTH = 200;
const MAX_INTERVALS_PER_DAY = 24;
// Twenty-odd years of official holidays are ~800 dates; the cap only stops abuse of the jsonb column.
const MAX_DATED_DAYS = 10_000;

/**
 * Every problem with a calendar definition, in plain English, for an HTTP 400; empty when valid.
 * Takes `unknown` because it also guards jsonb read back from the database and request bodies.
 * Unknown extra properties are ignored.
 */
export function validateCalendarDefinition(def: unknown): CalendarDefinitionError[] {
  const errors: CalendarDefinitionError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (!isRecord(def)) {
    add('', 'A calendar definition must be an object.');
    return errors;
  }

  if (typeof def.name !== 'string' || def.name.trim() === '') add('name', 'Give the calendar a name.');
  else if (def.name.length > MAX_NAME_LENGTH) add('name', `The name must be at most ${MAX_NAME_LENGTH} characters.`);

  if (typeof def.timeZone !== 'string' || !isTimeZone(def.timeZone)) {
    add('timeZone', `${describe(def.timeZone)} is not an IANA time zone such as Asia/Shanghai or Europe/Berlin.`);
  }

  const kind = def.kind;
  if (kind !== 'business' && kind !== '24x7') add('kind', "The kind must be 'business' or '24x7'.");

  let mondayHasHours = false;
  let anyWeekdayHasHours = false;
  if (!Array.isArray(def.weeklyHours) || def.weeklyHours.length !== 7) {
    add('weeklyHours', 'weeklyHours must list 7 days, Sunday first (index 0) to Saturday (index 6).');
  } else {
    const errorsBefore = errors.length;
    def.weeklyHours.forEach((intervals: unknown, weekday) => {
      const count = validateIntervals(intervals, `weeklyHours.${weekday}`, `${WEEKDAY_NAMES[weekday]}`, add);
      if (count > 0) anyWeekdayHasHours = true;
      if (weekday === 1) mondayHasHours = count > 0;
    });
    // Only when the hours were readable: a typo in every interval is reported as the typo.
    if (kind === 'business' && !anyWeekdayHasHours && errors.length === errorsBefore) {
      add('weeklyHours', 'A business calendar needs working hours on at least one day of the week.');
    }
  }

  const seenDates = new Map<string, string>();
  const checkDatedDays = (listName: 'holidays' | 'extraWorkingDays') => {
    const list = def[listName];
    if (!Array.isArray(list)) {
      add(listName, `${listName} must be a list (it may be empty).`);
      return;
    }
    if (kind === '24x7' && list.length > 0) {
      add(listName, `A 24x7 calendar runs around the clock, so it has no ${listName === 'holidays' ? 'holidays' : 'extra working days'}.`);
      return;
    }
    if (list.length > MAX_DATED_DAYS) {
      add(listName, `At most ${MAX_DATED_DAYS} dates may be listed.`);
      return;
    }
    list.forEach((entry: unknown, index) => {
      const field = `${listName}.${index}`;
      if (!isRecord(entry)) {
        add(field, 'Each entry must be an object with a date.');
        return;
      }
      const date = entry.date;
      if (typeof date !== 'string' || parseLocalDate(date) === undefined) {
        add(`${field}.date`, `${describe(date)} is not a date written as YYYY-MM-DD (years 1900–2999).`);
      } else {
        const firstSeen = seenDates.get(date);
        if (firstSeen !== undefined) add(`${field}.date`, `${date} is listed twice (first at ${firstSeen}).`);
        else seenDates.set(date, field);
      }
      if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name.length > MAX_NAME_LENGTH)) {
        add(`${field}.name`, `The name must be text of at most ${MAX_NAME_LENGTH} characters.`);
      }
      const label = typeof date === 'string' ? date : `entry ${index}`;
      if (entry.workingIntervals !== undefined) {
        const count = validateIntervals(entry.workingIntervals, `${field}.workingIntervals`, label, add);
        if (listName === 'extraWorkingDays' && count === 0 && Array.isArray(entry.workingIntervals)) {
          add(`${field}.workingIntervals`, `The extra working day ${label} needs at least one working interval.`);
        }
      } else if (listName === 'extraWorkingDays' && !mondayHasHours && Array.isArray(def.weeklyHours)) {
        add(`${field}.workingIntervals`, `The extra working day ${label} needs its own hours because Monday has none to copy.`);
      }
    });
  };
  checkDatedDays('holidays');
  checkDatedDays('extraWorkingDays');
  return errors;
}

/** Checks one day's intervals; returns how many well-formed intervals it has. */
function validateIntervals(
  intervals: unknown,
  field: string,
  label: string,
  add: (field: string, message: string) => void,
): number {
  if (!Array.isArray(intervals)) {
    add(field, `The hours for ${label} must be a list of { start, end } intervals (empty for a day off).`);
    return 0;
  }
  if (intervals.length > MAX_INTERVALS_PER_DAY) {
    add(field, `${label} may have at most ${MAX_INTERVALS_PER_DAY} intervals.`);
    return 0;
  }
  const wellFormed: { startMinute: number; endMinute: number; index: number; text: string }[] = [];
  intervals.forEach((interval: unknown, index) => {
    const at = `${field}.${index}`;
    if (!isRecord(interval)) {
      add(at, 'Each interval must be an object { start: "HH:MM", end: "HH:MM" }.');
      return;
    }
    const startMinute = typeof interval.start === 'string' ? parseClockTime(interval.start) : undefined;
    const endMinute = typeof interval.end === 'string' ? parseClockTime(interval.end) : undefined;
    if (startMinute === undefined || startMinute === 1440) {
      add(`${at}.start`, `${describe(interval.start)} is not a start time written as HH:MM from 00:00 to 23:59.`);
    }
    if (endMinute === undefined) {
      add(`${at}.end`, `${describe(interval.end)} is not an end time written as HH:MM from 00:01 to 24:00.`);
    }
    if (startMinute === undefined || startMinute === 1440 || endMinute === undefined) return;
    if (endMinute <= startMinute) {
      add(`${at}.end`, `On ${label} the interval ends at ${String(interval.end)}, which is not after its start ${String(interval.start)}.`);
      return;
    }
    wellFormed.push({ startMinute, endMinute, index, text: `${String(interval.start)}–${String(interval.end)}` });
  });
  const sorted = [...wellFormed].sort((a, b) => a.startMinute - b.startMinute);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    // Touching intervals (12:00–13:00 after 08:00–12:00) are fine; only a real overlap is ambiguous.
    if (current.startMinute < previous.endMinute) {
      add(`${field}.${Math.max(previous.index, current.index)}`, `On ${label} the intervals ${previous.text} and ${current.text} overlap.`);
    }
  }
  return wellFormed.length;
}

function isTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? 'A missing value' : JSON.stringify(value) ?? String(value);
}
