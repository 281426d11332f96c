import { DomainError, invalid } from '../shared/domain-error.ts';
import type { CalendarDefinition, CalendarKind, WorkingInterval } from './calendar-definition.ts';
import { createZoneResolver, type ZoneResolver } from './create-zone-resolver.ts';
import { parseClockTime } from './parse-clock-time.ts';
import { formatLocalDate, getWeekday, parseLocalDate } from './parse-local-date.ts';
import { validateCalendarDefinition } from './validate-calendar-definition.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A search that finds no working time for this many consecutive days gives up (~10 years). */
const NO_WORKING_TIME_LIMIT_DAYS = 3_660;
/** No answer lies further than this from its starting point (~100 years). */
const SEARCH_LIMIT_DAYS = 36_525;
/** Days checked one by one before galloping: a 5-working-day target spans ~7–12 calendar days. */
const LINEAR_WALK_DAYS = 16;
/** How many days to add when a request lands before the cached span, so walking backwards stays linear. */
const PREPEND_CHUNK_DAYS = 64;

/** One local calendar day, resolved to UTC once and then reused. */
interface CalendarDay {
  /** The instant of local midnight that starts the day (inclusive). */
  readonly startMs: number;
  /** The instant of the next local midnight (exclusive); startMs === endMs for a day a zone skipped. */
  readonly endMs: number;
  /** Working ranges as UTC ms, flat `[start, end, start, end, …]`, sorted, disjoint, half-open. */
  readonly rangesMs: number[];
  readonly workingMs: number;
  /** Working ms from the first cached day's start to this day's start; values never change once set. */
  readonly workingMsBefore: number;
}

/**
 * A calendar prepared for fast arithmetic. Treat it as opaque: use `addBusinessMinutes`,
 * `businessMinutesBetween`, `isWorkingTime` and `nextWorkingTime`. Compile once per definition and
 * share it: the only state is a lazily filled cache of resolved days, which is a pure function of
 * the definition, so sharing is safe.
 *
 * Internally every instant t maps to a business-time coordinate B(t) (working ms since an anchor,
 * non-decreasing). Between is B(b) − B(a); add is the earliest instant whose coordinate reaches
 * B(start) + amount. That is why the arithmetic is exactly additive.
 */
class CompiledCalendar {
  readonly name: string;
  readonly timeZone: string;
  readonly kind: CalendarKind;
  private readonly zone: ZoneResolver;
  /** Working minutes per weekday, flat `[startMinute, endMinute, …]`, sorted and merged. */
  private readonly weeklyMinutes: number[][];
  /** Holidays and extra working days by day number, in the same form. */
  private readonly datedMinutes: Map<number, number[]>;
  private days: CalendarDay[] = [];
  private firstDayNumber = 0;
  private approxOffsetMs = 0;

  constructor(def: CalendarDefinition) {
    this.name = def.name;
    this.timeZone = def.timeZone;
    this.kind = def.kind;
    this.zone = createZoneResolver(def.timeZone);
    this.weeklyMinutes = def.weeklyHours.map(toMinuteRanges);
    this.datedMinutes = new Map();
    if (def.kind === '24x7') return;
    for (const holiday of def.holidays) {
      this.datedMinutes.set(parseLocalDate(holiday.date)!, toMinuteRanges(holiday.workingIntervals ?? []));
    }
    const mondayMinutes = this.weeklyMinutes[1] ?? [];
    for (const extraDay of def.extraWorkingDays) {
      const minutes = extraDay.workingIntervals ? toMinuteRanges(extraDay.workingIntervals) : mondayMinutes;
      this.datedMinutes.set(parseLocalDate(extraDay.date)!, minutes);
    }
  }

  /** @internal Working ms before `atMs`, counted from this calendar's private anchor. */
  businessMsAt(atMs: number): number {
    if (this.kind === '24x7') return atMs;
    return this.businessMsWithin(this.day(this.dayNumberOf(atMs)), atMs);
  }

  /** @internal The earliest instant ≥ startMs after which `amountMs` (≥ 0) of working time has passed. */
  instantAfterBusinessMs(startMs: number, amountMs: number): number {
    if (amountMs === 0) return startMs;
    if (this.kind === '24x7') return startMs + amountMs;
    const startDayNumber = this.dayNumberOf(startMs);
    const startBusinessMs = this.businessMsWithin(this.day(startDayNumber), startMs);
    const targetMs = startBusinessMs + amountMs;
    const day = this.day(this.findDayReaching(startDayNumber, targetMs, false, startBusinessMs));
    let remainingMs = targetMs - day.workingMsBefore;
    const ranges = day.rangesMs;
    for (let i = 0; i < ranges.length; i += 2) {
      const rangeStartMs = ranges[i]!;
      const lengthMs = ranges[i + 1]! - rangeStartMs;
      // `<=`: a target used up exactly at 12:00 is due at 12:00, not after lunch.
      if (remainingMs <= lengthMs) return rangeStartMs + remainingMs;
      remainingMs -= lengthMs;
    }
    return day.endMs; // unreachable: findDayReaching chose a day whose working time covers the target
  }

