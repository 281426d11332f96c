import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  async function signInWithRequestId(requestId: string) {
    const staff = await buildStaff(t.db);
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'x-request-id': requestId }, payload: { email: staff.email, password: staff.password } });
    expect(res.statusCode).toBe(200);
    const row = await t.db.selectFrom('audit_log').select('request_id').where('action', '=', 'session.sign_in').where('actor_id', '=', staff.id).executeTakeFirstOrThrow();
    return { header: res.headers['x-request-id'], stored: row.request_id };
  }

  it('keeps a short token of safe characters', async () => {
    expect(await signInWithRequestId('trace-abc_1.2')).toEqual({ header: 'trace-abc_1.2', stored: 'trace-abc_1.2' });
    const longest = 'a'.repeat(64);
    expect(await signInWithRequestId(longest)).toEqual({ header: longest, stored: longest });
  });

  it('replaces anything else with a generated id, in the answer and in the audit trail', async () => {
    for (const hostile of ['x'.repeat(8000), 'a'.repeat(65), '<script>alert(1)</script>', 'two words', 'ünïcode', 'a;b', '']) {
      const { header, stored } = await signInWithRequestId(hostile);
      expect(header, hostile.slice(0, 20)).toMatch(UUID);
      expect(stored).toBe(header);
    }
  });
});
