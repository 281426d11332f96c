// The package's JSON (documented in its README) rather than its functions: getDayDetail and
// friends parse dates in UTC but read them in the process time zone, so on a server west of UTC
// every date shifts by a day (2025-01-26 comes back as 2025-01-25).
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type {
  CalendarDefinition,
  CalendarExtraWorkingDay,
  CalendarHoliday,
  WorkingInterval,
} from './calendar-definition.ts';

export interface ChinaMainlandCalendarOptions {
  readonly name?: string;
  /** Hours on Monday–Friday and on make-up working days; default 09:00–12:00 and 13:00–18:00. */
  readonly workingIntervals?: readonly WorkingInterval[];
  /** Limit the official data to these years (inclusive); default every year `chinese-days` covers. */
  readonly fromYear?: number;
  readonly toYear?: number;
  /** Local days off or half days; an entry replaces the official one for the same date. */
  readonly holidays?: readonly CalendarHoliday[];
  /** Local extra working days; an entry replaces the official one for the same date. */
  readonly extraWorkingDays?: readonly CalendarExtraWorkingDay[];
}

/** Official data: date → "English name,中文名,days". */
interface OfficialDays {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}
const official: OfficialDays = chineseDaysData;

const DEFAULT_INTERVALS: readonly WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

/**
 * A mainland-China calendar (Asia/Shanghai, Monday–Friday) with the State Council's public
 * holidays and make-up working days (调休) from `chinese-days`, plus local additions. Dates after
 * the covered years fall back to plain weekends: extend the package or add them in options.
 */
export function buildChinaMainlandCalendar(options: ChinaMainlandCalendarOptions = {}): CalendarDefinition {
  const covered = getChinaMainlandCoveredYears();
  const fromYear = options.fromYear ?? covered.fromYear;
  const toYear = options.toYear ?? covered.toYear;
  const inYears = (date: string) => {
    const year = Number(date.slice(0, 4));
    return year >= fromYear && year <= toYear;
  };
  const localDates = new Set([...(options.holidays ?? []), ...(options.extraWorkingDays ?? [])].map((day) => day.date));
  const keep = (date: string) => inYears(date) && !localDates.has(date);

  const holidays: CalendarHoliday[] = Object.entries(official.holidays)
    .filter(([date]) => keep(date))
    .map(([date, label]) => ({ date, name: describeOfficialDay(label, false) }));
  const extraWorkingDays: CalendarExtraWorkingDay[] = Object.entries(official.workdays)
    .filter(([date]) => keep(date))
    .map(([date, label]) => ({ date, name: describeOfficialDay(label, true) }));
  holidays.push(...(options.holidays ?? []));
  extraWorkingDays.push(...(options.extraWorkingDays ?? []));

  const weekdayHours = options.workingIntervals ?? DEFAULT_INTERVALS;
  return {
    name: options.name ?? '中国大陆 China mainland',
    timeZone: 'Asia/Shanghai',
    kind: 'business',
    weeklyHours: [[], weekdayHours, weekdayHours, weekdayHours, weekdayHours, weekdayHours, []],
    holidays: holidays.sort(byDate),
    extraWorkingDays: extraWorkingDays.sort(byDate),
  };
}

/** The years for which `chinese-days` carries the official schedule (each has at least New Year's Day). */
export function getChinaMainlandCoveredYears(): { fromYear: number; toYear: number } {
  const years = Object.keys(official.holidays).map((date) => Number(date.slice(0, 4)));
  return { fromYear: Math.min(...years), toYear: Math.max(...years) };
}

/** "Spring Festival,春节,4" → "春节 Spring Festival" (or "春节 补班 Spring Festival make-up working day"). */
function describeOfficialDay(label: string, makeUp: boolean): string {
  const [english = label, chinese = ''] = label.split(',');
  return makeUp ? `${chinese} 补班 ${english} make-up working day`.trim() : `${chinese} ${english}`.trim();
}

function byDate(a: { date: string }, b: { date: string }): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
