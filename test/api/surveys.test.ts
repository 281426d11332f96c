import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import { signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signIn, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let admin: Client;
const realNow = Date.now();
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Shanghai wall time → epoch ms. */
const shanghai = (local: string) => Date.parse(`${local}+08:00`);

const QUESTIONS = [
  { key: 'q1', kind: 'scale', dimension: 'trust', text: { zh: '您信任我们的处理结果吗？', en: 'Do you trust the result?' } },
  { key: 'q2', kind: 'scale', dimension: 'trust', text: { zh: '您会再找我们吗？', en: 'Would you come to us again?' } },
  { key: 'polite', kind: 'yes_no', dimension: 'tangibles', text: { zh: '工作人员礼貌吗？', en: 'Was the staff polite?' } },
  { key: 'grade', kind: 'grade', dimension: 'professionalism', text: { zh: '请为专业程度打分', en: 'Grade our professionalism' } },
  { key: 'remarks', kind: 'text', dimension: null, text: { zh: '其他意见', en: 'Anything else?' } },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  // One callback template for the whole file: every resolution below asks these questions.
  const res = await admin.request('POST', '/api/surveys/templates', { name: '回访问卷', questions: QUESTIONS, forCallback: true });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());
beforeEach(() => {
  t.clock.nowMs = realNow;
});

/** A company with a service department (owner) and a repair department (head, handler) under one supervisor. */
async function buildOrg() {
  const company = await buildDepartment(t.db);
  const boss = await buildStaff(t.db, { name: 'Boss', roles: ['supervisor'], departmentId: company.id });
  await t.db.updateTable('departments').set({ head_id: boss.id }).where('id', '=', company.id).execute();
  const service = await buildDepartment(t.db, { parentId: company.id, name: `Service ${Math.random()}` });
  const repair = await buildDepartment(t.db, { parentId: company.id, name: `Repair ${Math.random()}` });
  const handler = await buildStaff(t.db, { name: 'Handler', departmentId: repair.id });
  const owner = await buildStaff(t.db, { name: 'Owner', departmentId: service.id, staffClass: 'dedicated' });
  const outsider = await buildStaff(t.db, { name: 'Outsider', departmentId: (await buildDepartment(t.db)).id });
  return {
    company, service, repair,
    boss: await signIn(t.app, boss.email),
    handler: await signIn(t.app, handler.email),
    owner: await signIn(t.app, owner.email),
    outsider: await signIn(t.app, outsider.email),
  };
}
type Org = Awaited<ReturnType<typeof buildOrg>>;

async function ok(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, unknown>;
}

/** A portal request the owner picks up, hands to the handler in repair, who accepts and resolves it. */
async function handledTicket(org: Org, customer?: PortalClient): Promise<{ id: number; customer: PortalClient }> {
  const c = customer ?? (await signUpCustomer(t.app));
  const id = (await ok(c.request('POST', '/api/portal/tickets', { subject: '燃气表漏气' }), 201)).id as number;
  await ok(org.owner.request('POST', `/api/tickets/${id}/pick-up`, {}));
  await ok(org.owner.request('POST', `/api/tickets/${id}/hand-over`, { departmentId: org.repair.id, handlerId: org.handler.userId }));
  await ok(org.handler.request('POST', `/api/tickets/${id}/accept`, {}));
  await ok(org.handler.request('POST', `/api/tickets/${id}/resolve`, { result: '更换了燃气表接头' }));
  return { id, customer: c };
}

async function surveysOf(client: Client, ticketId: number) {
  return (await ok(client.request('GET', `/api/tickets/${ticketId}/surveys`))).items as unknown as Record<string, unknown>[];
}

describe('survey templates', () => {
  it('admin and office write versioned templates; questions never change in place; everything is audited', async () => {
    const office = await signInNew(t, { roles: ['office'] });
    const created = await ok(office.request('POST', '/api/surveys/templates', { name: 'Visit survey', questions: QUESTIONS.slice(0, 2) }), 201);
    expect(created).toMatchObject({ name: 'Visit survey', active: true, forCallback: false, currentVersion: 1, revision: 1, questions: QUESTIONS.slice(0, 2) });
    const id = created.id as number;

    // The same questions again add no version; new ones do.
    const renamed = await ok(office.request('PATCH', `/api/surveys/templates/${id}`, { revision: 1, name: 'Home visit survey', questions: QUESTIONS.slice(0, 2) }));
    expect(renamed).toMatchObject({ name: 'Home visit survey', currentVersion: 1, revision: 2 });
    const v2 = await ok(office.request('PATCH', `/api/surveys/templates/${id}`, { revision: 2, questions: QUESTIONS.slice(0, 3) }));
    expect(v2).toMatchObject({ currentVersion: 2, revision: 3, questions: QUESTIONS.slice(0, 3) });
    expect((v2.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    expect(await ok(office.request('GET', `/api/surveys/templates/${id}/versions/1`))).toMatchObject({ templateId: id, version: 1, questions: QUESTIONS.slice(0, 2) });
    expect((await office.request('GET', `/api/surveys/templates/${id}/versions/3`)).statusCode).toBe(404);

    // A stale revision is refused and changes nothing.
    const stale = await office.request('PATCH', `/api/surveys/templates/${id}`, { revision: 1, name: 'Overwritten' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', field: 'revision' });
    expect(await ok(office.request('GET', `/api/surveys/templates/${id}`))).toMatchObject({ name: 'Home visit survey', revision: 3 });

    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'survey_template').where('entity_id', '=', String(id)).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'survey_template.create', actor_id: office.userId },
      { action: 'survey_template.update', actor_id: office.userId },
      { action: 'survey_template.update', actor_id: office.userId },
    ]);

    // Agents and supervisors may not write or read templates.
    const agent = await signInNew(t);
    expect((await agent.request('POST', '/api/surveys/templates', { name: 'x', questions: QUESTIONS })).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/surveys/templates')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/surveys/templates' })).statusCode).toBe(401);
  });

  it('refuses bad questions naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('survey_templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const cases: [unknown, string][] = [
      [[], 'questions'],
      [[{ ...QUESTIONS[0], key: 'Bad key' }], 'questions.0.key'],
      [[QUESTIONS[0], QUESTIONS[0]], 'questions.1.key'],
      [[{ ...QUESTIONS[0], dimension: 'speed' }], 'questions.0.dimension'],
      [[{ ...QUESTIONS[0], dimension: null }], 'questions.0.dimension'],
      [[{ ...QUESTIONS[0], kind: 'stars' }], 'questions.0.kind'],
      [[{ ...QUESTIONS[0], text: { zh: ' ', en: 'x' } }], 'questions.0.text.zh'],
      [[{ ...QUESTIONS[0], text: { zh: '问题' } }], 'questions.0.text.en'],
    ];
    for (const [questions, field] of cases) {
      const res = await admin.request('POST', '/api/surveys/templates', { name: 'Broken', questions });
      expect(res.statusCode, JSON.stringify(questions)).toBe(400);
      expect(res.json().error.field, JSON.stringify(questions)).toBe(field);
    }
    const blank = await admin.request('POST', '/api/surveys/templates', { name: '  ', questions: QUESTIONS });
    expect(blank.json().error.field).toBe('name');
    const after = await t.db.selectFrom('survey_templates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('dimensions: the five defaults, editable; a deactivated one stays on old questions but new ones cannot use it', async () => {
    const dims = (await ok(admin.request('GET', '/api/surveys/dimensions'))).items as unknown as { key: string; nameZh: string; active: boolean }[];
    expect(dims.slice(0, 5).map((d) => d.key)).toEqual(['tangibles', 'empathy', 'professionalism', 'responsiveness', 'trust']);
    expect(dims.find((d) => d.key === 'trust')).toMatchObject({ nameZh: '信任', active: true });

    const made = await ok(admin.request('POST', '/api/surveys/dimensions', { key: 'accessibility', nameZh: '可及性', nameEn: 'Accessibility' }), 201);
    expect(made).toMatchObject({ key: 'accessibility', active: true });
    expect((await admin.request('POST', '/api/surveys/dimensions', { key: 'accessibility', nameZh: '重复', nameEn: 'Again' })).statusCode).toBe(409);
    expect((await admin.request('POST', '/api/surveys/dimensions', { key: '9lives', nameZh: 'x', nameEn: 'x' })).json().error.field).toBe('key');
    const q = { key: 'reach', kind: 'scale', dimension: 'accessibility', text: { zh: '容易联系到我们吗？', en: 'Easy to reach us?' } };
    const template = await ok(admin.request('POST', '/api/surveys/templates', { name: 'Reach', questions: [q] }), 201);
    expect(await ok(admin.request('PATCH', '/api/surveys/dimensions/accessibility', { active: false, nameEn: 'Reachability' }))).toMatchObject({ active: false, nameEn: 'Reachability' });
    expect((await admin.request('POST', '/api/surveys/templates', { name: 'Reach again', questions: [q] })).json().error.field).toBe('questions.0.dimension');
    expect(await ok(admin.request('GET', `/api/surveys/templates/${template.id}`))).toMatchObject({ questions: [q] });
    expect((await admin.request('PATCH', '/api/surveys/dimensions/nothing', { active: false })).statusCode).toBe(404);
    const agent = await signInNew(t);
    expect((await agent.request('PATCH', '/api/surveys/dimensions/trust', { nameEn: 'Faith' })).statusCode).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'survey_dimension').where('entity_id', '=', 'accessibility').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['survey_dimension.create', 'survey_dimension.update']);
  });

  it('one callback template at a time: choosing another replaces it; an inactive one cannot be it', async () => {
    const current = (await ok(admin.request('GET', '/api/surveys/templates'))).items as unknown as { id: number; forCallback: boolean }[];
    const callback = current.find((x) => x.forCallback)!;
    const other = await ok(admin.request('POST', '/api/surveys/templates', { name: 'Short callback', questions: QUESTIONS.slice(0, 1), forCallback: true }), 201);
    expect(other.forCallback).toBe(true);
    expect(await ok(admin.request('GET', `/api/surveys/templates/${callback.id}`))).toMatchObject({ forCallback: false });
    expect((await admin.request('PATCH', `/api/surveys/templates/${other.id}`, { active: false, forCallback: true })).json().error.field).toBe('forCallback');
    // Back to the file's template for the other tests.
    expect(await ok(admin.request('PATCH', `/api/surveys/templates/${callback.id}`, { forCallback: true }))).toMatchObject({ forCallback: true });
    expect(await ok(admin.request('GET', `/api/surveys/templates/${other.id}`))).toMatchObject({ forCallback: false });
  });
});

