import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let agent: Client;

const OFFICE = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:30' }];
const definition = (overrides: Record<string, unknown> = {}) => ({
  timeZone: 'Europe/Berlin',
  kind: 'business',
  weeklyHours: [[], OFFICE, OFFICE, OFFICE, OFFICE, OFFICE, []],
  holidays: [{ date: '2026-12-24', name: 'Christmas Eve', workingIntervals: [{ start: '09:00', end: '12:00' }] }],
  extraWorkingDays: [],
  ...overrides,
});
const unique = () => Math.random().toString(36).slice(2, 8);

async function auditOf(id: number) {
  return t.db.selectFrom('audit_log').select(['action', 'before', 'after', 'actor_id']).where('entity', '=', 'calendar').where('entity_id', '=', String(id)).orderBy('id').execute();
}
async function countCalendars() {
  return (await t.db.selectFrom('calendars').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  agent = await signInNew(t);
});
afterAll(() => t.close());

describe('reading calendars', () => {
  it('lists the built-in China mainland and 24x7 calendars to any staff member', async () => {
    const res = await agent.request('GET', '/api/calendars');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; builtin: string | null; version: number; active: boolean; definition: { timeZone: string } }[];
    expect(items.filter((c) => c.builtin).map((c) => [c.builtin, c.definition.timeZone, c.active])).toEqual([
      ['24x7', 'Asia/Shanghai', true],
      ['china_mainland', 'Asia/Shanghai', true],
    ]);
  });

  it('shows a year of official holidays and make-up working days (调休) for the China calendar', async () => {
    const china = (await agent.request('GET', '/api/calendars')).json().items.find((c: { builtin: string }) => c.builtin === 'china_mainland');
    const res = await agent.request('GET', `/api/calendars/${china.id}?year=2025`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2025);
    const holidays = body.effective.holidays.map((d: { date: string }) => d.date);
    expect(holidays).toEqual(expect.arrayContaining(['2025-01-01', '2025-10-01', '2025-10-08']));
    expect(holidays.every((d: string) => d.startsWith('2025-'))).toBe(true);
    expect(body.effective.extraWorkingDays.map((d: { date: string }) => d.date)).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(body.effective.extraWorkingDays[3].name).toMatch(/国庆节 补班/);
    // The stored definition holds only the local part.
    expect(body.definition.holidays).toEqual([]);
  });

  it('answers 404 for a calendar that does not exist, and 400 for a year out of range', async () => {
    expect((await agent.request('GET', '/api/calendars/999999')).statusCode).toBe(404);
    const res = await agent.request('GET', '/api/calendars/1?year=12');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('year');
  });
});

