import { describe, expect, it } from 'vitest';
import { build24x7Calendar } from './build-24x7-calendar.ts';
import { buildChinaMainlandCalendar } from './build-china-mainland-calendar.ts';
import { buildDefinition, buildWeekdayHours } from './calendar-test-fixtures.ts';
import { compileCalendar } from './compile-calendar.ts';
import { validateCalendarDefinition } from './validate-calendar-definition.ts';

const fieldsOf = (def: unknown) => validateCalendarDefinition(def).map((error) => error.field);

describe('validateCalendarDefinition', () => {
  it('accepts the built-in calendars and a plain office calendar', () => {
    expect(validateCalendarDefinition(buildChinaMainlandCalendar())).toEqual([]);
    expect(validateCalendarDefinition(build24x7Calendar('America/New_York'))).toEqual([]);
    expect(validateCalendarDefinition(buildDefinition())).toEqual([]);
  });

  it('survives a JSON round trip (jsonb) unchanged', () => {
    const def = buildChinaMainlandCalendar();
    expect(JSON.parse(JSON.stringify(def))).toEqual(def);
  });

  it('rejects what is not an object', () => {
    expect(validateCalendarDefinition(null)).toEqual([{ field: '', message: 'A calendar definition must be an object.' }]);
    expect(fieldsOf([])).toEqual(['']);
  });

  it('rejects a bad time zone, name and kind', () => {
    const errors = validateCalendarDefinition({ ...buildDefinition(), name: ' ', timeZone: 'Mars/Olympus', kind: 'weekly' });
    expect(errors).toEqual([
      { field: 'name', message: 'Give the calendar a name.' },
      { field: 'timeZone', message: '"Mars/Olympus" is not an IANA time zone such as Asia/Shanghai or Europe/Berlin.' },
      { field: 'kind', message: "The kind must be 'business' or '24x7'." },
    ]);
    expect(fieldsOf({ ...buildDefinition(), timeZone: '' })).toEqual(['timeZone']);
  });

  it('needs exactly seven days of hours and some working time in the week', () => {
    expect(fieldsOf({ ...buildDefinition(), weeklyHours: [[], [], []] })).toEqual(['weeklyHours']);
    expect(validateCalendarDefinition(buildDefinition({ weeklyHours: [[], [], [], [], [], [], []] }))).toEqual([
      { field: 'weeklyHours', message: 'A business calendar needs working hours on at least one day of the week.' },
    ]);
  });

  it('rejects malformed times and an end not after its start', () => {
    const monday = [
      { start: '9:00', end: '12:00' },
      { start: '13:00', end: '24:01' },
      { start: '18:00', end: '17:00' },
      { start: '24:00', end: '24:00' },
    ];
    const errors = validateCalendarDefinition(buildDefinition({ weeklyHours: [[], monday, [], [], [], [], []] }));
    expect(errors).toEqual([
      { field: 'weeklyHours.1.0.start', message: '"9:00" is not a start time written as HH:MM from 00:00 to 23:59.' },
      { field: 'weeklyHours.1.1.end', message: '"24:01" is not an end time written as HH:MM from 00:01 to 24:00.' },
      { field: 'weeklyHours.1.2.end', message: 'On Monday the interval ends at 17:00, which is not after its start 18:00.' },
      { field: 'weeklyHours.1.3.start', message: '"24:00" is not a start time written as HH:MM from 00:00 to 23:59.' },
    ]);
  });

  it('rejects overlapping intervals but accepts touching ones, in any order', () => {
    const overlapping = [{ start: '13:00', end: '18:00' }, { start: '08:30', end: '13:30' }];
    expect(validateCalendarDefinition(buildDefinition({ weeklyHours: buildWeekdayHours(overlapping) }))[0]).toEqual({
      field: 'weeklyHours.1.1',
      message: 'On Monday the intervals 08:30–13:30 and 13:00–18:00 overlap.',
    });
    const touching = [{ start: '12:00', end: '18:00' }, { start: '08:00', end: '12:00' }];
    expect(validateCalendarDefinition(buildDefinition({ weeklyHours: buildWeekdayHours(touching) }))).toEqual([]);
  });

  it('rejects bad and duplicate dates, across holidays and extra working days', () => {
    const errors = validateCalendarDefinition(
      buildDefinition({
        holidays: [{ date: '2025-02-30' }, { date: '2025-05-01' }, { date: '2025-5-2' }, { date: '2025-05-01' }],
        extraWorkingDays: [{ date: '2025-05-01' }],
      }),
    );
    expect(errors).toEqual([
      { field: 'holidays.0.date', message: '"2025-02-30" is not a date written as YYYY-MM-DD (years 1900–2999).' },
      { field: 'holidays.2.date', message: '"2025-5-2" is not a date written as YYYY-MM-DD (years 1900–2999).' },
      { field: 'holidays.3.date', message: '2025-05-01 is listed twice (first at holidays.1).' },
      { field: 'extraWorkingDays.0.date', message: '2025-05-01 is listed twice (first at holidays.1).' },
    ]);
  });

  it('checks half-day hours of a holiday like weekly hours', () => {
    const errors = validateCalendarDefinition(
      buildDefinition({ holidays: [{ date: '2025-12-24', workingIntervals: [{ start: '12:00', end: '09:00' }] }] }),
    );
    expect(errors).toEqual([
      { field: 'holidays.0.workingIntervals.0.end', message: 'On 2025-12-24 the interval ends at 09:00, which is not after its start 12:00.' },
    ]);
  });

  it('needs hours for an extra working day when Monday has none to copy, and never an empty list', () => {
    const saturdayOnly = [[], [], [], [], [], [], [{ start: '09:00', end: '12:00' }]];
    expect(validateCalendarDefinition(buildDefinition({ weeklyHours: saturdayOnly, extraWorkingDays: [{ date: '2025-01-26' }] }))).toEqual([
      { field: 'extraWorkingDays.0.workingIntervals', message: 'The extra working day 2025-01-26 needs its own hours because Monday has none to copy.' },
    ]);
    expect(fieldsOf(buildDefinition({ extraWorkingDays: [{ date: '2025-01-26', workingIntervals: [] }] }))).toEqual([
      'extraWorkingDays.0.workingIntervals',
    ]);
  });

  it('rejects holidays and extra days on a 24x7 calendar', () => {
    const def = { ...build24x7Calendar('UTC'), holidays: [{ date: '2025-01-01' }] };
    expect(validateCalendarDefinition(def)).toEqual([
      { field: 'holidays', message: 'A 24x7 calendar runs around the clock, so it has no holidays.' },
    ]);
  });

  it('makes compileCalendar refuse an invalid definition with the first problem', () => {
    expect(() => compileCalendar(buildDefinition({ timeZone: 'Asia/Shang_hai' }))).toThrow(
      expect.objectContaining({ kind: 'invalid', field: 'timeZone' }),
    );
  });
});