describe('the callback survey', () => {
  it('resolving makes it due within 1 working day: across a weekend and across a public holiday', async () => {
    const org = await buildOrg();
    // Friday 14 March 2025, 15:00 → Monday 17 March, 15:00.
    t.clock.nowMs = shanghai('2025-03-14T15:00:00');
    const friday = await handledTicket(org);
    // Tuesday 30 September 2025, 16:00: 1–8 October are the National Day holiday → Thursday 9 October, 16:00.
    t.clock.nowMs = shanghai('2025-09-30T16:00:00');
    const holiday = await handledTicket(org);

    const [fridaySurvey] = await surveysOf(org.owner, friday.id);
    expect(fridaySurvey).toMatchObject({ status: 'due', resolvedAt: new Date(shanghai('2025-03-14T15:00:00')).toISOString(), dueAt: new Date(shanghai('2025-03-17T15:00:00')).toISOString() });
    expect(fridaySurvey!.questions).toEqual(QUESTIONS);
    const [holidaySurvey] = await surveysOf(org.owner, holiday.id);
    expect(holidaySurvey).toMatchObject({ status: 'due', dueAt: new Date(shanghai('2025-10-09T16:00:00')).toISOString(), overdue: false });
    t.clock.nowMs = shanghai('2025-10-09T16:01:00');
    expect((await surveysOf(org.owner, holiday.id))[0]).toMatchObject({ status: 'due', overdue: true });
  });

  it('the owner records answers given by phone: channel, who collected them, scores, credits and an audit record', async () => {
    const org = await buildOrg();
    const { id } = await handledTicket(org);
    const answers = { q1: 5, q2: 4, polite: true, grade: 'A-', remarks: '  师傅很专业 ' };
    const ticket = await ok(org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 5, channel: 'phone', comment: '很满意', answers }));
    expect(ticket).toMatchObject({ status: 'called_back', satisfaction: 5 });
    const [survey] = await surveysOf(org.owner, id);
    expect(survey).toMatchObject({
      status: 'answered', satisfaction: 5, comment: '很满意', channel: 'phone', collectedById: org.owner.userId, collectedByName: 'Owner',
      answers: [
        { key: 'q1', kind: 'scale', dimension: 'trust', value: 5 },
        { key: 'q2', kind: 'scale', dimension: 'trust', value: 4 },
        { key: 'polite', kind: 'yes_no', dimension: 'tangibles', value: true },
        { key: 'grade', kind: 'grade', dimension: 'professionalism', value: 'A-' },
        { key: 'remarks', kind: 'text', dimension: null, value: '师傅很专业' },
      ],
    });
    const scores = await t.db.selectFrom('survey_answers').select(['question_key', 'score']).where('survey_id', '=', survey!.id as number).orderBy('question_key').execute();
    expect(scores).toEqual([{ question_key: 'grade', score: 90 }, { question_key: 'polite', score: 1 }, { question_key: 'q1', score: 5 }, { question_key: 'q2', score: 4 }, { question_key: 'remarks', score: null }]);
    expect(survey!.credits).toEqual(expect.arrayContaining([
      { role: 'owner', staffId: org.owner.userId, staffName: 'Owner', departmentId: org.service.id, departmentName: org.service.name, satisfaction: 5 },
      { role: 'handler', staffId: org.handler.userId, staffName: 'Handler', departmentId: org.repair.id, departmentName: org.repair.name, satisfaction: 5 },
      { role: 'department', staffId: null, staffName: null, departmentId: org.service.id, departmentName: org.service.name, satisfaction: 5 },
      { role: 'department', staffId: null, staffName: null, departmentId: org.repair.id, departmentName: org.repair.name, satisfaction: 5 },
    ]));
    expect(survey!.credits).toHaveLength(4);
    const audit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id', 'after']).where('action', '=', 'survey.answer').where('entity_id', '=', String(survey!.id)).execute();
    expect(audit).toEqual([{ actor_kind: 'staff', actor_id: org.owner.userId, after: expect.objectContaining({ satisfaction: 5, channel: 'phone', answers: { q1: 5, q2: 4, polite: true, grade: 'A-', remarks: '师傅很专业' } }) }]);
  });

  it('the old callback body without answers still works; bad answers are refused naming the question and write nothing', async () => {
    const org = await buildOrg();
    const { id } = await handledTicket(org);
    for (const [answers, field] of [
      [{ q1: 6 }, 'answers.q1'],
      [{ q1: '5' }, 'answers.q1'],
      [{ grade: 'E' }, 'answers.grade'],
      [{ polite: 'yes' }, 'answers.polite'],
      [{ speed: 3 }, 'answers.speed'],
      [{ remarks: 'x'.repeat(4001) }, 'answers.remarks'],
    ] as const) {
      const res = await org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 4, channel: 'phone', answers });
      expect(res.statusCode, JSON.stringify(answers)).toBe(400);
      expect(res.json().error.field, JSON.stringify(answers)).toBe(field);
    }
    expect(await t.db.selectFrom('tickets').select(['status', 'satisfaction']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'resolved', satisfaction: null });
    expect((await surveysOf(org.owner, id))[0]).toMatchObject({ status: 'due', answers: [], credits: [] });

    await ok(org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 4, channel: 'visit' }));
    expect((await surveysOf(org.owner, id))[0]).toMatchObject({ status: 'answered', satisfaction: 4, channel: 'visit', answers: [] });
  });

  it('the customer answers through a signed link (once) or on the portal; the survey records how', async () => {
    const org = await buildOrg();
    const byLink = await handledTicket(org);
    const link = await ok(org.owner.request('POST', `/api/tickets/${byLink.id}/rating-link`), 201);
    const token = (link.url as string).split('/rate/')[1]!;
    const shown = await ok(t.app.inject({ method: 'GET', url: `/api/rating/${token}` }));
    expect(shown).toMatchObject({ alreadyRated: false, survey: { questions: QUESTIONS } });
    const bad = await t.app.inject({ method: 'POST', url: `/api/rating/${token}`, payload: { satisfaction: 4, answers: { q2: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('answers.q2');
    expect(await t.db.selectFrom('rating_link_uses').select('nonce').where('ticket_id', '=', byLink.id).execute()).toEqual([]);
    await ok(t.app.inject({ method: 'POST', url: `/api/rating/${token}`, payload: { satisfaction: 4, answers: { q1: 4, q2: 3, polite: false } } }), 201);
    const again = await t.app.inject({ method: 'POST', url: `/api/rating/${token}`, payload: { satisfaction: 1, answers: { q1: 1 } } });
    expect(again.statusCode).toBe(409);
    expect((await surveysOf(org.owner, byLink.id))[0]).toMatchObject({
      status: 'answered', satisfaction: 4, channel: 'link', collectedById: null,
      answers: [{ key: 'q1', value: 4 }, { key: 'q2', value: 3 }, { key: 'polite', value: false }],
    });
    // Read again after use: no questions to show.
    expect(await ok(t.app.inject({ method: 'GET', url: `/api/rating/${token}` }))).not.toHaveProperty('survey');

    const onPortal = await handledTicket(org);
    const mine = (await ok(onPortal.customer.request('GET', `/api/portal/tickets/${onPortal.id}/surveys`))).items as unknown as Record<string, unknown>[];
    expect(mine).toEqual([{ id: expect.any(Number), status: 'due', answeredAt: null, satisfaction: null, comment: null, questions: QUESTIONS, answers: [] }]);
    await ok(onPortal.customer.request('POST', `/api/portal/tickets/${onPortal.id}/rating`, { satisfaction: 2, comment: '太慢了', answers: { q1: 2, grade: 'C', remarks: '等了三天' } }), 201);
    const answered = (await ok(onPortal.customer.request('GET', `/api/portal/tickets/${onPortal.id}/surveys`))).items as unknown as Record<string, unknown>[];
    expect(answered).toEqual([{
      id: expect.any(Number), status: 'answered', answeredAt: expect.any(String), satisfaction: 2, comment: '太慢了', questions: QUESTIONS,
      answers: [{ key: 'q1', value: 2 }, { key: 'grade', value: 'C' }, { key: 'remarks', value: '等了三天' }],
    }]);
    expect((await surveysOf(org.owner, onPortal.id))[0]).toMatchObject({ channel: 'portal', collectedById: null });
    const audit = await t.db.selectFrom('audit_log').select(['actor_kind', 'actor_id']).where('action', '=', 'survey.answer').where('entity_id', '=', String(answered[0]!.id)).execute();
    expect(audit).toEqual([{ actor_kind: 'customer', actor_id: onPortal.customer.customerId }]);
  });

  it('credits are frozen when the rating is given: a later move to another department or a reopening changes none', async () => {
    const org = await buildOrg();
    const { id } = await handledTicket(org);
    await ok(org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 3, channel: 'phone' }));
    const [survey] = await surveysOf(org.owner, id);
    const frozen = survey!.credits;

    // The handler moves to another department; the ticket is reopened and resolved again.
    const elsewhere = await buildDepartment(t.db, { parentId: org.company.id });
    await ok(admin.request('PATCH', `/api/staff/${org.handler.userId}`, { departmentId: elsewhere.id }));
    await ok(admin.request('POST', `/api/tickets/${id}/reopen`, { reason: '又漏气了' }));
    await ok(org.handler.request('POST', `/api/tickets/${id}/resolve`, { result: '重新更换' }));

    const surveys = await surveysOf(org.owner, id);
    expect(surveys.map((s) => s.status)).toEqual(['due', 'answered']);
    expect(surveys[1]!.credits).toEqual(frozen);
    expect(frozen).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'handler', staffId: org.handler.userId, departmentId: org.repair.id })]));
    const results = await ok(admin.request('GET', `/api/surveys/results?groupBy=department&from=${encodeURIComponent(new Date(realNow - DAY_MS).toISOString())}&to=${encodeURIComponent(new Date(realNow + DAY_MS).toISOString())}`));
    const repair = (results.groups as { key: number; n: number }[]).find((g) => g.key === org.repair.id);
    expect(repair).toMatchObject({ n: 1, mean: 3 });
    expect((results.groups as { key: number }[]).some((g) => g.key === elsewhere.id)).toBe(false);
  });

  it('reopening or closing expires the open survey; resolving again opens a new one', async () => {
    const org = await buildOrg();
    const { id } = await handledTicket(org);
    await ok(admin.request('POST', `/api/tickets/${id}/reopen`, { reason: '客户说还有问题' }));
    expect((await surveysOf(org.owner, id)).map((s) => s.status)).toEqual(['expired']);
    await ok(org.handler.request('POST', `/api/tickets/${id}/resolve`, { result: '已彻底修好' }));
    expect((await surveysOf(org.owner, id)).map((s) => s.status)).toEqual(['due', 'expired']);
    await ok(admin.request('POST', `/api/tickets/${id}/close`, { reason: '客户联系不上' }));
    expect((await surveysOf(org.owner, id)).map((s) => s.status)).toEqual(['expired', 'expired']);
  });
});

