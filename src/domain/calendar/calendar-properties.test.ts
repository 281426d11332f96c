import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMilliseconds, addBusinessMinutes } from './add-business-minutes.ts';
import { build24x7Calendar } from './build-24x7-calendar.ts';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import { businessMillisecondsBetween, businessMinutesBetween } from './business-minutes-between.ts';
import type { CalendarDefinition } from './calendar-definition.ts';
import { buildDefinition, buildWeekdayHours, toMs } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { isWorkingTime } from './is-working-time.ts';
import { nextWorkingTime } from './next-working-time.ts';
import { parseClockTime } from './parse-clock-time.ts';

// Property tests over several calendars; runs are kept small because the machine is shared.
const RUNS = { numRuns: 200 };

const newYorkOffice = buildDefinition({
  name: 'New York office',
  timeZone: 'America/New_York',
  weeklyHours: buildWeekdayHours([{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }]),
  holidays: [{ date: '2025-12-25' }, { date: '2025-12-24', workingIntervals: [{ start: '08:30', end: '12:00' }] }, { date: '2026-01-01' }],
  extraWorkingDays: [{ date: '2025-11-01' }],
});
// Night shifts that contain the DST switches, so the properties also hold on 23- and 25-hour days.
const berlinNights = buildDefinition({
  name: 'Berlin nights',
  timeZone: 'Europe/Berlin',
  weeklyHours: [[{ start: '01:00', end: '04:00' }, { start: '22:00', end: '24:00' }], [{ start: '00:00', end: '02:30' }], [], [], [], [], []],
});

const CALENDARS: readonly CalendarDefinition[] = [buildChinaMainlandCalendar(), newYorkOffice, berlinNights, build24x7Calendar('Asia/Shanghai')];
const compiled = CALENDARS.map((def) => ({ def, calendar: compileCalendar(def) }));

const FROM_MS = toMs('2024-12-01T00:00:00Z');
const TO_MS = toMs('2027-01-31T00:00:00Z');
const instant = fc.integer({ min: FROM_MS, max: TO_MS });
/** Up to ~3 working weeks, with many small values. */
const minutes = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 7_200 }));
const calendarIndex = fc.integer({ min: 0, max: compiled.length - 1 });
const pick = (index: number) => compiled[index]!.calendar;

describe.each(compiled.map(({ def, calendar }) => [def.name, calendar] as const))('calendar properties: %s', (_name, calendar) => {
  it('between(t, add(t, m)) = m', () => {
    fc.assert(
      fc.property(instant, minutes, (t, m) => {
        expect(businessMinutesBetween(t, addBusinessMinutes(t, m, calendar), calendar)).toBe(m);
      }),
      RUNS,
    );
  });

  it('add is monotonic in the minutes, and never earlier than the start', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const early = addBusinessMinutes(t, low, calendar);
        expect(early).toBeGreaterThanOrEqual(t);
        expect(addBusinessMinutes(t, high, calendar)).toBeGreaterThanOrEqual(early);
      }),
      RUNS,
    );
  });

  it('add is additive: add(add(t, a), b) = add(t, a + b)', () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (t, a, b) => {
        expect(addBusinessMinutes(addBusinessMinutes(t, a, calendar), b, calendar)).toBe(addBusinessMinutes(t, a + b, calendar));
      }),
      RUNS,
    );
  });

  it('between is additive over a ≤ b ≤ c (exactly in ms) and antisymmetric', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const ab = businessMillisecondsBetween(a, b, calendar);
        const bc = businessMillisecondsBetween(b, c, calendar);
        expect(businessMillisecondsBetween(a, c, calendar)).toBe(ab + bc);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(businessMillisecondsBetween(b, a, calendar) + ab).toBe(0);
        expect(businessMinutesBetween(a, c, calendar)).toBeCloseTo(ab / 60_000 + bc / 60_000, 9);
      }),
      RUNS,
    );
  });

  it('isWorkingTime(t) exactly when the next millisecond counts, and nextWorkingTime agrees', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const working = isWorkingTime(t, calendar);
        expect(businessMillisecondsBetween(t, t + 1, calendar)).toBe(working ? 1 : 0);
        const next = nextWorkingTime(t, calendar);
        expect(next === t).toBe(working);
        expect(isWorkingTime(next, calendar)).toBe(true);
        expect(businessMillisecondsBetween(t, next, calendar)).toBe(0);
      }),
      RUNS,
    );
  });

  it('the instant just before a due time is working time (the target is used up by work)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10_000_000 }), (t, amountMs) => {
        const due = addBusinessMilliseconds(t, amountMs, calendar);
        expect(isWorkingTime(due - 1, calendar)).toBe(true);
        expect(businessMillisecondsBetween(t, due, calendar)).toBe(amountMs);
      }),
      RUNS,
    );
  });
});

describe('calendar properties across calendars', () => {
  it('a shared compiled calendar answers the same whatever was asked before', () => {
    fc.assert(
      fc.property(calendarIndex, fc.array(instant, { minLength: 1, maxLength: 5 }), minutes, (index, instants, m) => {
        const fresh = compileCalendar(CALENDARS[index]!);
        for (const t of instants) expect(addBusinessMinutes(t, m, fresh)).toBe(addBusinessMinutes(t, m, pick(index)));
      }),
      { numRuns: 30 },
    );
  });

  // An independent oracle: read the wall clock with Intl and look the hours up in the definition.
  it.each([0, 1])('isWorkingTime matches a wall-clock lookup in the definition (calendar %i)', (index) => {
    const { def, calendar } = compiled[index]!;
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: def.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short',
    });
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(instant, (t) => {
        const parts = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, part.value]));
        const date = `${parts.year}-${parts.month}-${parts.day}`;
        const minuteOfDay = Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60 + (t % 1000) / 60_000;
        const dated = [...def.holidays, ...def.extraWorkingDays].find((day) => day.date === date);
        const isExtra = def.extraWorkingDays.some((day) => day.date === date);
        const intervals = dated ? (dated.workingIntervals ?? (isExtra ? def.weeklyHours[1]! : [])) : def.weeklyHours[weekdays.indexOf(parts.weekday!)]!;
        const expected = intervals.some((i) => minuteOfDay >= parseClockTime(i.start)! && minuteOfDay < parseClockTime(i.end)!);
        expect(isWorkingTime(t, calendar)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