  /** @internal `atMs` itself when it is working time, else the start of the next working range. */
  nextWorkingInstant(atMs: number): number {
    if (this.kind === '24x7') return atMs;
    const dayNumber = this.dayNumberOf(atMs);
    const businessMs = this.businessMsWithin(this.day(dayNumber), atMs);
    const ranges = this.day(this.findDayReaching(dayNumber, businessMs, true, businessMs)).rangesMs;
    for (let i = 0; i < ranges.length; i += 2) {
      if (ranges[i + 1]! > atMs) return Math.max(ranges[i]!, atMs);
    }
    throw new Error('nextWorkingInstant: inconsistent day cache'); // unreachable by construction
  }

  /** @internal Whether `atMs` falls inside a working range (start inclusive, end exclusive). */
  isWorkingInstant(atMs: number): boolean {
    if (this.kind === '24x7') return true;
    const ranges = this.day(this.dayNumberOf(atMs)).rangesMs;
    for (let i = 0; i < ranges.length; i += 2) {
      if (atMs < ranges[i]!) return false;
      if (atMs < ranges[i + 1]!) return true;
    }
    return false;
  }

  private businessMsWithin(day: CalendarDay, atMs: number): number {
    let businessMs = day.workingMsBefore;
    const ranges = day.rangesMs;
    for (let i = 0; i < ranges.length; i += 2) {
      const rangeStartMs = ranges[i]!;
      if (atMs <= rangeStartMs) break;
      const rangeEndMs = ranges[i + 1]!;
      businessMs += (atMs < rangeEndMs ? atMs : rangeEndMs) - rangeStartMs;
    }
    return businessMs;
  }

  /**
   * The first day from `fromDayNumber` on whose end coordinate reaches `targetMs` (passes it when
   * `strictly`). A short linear walk serves the usual targets of hours to days; beyond it,
   * galloping then bisection keeps long targets O(log days). One probe lands exactly 10 years
   * out, where finding no working time after `fromBusinessMs` is an error.
   */
  private findDayReaching(fromDayNumber: number, targetMs: number, strictly: boolean, fromBusinessMs: number): number {
    const walkEnd = fromDayNumber + LINEAR_WALK_DAYS;
    for (let dayNumber = fromDayNumber; dayNumber < walkEnd; dayNumber += 1) {
      const day = this.day(dayNumber);
      const endMs = day.workingMsBefore + day.workingMs;
      if (strictly ? endMs > targetMs : endMs >= targetMs) return dayNumber;
    }
    let low = walkEnd - 1;
    let step = LINEAR_WALK_DAYS * 2;
    let high: number;
    for (;;) {
      high = fromDayNumber + step;
      const highDay = this.day(high);
      const highEndMs = highDay.workingMsBefore + highDay.workingMs;
      if (strictly ? highEndMs > targetMs : highEndMs >= targetMs) break;
      if (step >= NO_WORKING_TIME_LIMIT_DAYS && highEndMs === fromBusinessMs) {
        throw new DomainError(
          'invalid',
          `Calendar "${this.name}" has no working time in the 10 years after ${formatLocalDate(fromDayNumber)}; give it working hours or fewer holidays.`,
          undefined,
          'calendar_without_working_time',
        );
      }
      if (step >= SEARCH_LIMIT_DAYS) {
        throw new RangeError(`On calendar "${this.name}" the result would lie more than 100 years after ${formatLocalDate(fromDayNumber)}.`);
      }
      low = high;
      step = step < NO_WORKING_TIME_LIMIT_DAYS && step * 2 > NO_WORKING_TIME_LIMIT_DAYS ? NO_WORKING_TIME_LIMIT_DAYS : Math.min(step * 2, SEARCH_LIMIT_DAYS);
    }
    while (high - low > 1) {
      const middle = low + Math.floor((high - low) / 2);
      const day = this.day(middle);
      const endMs = day.workingMsBefore + day.workingMs;
      if (strictly ? endMs > targetMs : endMs >= targetMs) high = middle;
      else low = middle;
    }
    return high;
  }

  /** The local day containing `atMs`, found from an offset guess and corrected against cached day bounds. */
  private dayNumberOf(atMs: number): number {
    let dayNumber = Math.floor((atMs + this.approxOffsetMs) / DAY_MS);
    for (;;) {
      const day = this.day(dayNumber);
      if (atMs < day.startMs) dayNumber -= 1;
      else if (atMs >= day.endMs) dayNumber += 1;
      else return dayNumber;
    }
  }

  private day(dayNumber: number): CalendarDay {
    const index = dayNumber - this.firstDayNumber;
    if (index >= 0 && index < this.days.length) return this.days[index]!;
    return this.extendTo(dayNumber);
  }

