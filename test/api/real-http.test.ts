import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('over real HTTP', () => {
  it('signs in with a cookie, needs the CSRF header for changes, and signs out', async () => {
    const signIn = await fetch(`${s.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: s.admin.email, password: s.admin.password }) });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };

    const forged = await fetch(`${s.baseUrl}/api/departments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'Forged' }) });
    expect(forged.status).toBe(403);
    const ok = await fetch(`${s.baseUrl}/api/departments`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'Real' }) });
    expect(ok.status).toBe(201);
    const requestId = ok.headers.get('x-request-id');
    const out = await fetch(`${s.baseUrl}/api/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect((await fetch(`${s.baseUrl}/api/session`, { headers: { cookie } })).status).toBe(401);
    // The audit row carries the request id the client can quote.
    const row = await s.db.selectFrom('audit_log').selectAll().where('action', '=', 'department.create').executeTakeFirstOrThrow();
    expect(requestId).toEqual(expect.any(String));
    expect(row.request_id).toBe(requestId);
  });

  it('passes a client-sent X-Request-Id through to the audit trail', async () => {
    const signIn = await fetch(`${s.baseUrl}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc-123' }, body: JSON.stringify({ email: s.admin.email, password: s.admin.password }),
    });
    expect(signIn.status).toBe(200);
    const row = await s.db.selectFrom('audit_log').selectAll().where('request_id', '=', 'trace-abc-123').executeTakeFirst();
    expect(row?.action).toBe('session.sign_in');
  });
});
