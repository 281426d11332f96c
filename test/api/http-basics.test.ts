import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createKysely, createPool } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { createTestApp, signInNew, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const METRICS_TOKEN = 'metrics-token-for-the-http-basics-test';
beforeAll(async () => {
  t = await createTestApp({ bodyLimitBytes: 4096, metricsToken: METRICS_TOKEN });
});
afterAll(() => t.close());

describe('HTTP basics', () => {
  it('answers health with the database state', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('gives 400 with a readable message for malformed JSON, and writes nothing', async () => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'malformed_json', message: 'The request body is not valid JSON' } });
    const after = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('gives 413 for an oversize body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'x'.repeat(10_000), password: 'y' } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('body_too_large');
  });

  it('gives 415 for a body that is not JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/application\/json/);
  });

  it('gives 404 as JSON for an unknown API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'There is no GET /api/no-such-thing' } });
  });

  it('names the field of a validation error', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@b.c' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid', field: 'password' });
    const admin = await signInNew(t, { roles: ['admin'] });
    const bad = await admin.request('POST', '/api/staff', { email: 'x@example.com', name: 'X', roles: ['emperor'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^roles/);
    const badId = await admin.request('GET', '/api/staff/abc');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('id');
  });

  it('refuses fields it does not know instead of silently dropping them', async () => {
    const admin = await signInNew(t, { roles: ['admin'] });
    const res = await admin.request('POST', '/api/departments', { name: 'Ops', colour: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('colour');
  });

  it('publishes OpenAPI 3 generated from the route schemas, a docs page and metrics', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/staff', '/api/departments', '/api/categories', '/api/tokens', '/api/audit', '/api/health']));
    expect(doc.paths['/api/staff'].post.requestBody).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('centric_http_request_duration_seconds');
  });
});

describe('health when the database is down', () => {
  it('answers 503', async () => {
    // Port 1 on loopback: nothing listens there, like a database that went away.
    const db = createKysely(createPool('postgres://nobody@127.0.0.1:1/none', 1));
    const app = await buildApp({ db, config: loadConfig({}) });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'degraded', database: 'unreachable' });
    await app.close();
    await db.destroy();
  });
});

describe('the web app shell', () => {
  it('serves index.html for client routes, even with a dot in them, and 404s for missing assets', async () => {
    // A stand-in build, so this runs without `npm run build:web`.
    const webDist = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-web-'));
    await fs.writeFile(path.join(webDist, 'index.html'), '<!doctype html><div id="root"></div>');
    const app = await buildApp({ db: t.db, config: loadConfig({}), webDist });
    for (const url of ['/admin/staff', '/rate/eyJ0IjoxfQ.c2lnbmF0dXJl', '/portal/requests/12']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root"');
    }
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/nope' })).json().error.code).toBe('not_found');
    await app.close();
    await fs.rm(webDist, { recursive: true, force: true });
  });
});
