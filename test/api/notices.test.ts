import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccountabilityOrg, expectOk, verifyComplaint } from '../helpers/accountability.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countNotices = async () => Number((await t.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('the notice board', () => {
  it('the office publishes a commendation for everyone; only the office may, and bad input writes nothing', async () => {
    const org = await buildAccountabilityOrg(t);
    const before = await countNotices();
    expect((await org.serviceHead.request('POST', '/api/notices', { kind: 'commendation', title: 'x', body: 'y' })).statusCode).toBe(403);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'commendation', title: '  ', body: 'y' }, 'title'],
      [{ kind: 'commendation', title: 'x', body: '' }, 'body'],
      [{ kind: 'praise', title: 'x', body: 'y' }, 'kind'],
      [{ kind: 'commendation', title: 'x', body: 'y', personId: 99999999 }, 'personId'],
      [{ kind: 'commendation', title: 'x', body: 'y', departmentId: 99999999 }, 'departmentId'],
    ];
    for (const [body, field] of cases) {
      const res = await org.officer.request('POST', '/api/notices', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await countNotices()).toBe(before);

    const res = await org.officer.request('POST', '/api/notices', { kind: 'commendation', title: '通报表扬', body: '客服部张三连续三个月零投诉。', personId: org.people.agent.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'commendation', personName: 'Agent', departmentId: org.service.id, departmentName: expect.any(String), publishedByName: 'Officer', readAt: null, readCount: 0 });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity', '=', 'notice').where('entity_id', '=', String(res.json().id)).execute();
    expect(audit).toEqual([{ action: 'notice.publish', actor_id: org.people.officer.id }]);
    // Company-wide: someone in another corner of the organisation sees it too.
    const board = (await org.outsider.request('GET', '/api/notices')).json();
    expect(board.items[0]).toMatchObject({ id: res.json().id, title: '通报表扬' });
    expect(board.unread).toBeGreaterThanOrEqual(1);
  });

  it('records read receipts once per person, and shows the office who has read and who has not', async () => {
    const org = await buildAccountabilityOrg(t);
    const notice = (await expectOk(org.officer.request('POST', '/api/notices', { kind: 'criticism', title: 'Notice of criticism', body: 'Repeated late hand-overs.' }))).json();
    const unreadBefore = (await org.agent.request('GET', '/api/notices?unread=true')).json();
    expect(unreadBefore.items.map((n: { id: number }) => n.id)).toContain(notice.id);

    const read = await org.agent.request('POST', `/api/notices/${notice.id}/read`);
    expect(read.json()).toMatchObject({ id: notice.id, readAt: new Date(t.clock.nowMs).toISOString(), readCount: 1 });
    t.clock.advance(60_000);
    const again = await org.agent.request('POST', `/api/notices/${notice.id}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);
    await expectOk(org.handler.request('POST', `/api/notices/${notice.id}/read`));
    const unreadAfter = (await org.agent.request('GET', '/api/notices?unread=true')).json();
    expect(unreadAfter.items.map((n: { id: number }) => n.id)).not.toContain(notice.id);
    expect(unreadAfter.unread).toBe(unreadBefore.unread - 1);

    expect((await org.agent.request('GET', `/api/notices/${notice.id}/receipts`)).statusCode).toBe(403);
    const receipts = (await org.officer.request('GET', `/api/notices/${notice.id}/receipts`)).json();
    expect(receipts.readCount).toBe(2);
    const byId = new Map(receipts.items.map((r: { staffId: number; readAt: string | null }) => [r.staffId, r.readAt]));
    expect(byId.get(org.people.agent.id)).toBe(read.json().readAt);
    expect(byId.get(org.people.handler.id)).toEqual(expect.any(String));
    expect(byId.get(org.people.colleague.id)).toBeNull();
    expect(receipts.staffCount).toBeGreaterThanOrEqual(Object.keys(org.people).length);

    expect((await org.agent.request('POST', '/api/notices/99999999/read')).statusCode).toBe(404);
    expect((await org.officer.request('GET', '/api/notices/99999999/receipts')).statusCode).toBe(404);
  });

  it('withdraws the notice of criticism when an appeal overturns its complaint: off the board, kept in the office\'s history', async () => {
    const org = await buildAccountabilityOrg(t);
    const complaintId = await verifyComplaint(org, org.people.handler.id, { kind: 'passing_the_buck', severity: 'serious' });
    const deduction = await t.db.selectFrom('deductions').select('id').where('complaint_id', '=', complaintId).executeTakeFirstOrThrow();
    const confirmed = await expectOk(org.officer.request('POST', `/api/deductions/${deduction.id}/decision`, { decision: 'confirm', reason: 'Verified', notice: { title: '通报批评 W', body: '推诿客户诉求。' } }));
    const noticeId = confirmed.json().noticeId as number;
    const onBoard = async () => (await org.outsider.request('GET', '/api/notices?limit=100')).json().items.map((n: { id: number }) => n.id);
    expect(await onBoard()).toContain(noticeId);
    const unreadBefore = (await org.outsider.request('GET', '/api/notices')).json().unread;

    await expectOk(org.handler.request('POST', `/api/complaints/${complaintId}/appeal`, { reason: 'It was the repair desk, not me' }));
    await expectOk(org.officer.request('POST', `/api/complaints/${complaintId}/decide-appeal`, { outcome: 'rejected', reason: 'Wrong person named' }));

    expect(await onBoard()).not.toContain(noticeId);
    expect((await org.outsider.request('GET', '/api/notices')).json().unread).toBe(unreadBefore - 1);
    expect((await org.outsider.request('GET', `/api/notices/${noticeId}`)).statusCode).toBe(404);
    expect((await org.outsider.request('POST', `/api/notices/${noticeId}/read`)).statusCode).toBe(404);
    expect((await org.outsider.request('GET', '/api/notices?history=true')).statusCode).toBe(403);
    const history = (await org.officer.request('GET', '/api/notices?history=true&limit=100')).json().items.find((n: { id: number }) => n.id === noticeId);
    expect(history).toMatchObject({ withdrawnAt: new Date(t.clock.nowMs).toISOString(), withdrawnByName: 'Officer', withdrawnReason: 'The complaint was overturned on appeal' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'notice').where('entity_id', '=', String(noticeId)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['notice.publish', 'notice.withdraw']);
    expect(await t.db.selectFrom('deductions').select('status').where('id', '=', deduction.id).executeTakeFirstOrThrow()).toEqual({ status: 'dismissed' });
  });

  it('lets the office withdraw a notice by hand, with a reason, once', async () => {
    const org = await buildAccountabilityOrg(t);
    const notice = (await expectOk(org.officer.request('POST', '/api/notices', { kind: 'commendation', title: 'Withdraw me', body: 'Published by mistake.' }))).json();
    expect((await org.serviceHead.request('POST', `/api/notices/${notice.id}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    expect((await org.officer.request('POST', `/api/notices/${notice.id}/withdraw`, { reason: '  ' })).json().error.field).toBe('reason');
    expect((await org.officer.request('POST', '/api/notices/99999999/withdraw', { reason: 'x' })).statusCode).toBe(404);
    const withdrawn = await org.officer.request('POST', `/api/notices/${notice.id}/withdraw`, { reason: 'Published for the wrong person' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: notice.id, withdrawnReason: 'Published for the wrong person', withdrawnByName: 'Officer' });
    expect((await org.officer.request('POST', `/api/notices/${notice.id}/withdraw`, { reason: 'again' })).statusCode).toBe(409);
    expect((await org.agent.request('GET', '/api/notices?limit=100')).json().items.map((n: { id: number }) => n.id)).not.toContain(notice.id);
    // The office still opens it, with the reason.
    expect((await org.officer.request('GET', `/api/notices/${notice.id}`)).json()).toMatchObject({ withdrawnReason: 'Published for the wrong person' });
  });

  it('pages the board newest first', async () => {
    const org = await buildAccountabilityOrg(t);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await expectOk(org.officer.request('POST', '/api/notices', { kind: 'commendation', title: `Page ${i}`, body: 'Well done.' }));
    }
    const first = (await org.agent.request('GET', '/api/notices?limit=2')).json();
    expect(first.items.map((n: { title: string }) => n.title)).toEqual(['Page 2', 'Page 1']);
    const second = (await org.agent.request('GET', `/api/notices?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items[0].title).toBe('Page 0');
    expect((await org.agent.request('GET', '/api/notices?cursor=garbage')).statusCode).toBe(400);
  });
});