describe('visibility', () => {
  it('a customer sees only the surveys of their own requests, without internal fields', async () => {
    const org = await buildOrg();
    const { id, customer } = await handledTicket(org);
    const stranger = await signUpCustomer(t.app);
    const theirs = await stranger.request('GET', `/api/portal/tickets/${id}/surveys`);
    expect(theirs.statusCode).toBe(404);
    expect((await stranger.request('GET', '/api/portal/tickets/999999999/surveys')).statusCode).toBe(404);
    const mine = (await ok(customer.request('GET', `/api/portal/tickets/${id}/surveys`))).items as unknown as Record<string, unknown>[];
    for (const internal of ['credits', 'collectedById', 'collectedByName', 'dueAt', 'channel', 'template', 'ticketId']) expect(mine[0]).not.toHaveProperty(internal);
    // The staff API is not theirs, and a staff session is not the portal.
    expect((await t.app.inject({ method: 'GET', url: `/api/tickets/${id}/surveys`, headers: { cookie: customer.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/tickets/${id}/surveys`, headers: { cookie: org.owner.cookie } })).statusCode).toBe(401);
  });

  it('staff see a ticket’s surveys only when they see the ticket', async () => {
    const org = await buildOrg();
    const { id } = await handledTicket(org);
    expect((await org.outsider.request('GET', `/api/tickets/${id}/surveys`)).statusCode).toBe(404);
    expect(await surveysOf(org.handler, id)).toHaveLength(1);
    expect(await surveysOf(org.boss, id)).toHaveLength(1);
  });
});

describe('results', () => {
  /** Four ratings in one June 2025 week, hand-computed below. */
  async function seedExample() {
    const org = await buildOrg();
    const category = await t.db.insertInto('categories').values({ name: `抄表 ${Math.random()}`, department_id: org.repair.id }).returning(['id', 'name']).executeTakeFirstOrThrow();
    const rows: [number, Record<string, unknown>, 'owner' | 'portal'][] = [
      [5, { q1: 5, q2: 4, polite: true, grade: 'A' }, 'owner'],
      [4, { q1: 4, q2: 4, polite: false }, 'owner'],
      [3, { q1: 2, q2: 3, grade: 'B' }, 'portal'],
      [5, { q1: 5, q2: 5, polite: true, remarks: '好' }, 'portal'],
    ];
    let at = shanghai('2025-06-02T10:00:00'); // Monday, ISO week 2025-W23
    for (const [satisfaction, answers, by] of rows) {
      t.clock.nowMs = at;
      const { id, customer } = await handledTicket(org);
      await t.db.updateTable('tickets').set({ category_id: category.id }).where('id', '=', id).execute();
      if (by === 'owner') await ok(org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction, channel: 'phone', answers }));
      else await ok(customer.request('POST', `/api/portal/tickets/${id}/rating`, { satisfaction, answers }), 201);
      at += DAY_MS;
    }
    return { org, category };
  }
  const period = 'from=2025-06-01&to=2025-06-09';

  it('CSAT, mean, distribution, per-dimension means and Cronbach α match a hand-computed example', async () => {
    const { org, category } = await seedExample();
    t.clock.nowMs = realNow;
    const results = await ok(admin.request('GET', `/api/surveys/results?${period}&groupBy=category`));
    expect(results).toMatchObject({ scope: 'all', groupBy: 'category', from: new Date(shanghai('2025-06-01T00:00:00')).toISOString(), to: new Date(shanghai('2025-06-09T00:00:00')).toISOString() });
    const overall = results.overall as unknown as { n: number; csat: number; mean: number; distribution: unknown; dimensions: Record<string, unknown>[] };
    expect(overall).toMatchObject({ n: 4, csat: 0.75, mean: 4.25, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 } });
    // trust: q1 = 5,4,2,5 (s² 2), q2 = 4,4,3,5 (s² 2/3), totals 9,8,5,10 (s² 14/3): α = 2·(1 − (8/3)/(14/3)) = 6/7.
    const trust = overall.dimensions.find((d) => d.dimension === 'trust')!;
    expect(trust).toMatchObject({ answers: 8, mean: 4, alphaN: 4, alphaK: 2, flag: 'reliable' });
    expect(trust.alpha).toBeCloseTo(6 / 7, 10);
    expect(overall.dimensions.find((d) => d.dimension === 'tangibles')).toMatchObject({ answers: 3, yesShare: 2 / 3, alpha: null, flag: 'insufficient_data' });
    expect(overall.dimensions.find((d) => d.dimension === 'professionalism')).toMatchObject({ answers: 2, gradePoints: 85 });
    expect(overall.dimensions.map((d) => d.dimension)).toEqual(['tangibles', 'professionalism', 'trust']);
    expect(results.groups).toEqual([expect.objectContaining({ key: category.id, label: category.name, n: 4, csat: 0.75 })]);

    const byChannel = await ok(admin.request('GET', `/api/surveys/results?${period}&groupBy=channel`));
    expect((byChannel.groups as { key: string; n: number; mean: number }[]).map((g) => [g.key, g.n, g.mean])).toEqual([['phone', 2, 4.5], ['portal', 2, 4]]);
    const byWeek = await ok(admin.request('GET', `/api/surveys/results?${period}&groupBy=week`));
    expect((byWeek.groups as { key: string; n: number }[]).map((g) => [g.key, g.n])).toEqual([['2025-W23', 4]]);
    const byMonth = await ok(admin.request('GET', `/api/surveys/results?${period}&groupBy=month`));
    expect((byMonth.groups as { key: string; n: number }[]).map((g) => [g.key, g.n])).toEqual([['2025-06', 4]]);
    const byPerson = await ok(admin.request('GET', `/api/surveys/results?${period}&groupBy=person`));
    expect((byPerson.groups as { key: number; n: number }[]).map((g) => [g.key, g.n]).sort()).toEqual([[org.handler.userId, 4], [org.owner.userId, 4]].sort());
  });

  it('flags a dimension whose α is below 0.70', async () => {
    const org = await buildOrg();
    let at = shanghai('2025-07-07T10:00:00');
    for (const [q1, q2] of [[5, 1], [1, 5], [3, 4], [4, 4]]) {
      t.clock.nowMs = at;
      const { id } = await handledTicket(org);
      await ok(org.owner.request('POST', `/api/tickets/${id}/callback`, { satisfaction: 3, channel: 'phone', answers: { q1, q2 } }));
      at += HOUR_MS;
    }
    t.clock.nowMs = realNow;
    const results = await ok(admin.request('GET', '/api/surveys/results?from=2025-07-07&to=2025-07-08'));
    const trust = (results.overall as unknown as { dimensions: { dimension: string; alpha: number; flag: string; alphaN: number }[] }).dimensions.find((d) => d.dimension === 'trust')!;
    expect(trust.alpha).toBeLessThan(0.7);
    expect(trust).toMatchObject({ flag: 'below_threshold', alphaN: 4 });
  });

  it('is scoped: admin and office all; a supervisor their subtree; anyone else their own credits', async () => {
    const { org } = await seedExample();
    t.clock.nowMs = realNow;
    const handlerView = await ok(org.handler.request('GET', `/api/surveys/results?${period}&groupBy=person`));
    expect(handlerView).toMatchObject({ scope: 'own', overall: { n: 4 } });
    expect((handlerView.groups as { key: number }[]).map((g) => g.key)).toEqual([org.handler.userId]);
    const outsiderView = await ok(org.outsider.request('GET', `/api/surveys/results?${period}`));
    expect(outsiderView).toMatchObject({ scope: 'own', overall: { n: 0, csat: null, mean: null } });
    const bossView = await ok(org.boss.request('GET', `/api/surveys/results?${period}&groupBy=department`));
    expect(bossView).toMatchObject({ scope: 'departments', overall: { n: 4 } });
    expect((bossView.groups as { key: number }[]).map((g) => g.key).sort()).toEqual([org.service.id, org.repair.id].sort());
    // Another company's supervisor sees none of it.
    const otherBoss = await signInNew(t, { roles: ['supervisor'], departmentId: (await buildDepartment(t.db)).id });
    expect(await ok(otherBoss.request('GET', `/api/surveys/results?${period}`))).toMatchObject({ scope: 'departments', overall: { n: 0 } });
    const office = await signInNew(t, { roles: ['office'] });
    expect((await ok(office.request('GET', `/api/surveys/results?${period}`))).scope).toBe('all');
    expect((await t.app.inject({ method: 'GET', url: `/api/surveys/results?${period}` })).statusCode).toBe(401);
  });

  it('refuses a bad period or grouping with the field', async () => {
    for (const [query, field] of [
      ['from=2025-02-30', 'from'],
      ['to=yesterday', 'to'],
      ['from=2025-06-09&to=2025-06-01', 'to'],
      ['from=2020-01-01&to=2025-01-01', 'to'],
      ['timeZone=Mars/Olympus', 'timeZone'],
      ['groupBy=planet', 'groupBy'],
    ]) {
      const res = await admin.request('GET', `/api/surveys/results?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field, query).toBe(field);
    }
  });
});

describe('survey science endpoints', () => {
  it('AHP: weights, λmax, CI and CR for consistent judgements; 400 naming the most inconsistent pair otherwise', async () => {
    const consistent = await ok(admin.request('POST', '/api/surveys/ahp', { matrix: [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]], labels: ['trust', 'speed', 'manner'] }));
    expect(consistent).toMatchObject({ n: 3, labels: ['trust', 'speed', 'manner'], consistent: true });
    (consistent.weights as number[]).forEach((w, i) => expect(w).toBeCloseTo([4 / 7, 2 / 7, 1 / 7][i]!, 9));
    expect(consistent.lambdaMax).toBeCloseTo(3, 9);
    expect(consistent.cr).toBeCloseTo(0, 9);

    const inconsistent = await admin.request('POST', '/api/surveys/ahp', { matrix: [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], labels: ['trust', 'speed', 'manner'] });
    expect(inconsistent.statusCode).toBe(400);
    const error = inconsistent.json().error;
    expect(error.code).toBe('ahp_inconsistent');
    expect(error.field).toMatch(/^matrix\.\d\.\d$/);
    expect(error.message).toMatch(/consistency ratio .* must be below 0\.10.*Revisit "(trust|speed|manner)" versus "(trust|speed|manner)"/);

    const notSquare = await admin.request('POST', '/api/surveys/ahp', { matrix: [[1, 2], [0.5]] });
    expect(notSquare.statusCode).toBe(400);
    expect(notSquare.json().error.field).toBe('matrix.1');
    expect((await admin.request('POST', '/api/surveys/ahp', { matrix: [[1, 3], [3, 1]] })).json().error.field).toBe('matrix.1.0');
    expect((await t.app.inject({ method: 'POST', url: '/api/surveys/ahp', payload: { matrix: [[1]] } })).statusCode).toBe(401);
  });

  it('weighted index over an indicator tree, refusing weights that do not sum to 1 and trees too deep', async () => {
    const tree = { id: 'csi', children: [{ id: 'trust', weight: 0.6 }, { id: 'speed', weight: 0.4 }] };
    const result = await ok(admin.request('POST', '/api/surveys/weighted-index', { tree, scores: { trust: 4, speed: 3 } }));
    expect(result.index).toBeCloseTo(3.6, 12);
    expect(result.coverage).toBe(1);
    const bad = await admin.request('POST', '/api/surveys/weighted-index', { tree: { id: 'csi', children: [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.6 }] }, scores: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('tree.children');
    let deep: Record<string, unknown> = { id: 'leaf' };
    for (let i = 0; i < 20; i++) deep = { id: `n${i}`, children: [{ ...deep, weight: 1 }] };
    const tooDeep = await admin.request('POST', '/api/surveys/weighted-index', { tree: deep, scores: {} });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().error.field).toMatch(/^tree(\.children\.0)+$/);
  });
});