  /** Grows the contiguous cache to include `dayNumber`; coordinates of cached days never move. */
  private extendTo(dayNumber: number): CalendarDay {
    if (this.days.length === 0) {
      this.approxOffsetMs = this.zone.offsetMsAt(dayNumber * DAY_MS);
      this.firstDayNumber = dayNumber;
      this.days.push(this.resolveDay(dayNumber, undefined, undefined, 0, true));
      return this.days[0]!;
    }
    const lastDayNumber = this.firstDayNumber + this.days.length - 1;
    const distance = dayNumber < this.firstDayNumber ? this.firstDayNumber - dayNumber : dayNumber - lastDayNumber;
    if (distance > 4 * SEARCH_LIMIT_DAYS) {
      throw new RangeError(`Calendar "${this.name}" was asked about ${formatLocalDate(dayNumber)}, over 400 years from the dates it has seen.`);
    }
    if (dayNumber < this.firstDayNumber) {
      const count = Math.max(this.firstDayNumber - dayNumber, PREPEND_CHUNK_DAYS);
      const prepended: CalendarDay[] = new Array<CalendarDay>(count);
      let next = this.days[0]!;
      for (let i = count - 1; i >= 0; i -= 1) {
        next = this.resolveDay(this.firstDayNumber - count + i, undefined, next.startMs, next.workingMsBefore, false);
        prepended[i] = next;
      }
      this.days = prepended.concat(this.days);
      this.firstDayNumber -= count;
    } else {
      let previous = this.days[this.days.length - 1]!;
      for (let n = lastDayNumber + 1; n <= dayNumber; n += 1) {
        previous = this.resolveDay(n, previous.endMs, undefined, previous.workingMsBefore + previous.workingMs, true);
        this.days.push(previous);
      }
    }
    return this.days[dayNumber - this.firstDayNumber]!;
  }

  /**
   * Resolves one local day to UTC. Offsets are read at instants just outside the day: when they
   * agree the day has no transition and costs two Intl calls; otherwise each boundary is resolved.
   * A known neighbour boundary is reused so consecutive days always tile the timeline.
   */
  private resolveDay(
    dayNumber: number,
    knownStartMs: number | undefined,
    knownEndMs: number | undefined,
    anchorWorkingMs: number,
    anchorIsBefore: boolean,
  ): CalendarDay {
    const offsetBeforeMs = this.zone.offsetMsAt((dayNumber - 1) * DAY_MS);
    const offsetAfterMs = this.zone.offsetMsAt((dayNumber + 2) * DAY_MS);
    const wallStartMs = dayNumber * DAY_MS;
    const instantAt = (minute: number) => this.zone.instantAtWall(wallStartMs + minute * MINUTE_MS, offsetBeforeMs, offsetAfterMs);
    const startMs = knownStartMs ?? instantAt(0);
    const endMs = knownEndMs ?? instantAt(1440);
    const minutes = this.datedMinutes.get(dayNumber) ?? this.weeklyMinutes[getWeekday(dayNumber)] ?? [];
    const rangesMs: number[] = [];
    let workingMs = 0;
    for (let i = 0; i < minutes.length; i += 2) {
      const previousEndMs = rangesMs.length > 0 ? rangesMs[rangesMs.length - 1]! : startMs;
      const rangeStartMs = Math.max(instantAt(minutes[i]!), previousEndMs);
      const rangeEndMs = Math.min(instantAt(minutes[i + 1]!), endMs);
      if (rangeEndMs <= rangeStartMs) continue; // wholly inside a skipped hour
      workingMs += rangeEndMs - rangeStartMs;
      if (rangesMs.length > 0 && rangeStartMs === previousEndMs) rangesMs[rangesMs.length - 1] = rangeEndMs;
      else rangesMs.push(rangeStartMs, rangeEndMs);
    }
    const workingMsBefore = anchorIsBefore ? anchorWorkingMs : anchorWorkingMs - workingMs;
    return { startMs, endMs, rangesMs, workingMs, workingMsBefore };
  }
}

// Only the type leaves this module: a CompiledCalendar exists only for a validated definition.
export type { CompiledCalendar };

/**
 * Prepares a valid definition for arithmetic; throws DomainError('invalid') naming the first
 * problem otherwise (call `validateCalendarDefinition` first to show all of them).
 */
export function compileCalendar(def: CalendarDefinition): CompiledCalendar {
  const errors = validateCalendarDefinition(def);
  const first = errors[0];
  if (first) throw invalid(`Invalid calendar definition: ${first.message}`, first.field === '' ? undefined : first.field);
  return new CompiledCalendar(def);
}

/** Intervals → flat `[startMinute, endMinute, …]`, sorted, with touching intervals merged. */
function toMinuteRanges(intervals: readonly WorkingInterval[]): number[] {
  const sorted = intervals
    .map((interval) => [parseClockTime(interval.start)!, parseClockTime(interval.end)!] as const)
    .sort((a, b) => a[0] - b[0]);
  const flat: number[] = [];
  for (const [startMinute, endMinute] of sorted) {
    if (flat.length > 0 && flat[flat.length - 1] === startMinute) flat[flat.length - 1] = endMinute;
    else flat.push(startMinute, endMinute);
  }
  return flat;
}