describe('changing calendars', () => {
  it('lets an admin add one, audited, and nobody else', async () => {
    const name = `Berlin office ${unique()}`;
    expect((await agent.request('POST', '/api/calendars', { name, definition: definition() })).statusCode).toBe(403);
    const res = await admin.request('POST', '/api/calendars', { name: `  ${name}  `, definition: definition() });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name, builtin: null, version: 1, active: true, definition: { name, timeZone: 'Europe/Berlin', kind: 'business' } });
    expect(created.definition.holidays).toEqual([{ date: '2026-12-24', name: 'Christmas Eve', workingIntervals: [{ start: '09:00', end: '12:00' }] }]);
    const audit = await auditOf(created.id);
    expect(audit).toEqual([{ action: 'calendar.create', before: null, after: expect.objectContaining({ name, active: true, version: 1 }), actor_id: admin.userId }]);
  });

  it('refuses a bad definition naming the field, and writes nothing', async () => {
    const before = await countCalendars();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: '  ', definition: definition() }, 'name', /name/],
      [{ name: `x ${unique()}`, definition: definition({ timeZone: 'Mars/Olympus' }) }, 'definition.timeZone', /IANA time zone/],
      [{ name: `x ${unique()}`, definition: definition({ weeklyHours: [[], [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '14:00' }], [], [], [], [], []] }) }, 'definition.weeklyHours.1.1', /overlap/],
      [{ name: `x ${unique()}`, definition: definition({ holidays: [{ date: '2026-02-30' }] }) }, 'definition.holidays.0.date', /YYYY-MM-DD/],
      [{ name: `x ${unique()}`, definition: definition({ kind: '24x7', holidays: [{ date: '2026-01-01' }] }) }, 'definition.holidays', /around the clock/],
      [{ name: `x ${unique()}`, definition: definition({ weeklyHours: [[], [], [], [], [], [], []], holidays: [] }) }, 'definition.weeklyHours', /at least one day/],
      [{ name: `x ${unique()}` }, 'definition', /required/],
      [{ name: `x ${unique()}`, definition: definition(), colour: 'red' }, 'colour', /not a known field/],
    ];
    for (const [body, field, message] of cases) {
      const res = await admin.request('POST', '/api/calendars', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toMatchObject({ field, message: expect.stringMatching(message) });
    }
    expect(await countCalendars()).toBe(before);
  });

  it('refuses a second calendar with the same name (any case) with 409 on name', async () => {
    const name = `Shift ${unique()}`;
    expect((await admin.request('POST', '/api/calendars', { name, definition: definition() })).statusCode).toBe(201);
    const res = await admin.request('POST', '/api/calendars', { name: name.toUpperCase(), definition: definition() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ field: 'name', code: 'name_taken' });
  });

  it('bumps the version when renamed or redefined, records both sides, and changes nothing on an identical save', async () => {
    const created = (await admin.request('POST', '/api/calendars', { name: `Depot ${unique()}`, definition: definition() })).json();
    const newName = `Depot renamed ${unique()}`;
    const res = await admin.request('PATCH', `/api/calendars/${created.id}`, { name: newName, definition: definition({ timeZone: 'Asia/Shanghai' }) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: newName, version: 2, definition: { name: newName, timeZone: 'Asia/Shanghai' } });
    const same = await admin.request('PATCH', `/api/calendars/${created.id}`, { name: newName, definition: res.json().definition });
    expect(same.json().version).toBe(2);
    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['calendar.create', 'calendar.update']);
    expect(audit[1]).toMatchObject({ before: { name: created.name, version: 1 }, after: { name: newName, version: 2 } });
    expect((await agent.request('PATCH', `/api/calendars/${created.id}`, { name: 'mine' })).statusCode).toBe(403);
  });

  it('keeps the built-in China calendar one set of weekday hours, and merges local days with the official ones', async () => {
    const china = (await admin.request('GET', '/api/calendars')).json().items.find((c: { builtin: string }) => c.builtin === 'china_mainland');
    const hours = [{ start: '08:30', end: '12:00' }, { start: '13:00', end: '17:30' }];
    const uneven = await admin.request('PATCH', `/api/calendars/${china.id}`, { definition: { ...china.definition, weeklyHours: [[], hours, china.definition.weeklyHours[2], hours, hours, hours, []] } });
    expect(uneven.statusCode).toBe(400);
    expect(uneven.json().error.field).toBe('definition.weeklyHours.2');
    const moved = await admin.request('PATCH', `/api/calendars/${china.id}`, { definition: { ...china.definition, timeZone: 'Europe/Berlin' } });
    expect(moved.json().error.field).toBe('definition.timeZone');

    const local = { ...china.definition, weeklyHours: [[], hours, hours, hours, hours, hours, []], holidays: [{ date: '2025-06-03', name: '公司周年 Company day' }] };
    const res = await admin.request('PATCH', `/api/calendars/${china.id}`, { definition: local });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ builtin: 'china_mainland', version: china.version + 1 });
    const year = (await agent.request('GET', `/api/calendars/${china.id}?year=2025`)).json();
    expect(year.effective.holidays.map((d: { date: string }) => d.date)).toEqual(expect.arrayContaining(['2025-06-03', '2025-10-01']));
  });

  it('will not deactivate a calendar an active commitment runs on; deactivates it once none does', async () => {
    const cal = (await admin.request('POST', '/api/calendars', { name: `Night desk ${unique()}`, definition: definition() })).json();
    const commitment = (
      await admin.request('POST', '/api/commitments', { name: `Night answer ${unique()}`, startEvent: 'registered', stopEvent: 'contact_logged', targetValue: 2, targetUnit: 'hours', calendarId: cal.id, responsible: { kind: 'owner' } })
    ).json();
    const refused = await admin.request('POST', `/api/calendars/${cal.id}/deactivate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ field: 'active', code: 'calendar_in_use', message: expect.stringContaining(commitment.name) });
    expect((await admin.request('PATCH', `/api/commitments/${commitment.id}`, { active: false })).statusCode).toBe(200);
    const res = await admin.request('PATCH', `/api/calendars/${cal.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, version: 1 });
    expect((await auditOf(cal.id)).map((a) => a.action)).toEqual(['calendar.create', 'calendar.deactivate']);
    // A commitment cannot be put on it any more.
    const onInactive = await admin.request('POST', '/api/commitments', { name: 'x', startEvent: 'registered', stopEvent: 'resolved', targetValue: 1, targetUnit: 'hours', calendarId: cal.id, responsible: { kind: 'owner' } });
    expect(onInactive.statusCode).toBe(400);
    expect(onInactive.json().error.field).toBe('calendarId');
  });
});
