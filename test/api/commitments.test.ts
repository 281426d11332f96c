import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDepartment } from '../helpers/factories.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
let chinaId: number;
let aroundId: number;

const unique = () => Math.random().toString(36).slice(2, 8);

/** A valid level-1 body; override what the test is about. */
const body = (o: Record<string, unknown> = {}) => ({
  name: `Billing query answered ${unique()}`,
  startEvent: 'registered',
  stopEvent: 'resolved',
  targetValue: 1,
  targetUnit: 'working_days',
  calendarId: chinaId,
  responsible: { kind: 'owner' },
  ...o,
});

async function create(o: Record<string, unknown> = {}) {
  const res = await admin.request('POST', '/api/commitments', body(o));
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
async function count(table: 'commitments' | 'commitment_versions') {
  return (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
}
async function auditOf(id: number) {
  return t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'commitment').where('entity_id', '=', String(id)).orderBy('id').execute();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  agent = await signInNew(t);
  const calendars = (await admin.request('GET', '/api/calendars')).json().items as { id: number; builtin: string | null }[];
  chinaId = calendars.find((c) => c.builtin === 'china_mainland')!.id;
  aroundId = calendars.find((c) => c.builtin === '24x7')!.id;
});
afterAll(() => t.close());

describe('creating commitments', () => {
  it('creates a level-1 commitment with its target in business minutes, audited; any staff reads it', async () => {
    const dept = await buildDepartment(t.db, { name: `客服部 ${unique()}` });
    const category = await t.db.insertInto('categories').values({ name: `Billing ${unique()}`, department_id: dept.id }).returning('id').executeTakeFirstOrThrow();
    const res = await admin.request('POST', '/api/commitments', body({
      name: '  账单问题一个工作日内答复  ',
      appliesTo: { categoryIds: [category.id], priorities: ['urgent', 'high'], channels: ['phone'], customerKinds: ['person'] },
      responsible: { kind: 'department', departmentId: dept.id },
      warnShare: 0.75,
      escalateAfterMinutes: [60, 240],
      stageKind: 'resolution',
    }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      name: '账单问题一个工作日内答复', level: 1, parentId: null, currentVersion: 1, active: true, targetValue: 1, targetUnit: 'working_days',
      // The China calendar's Monday: 09:00–12:00 and 13:00–18:00.
      targetMinutes: 480, calendarId: chinaId, calendarName: 'China mainland', warnShare: 0.75, escalateAfterMinutes: [60, 240], stageKind: 'resolution',
      appliesTo: { categoryIds: [category.id], priorities: ['high', 'urgent'], channels: ['phone'], customerKinds: ['person'] },
      responsible: { kind: 'department', departmentId: dept.id, departmentName: dept.name },
    });
    const listed = (await agent.request('GET', '/api/commitments')).json().items;
    expect(listed).toContainEqual(c);
    const detail = (await agent.request('GET', `/api/commitments/${c.id}`)).json();
    expect(detail.versions).toEqual([expect.objectContaining({ version: 1, name: c.name, targetMinutes: 480, createdBy: admin.userId, createdByName: expect.any(String) })]);
    expect(await auditOf(c.id)).toEqual([{ action: 'commitment.create', before: null, after: expect.objectContaining({ name: c.name, level: 1, targetMinutes: 480, version: 1 }) }]);
  });

  it('counts a working day on a 24x7 calendar as 24 hours, and hours as 60 minutes', async () => {
    expect((await create({ calendarId: aroundId })).targetMinutes).toBe(1440);
    expect((await create({ targetUnit: 'hours', targetValue: 4 })).targetMinutes).toBe(240);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const dept = await buildDepartment(t.db);
    await t.db.updateTable('departments').set({ active: false }).where('id', '=', dept.id).execute();
    const before = [await count('commitments'), await count('commitment_versions')];
    const cases: [Record<string, unknown>, string][] = [
      [{ name: ' ' }, 'name'],
      [{ startEvent: 'note_added' }, 'startEvent'],
      [{ stopEvent: 'registered' }, 'stopEvent'],
      [{ startEvent: 'accepted', stopEvent: 'accepted' }, 'stopEvent'],
      [{ targetValue: 0 }, 'targetValue'],
      [{ targetValue: 2.5 }, 'targetValue'],
      [{ targetUnit: 'fortnights' }, 'targetUnit'],
      [{ calendarId: 999999 }, 'calendarId'],
      [{ warnShare: 1.2 }, 'warnShare'],
      [{ responsible: { kind: 'department' } }, 'responsible.departmentId'],
      [{ responsible: { kind: 'department', departmentId: 999999 } }, 'responsible.departmentId'],
      [{ responsible: { kind: 'department', departmentId: dept.id } }, 'responsible.departmentId'],
      [{ responsible: { kind: 'the moon' } }, 'responsible.kind'],
      [{ stageKind: 'coffee' }, 'stageKind'],
      [{ escalateAfterMinutes: [240, 60] }, 'escalateAfterMinutes.1'],
      [{ appliesTo: { priorities: ['asap'] } }, 'appliesTo.priorities.0'],
      [{ appliesTo: { categoryIds: [999999] } }, 'appliesTo.categoryIds.0'],
      [{ appliesTo: { categoryIds: [1e20] } }, 'appliesTo.categoryIds.0'],
      [{ calendarId: 1e20 }, 'calendarId'],
      [{ appliesTo: { colours: ['red'] } }, 'appliesTo.colours'],
      [{ parentId: 999999 }, 'parentId'],
      [{ level: 2 }, 'level'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [o, field] of cases) {
      const res = await admin.request('POST', '/api/commitments', body(o));
      expect(res.statusCode, JSON.stringify(o)).toBe(400);
      expect(res.json().error.field, JSON.stringify(o)).toBe(field);
      expect(res.json().error.message.length).toBeGreaterThan(10);
    }
    expect([await count('commitments'), await count('commitment_versions')]).toEqual(before);
  });

  it('lets only admins change commitments', async () => {
    expect((await agent.request('POST', '/api/commitments', body())).statusCode).toBe(403);
    const c = await create();
    expect((await agent.request('PATCH', `/api/commitments/${c.id}`, { targetValue: 2 })).statusCode).toBe(403);
    expect((await agent.request('POST', `/api/commitments/${c.id}/move`, { parentId: null, position: 0 })).statusCode).toBe(403);
    expect((await agent.request('POST', `/api/commitments/${c.id}/deactivate`)).statusCode).toBe(403);
  });
});

describe('the commitment tree', () => {
  it('makes stages one level down, in order, and refuses stages that do not fit the parent’s budget', async () => {
    const parent = await create({ name: `Repair crew on site ${unique()}`, targetUnit: 'minutes', targetValue: 90, calendarId: aroundId });
    const first = await create({ name: 'Dispatch', parentId: parent.id, targetUnit: 'minutes', targetValue: 30, calendarId: aroundId, stopEvent: 'handed_over' });
    const second = await create({ name: 'Drive', parentId: parent.id, targetUnit: 'minutes', targetValue: 45, calendarId: aroundId, startEvent: 'handed_over', stopEvent: 'accepted' });
    expect([first.level, first.position, second.level, second.position]).toEqual([2, 0, 2, 1]);

    const before = await count('commitments');
    const tooMuch = await admin.request('POST', '/api/commitments', body({ name: 'Fix', parentId: parent.id, targetUnit: 'minutes', targetValue: 20, calendarId: aroundId }));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error).toMatchObject({
      field: 'targetValue',
      code: 'commitment_fit',
      message: `The stages of "${parent.name}" run one after another and need 1 h 35 min ("Dispatch" 30 min + "Drive" 45 min + "Fix" 20 min), more than its target of 1 h 30 min.`,
    });
    expect(await count('commitments')).toBe(before);

    // Nor may the parent's target shrink below its stages, or a stage grow past it.
    const shrink = await admin.request('PATCH', `/api/commitments/${parent.id}`, { targetValue: 60 });
    expect(shrink.statusCode).toBe(400);
    expect(shrink.json().error.field).toBe('targetValue');
    const grow = await admin.request('PATCH', `/api/commitments/${second.id}`, { targetValue: 61 });
    expect(grow.statusCode).toBe(400);
    expect(grow.json().error.field).toBe('targetValue');

    // A level-3 stage can have no stages of its own.
    const third = await create({ name: 'Load the van', parentId: second.id, targetUnit: 'minutes', targetValue: 10, calendarId: aroundId, startEvent: 'handed_over', stopEvent: 'assigned' });
    expect(third.level).toBe(3);
    const fourth = await admin.request('POST', '/api/commitments', body({ parentId: third.id, targetUnit: 'minutes', targetValue: 1, calendarId: aroundId }));
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json().error).toMatchObject({ field: 'parentId', message: expect.stringMatching(/at most 3 levels/) });
  });

  it('makes a new version on edit, keeps the old ones, and makes none when nothing changed', async () => {
    const c = await create({ targetUnit: 'hours', targetValue: 8 });
    const res = await admin.request('PATCH', `/api/commitments/${c.id}`, { targetValue: 4, name: `${c.name} (faster)` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ currentVersion: 2, targetValue: 4, targetMinutes: 240, name: `${c.name} (faster)` });
    const same = await admin.request('PATCH', `/api/commitments/${c.id}`, { targetValue: 4 });
    expect(same.json().currentVersion).toBe(2);
    const detail = (await admin.request('GET', `/api/commitments/${c.id}`)).json();
    expect(detail.versions.map((v: { version: number; targetMinutes: number }) => [v.version, v.targetMinutes])).toEqual([
      [2, 240],
      [1, 480],
    ]);
    const audit = await auditOf(c.id);
    expect(audit.map((a) => a.action)).toEqual(['commitment.create', 'commitment.update']);
    expect(audit[1]).toMatchObject({ before: { targetValue: 8, version: 1 }, after: { targetValue: 4, version: 2 } });
    expect((await admin.request('PATCH', `/api/commitments/${c.id}`, { level: 2 })).json().error.field).toBe('level');
    expect((await admin.request('PATCH', '/api/commitments/999999', { targetValue: 2 })).statusCode).toBe(404);
  });

  it('deactivates a commitment with its stages, and brings a stage back only under an active parent', async () => {
    const parent = await create({ targetUnit: 'hours', targetValue: 8 });
    const stage = await create({ parentId: parent.id, targetUnit: 'hours', targetValue: 2, stopEvent: 'handed_over' });
    const res = await admin.request('POST', `/api/commitments/${parent.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await admin.request('GET', `/api/commitments/${stage.id}`)).json().active).toBe(false);
    expect((await auditOf(stage.id)).map((a) => a.action)).toEqual(['commitment.create', 'commitment.deactivate']);

    const back = await admin.request('PATCH', `/api/commitments/${stage.id}`, { active: true });
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toMatchObject({ field: 'active', message: expect.stringMatching(/reactivate it before its stage/) });
    expect((await admin.request('PATCH', `/api/commitments/${parent.id}`, { active: true })).json().active).toBe(true);
    expect((await admin.request('PATCH', `/api/commitments/${stage.id}`, { active: true })).json().active).toBe(true);
    expect((await auditOf(parent.id)).map((a) => a.action)).toEqual(['commitment.create', 'commitment.deactivate', 'commitment.reactivate']);
  });

  it('reorders siblings and moves a stage under another parent of the same level, within its budget', async () => {
    const a = await create({ name: 'A', targetUnit: 'hours', targetValue: 8 });
    const b = await create({ name: 'B', targetUnit: 'hours', targetValue: 1 });
    const s1 = await create({ name: 's1', parentId: a.id, targetUnit: 'hours', targetValue: 1, stopEvent: 'handed_over' });
    const s2 = await create({ name: 's2', parentId: a.id, targetUnit: 'hours', targetValue: 1, stopEvent: 'handed_over' });
    const s3 = await create({ name: 's3', parentId: a.id, targetUnit: 'hours', targetValue: 2, stopEvent: 'handed_over' });

    const reordered = await admin.request('POST', `/api/commitments/${s3.id}/move`, { parentId: a.id, position: 0 });
    expect(reordered.statusCode).toBe(200);
    const positions = async () =>
      Object.fromEntries(((await admin.request('GET', '/api/commitments')).json().items as { name: string; position: number; parentId: number | null; id: number }[])
        .filter((c) => [s1.id, s2.id, s3.id].includes(c.id))
        .map((c) => [c.name, [c.parentId === a.id ? 'A' : c.parentId === b.id ? 'B' : c.parentId, c.position]]));
    expect(await positions()).toEqual({ s3: ['A', 0], s1: ['A', 1], s2: ['A', 2] });

    const moved = await admin.request('POST', `/api/commitments/${s1.id}/move`, { parentId: b.id });
    expect(moved.statusCode).toBe(200);
    expect(await positions()).toEqual({ s3: ['A', 0], s2: ['A', 1], s1: ['B', 0] });
    expect((await auditOf(s1.id)).at(-1)).toMatchObject({ action: 'commitment.move', before: { parentId: a.id, position: 1 }, after: { parentId: b.id, position: 0 } });

    const tooBig = await admin.request('POST', `/api/commitments/${s3.id}/move`, { parentId: b.id });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error).toMatchObject({ field: 'parentId', code: 'commitment_fit' });
    const toTop = await admin.request('POST', `/api/commitments/${s2.id}/move`, { parentId: null });
    expect(toTop.json().error).toMatchObject({ field: 'parentId', message: expect.stringMatching(/only a level-1 commitment sits at the top/) });
    const underItself = await admin.request('POST', `/api/commitments/${a.id}/move`, { parentId: s2.id });
    expect(underItself.json().error).toMatchObject({ field: 'parentId', message: expect.stringMatching(/under itself/) });
    const underLevelOne = await admin.request('POST', `/api/commitments/${a.id}/move`, { parentId: b.id });
    expect(underLevelOne.json().error.field).toBe('parentId');
  });
});
