import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
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

describe('/metrics and /api/docs', () => {
  const TOKEN = 'a-metrics-token-of-enough-length-01';

  it('/metrics answers 404 while no metrics token is configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('CENTRIC_METRICS_TOKEN');
    expect(res.body).not.toContain('centric_http_request_duration_seconds');
  });

  it('/metrics answers only with the configured token', async () => {
    const m = await createTestApp({ metricsToken: TOKEN });
    try {
      for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
        const res = await m.app.inject({ method: 'GET', url: '/metrics', headers: authorization === undefined ? {} : { authorization } });
        expect(res.statusCode, String(authorization)).toBe(401);
        expect(res.json().error.code).toBe('unauthorized');
      }
      const ok = await m.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('centric_http_request_duration_seconds');
    } finally {
      await m.close();
    }
  });

  it('/api/docs and /api/openapi.json are public by default and 404 with CENTRIC_API_DOCS=off', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    const off = await createTestApp(loadConfig({ CENTRIC_API_DOCS: 'off' }));
    try {
      for (const url of ['/api/docs/', '/api/docs', '/api/docs/json', '/api/openapi.json']) {
        const res = await off.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    } finally {
      await off.close();
    }
  });

  it('reads both settings from the environment with a clear error for a bad value', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, apiDocs: 'public' });
    expect(loadConfig({ CENTRIC_METRICS_TOKEN: TOKEN, CENTRIC_API_DOCS: 'OFF' })).toMatchObject({ metricsToken: TOKEN, apiDocs: 'off' });
    expect(() => loadConfig({ CENTRIC_API_DOCS: 'private' })).toThrow(ConfigError);
    expect(() => loadConfig({ CENTRIC_API_DOCS: 'private' })).toThrow(/CENTRIC_API_DOCS: must be public or off/);
    expect(() => loadConfig({ CENTRIC_METRICS_TOKEN: 'short' })).toThrow(/CENTRIC_METRICS_TOKEN: must be 24 to 200 characters/);
    expect(() => loadConfig({ CENTRIC_METRICS_TOKEN: 'a token with spaces in it, long enough' })).toThrow(ConfigError);
  });
});

describe('security headers', () => {
  function expectSecurityHeaders(headers: Record<string, unknown>, where: string) {
    const csp = String(headers['content-security-policy']);
    expect(csp, where).toContain("default-src 'self'");
    expect(csp, where).toMatch(/script-src 'self'(;|$)/);
    expect(csp, where).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp, where).toContain("frame-ancestors 'none'");
    expect(csp, where).toContain("object-src 'none'");
    expect(headers['x-content-type-options'], where).toBe('nosniff');
    expect(headers['x-frame-options'], where).toBe('DENY');
    expect(headers['referrer-policy'], where).toBe('no-referrer');
  }

  it('are on API answers, errors and unknown paths; HSTS is off without CENTRIC_SECURE_COOKIES', async () => {
    for (const [method, url] of [['GET', '/api/health'], ['GET', '/api/staff'], ['GET', '/api/nope'], ['POST', '/api/session'], ['GET', '/api/docs/']] as const) {
      const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: { email: 'x' } } : {}) });
      expectSecurityHeaders(res.headers, `${method} ${url} ${res.statusCode}`);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('send HSTS when CENTRIC_SECURE_COOKIES is on', async () => {
    expect(loadConfig({ CENTRIC_SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
    const secure = await createTestApp({ secureCookies: true });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expectSecurityHeaders(res.headers, 'secure');
    } finally {
      await secure.close();
    }
  });

  it('are on the web app, whose index.html has no inline script for the policy to block', async () => {
    const webDist = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-web-'));
    const source = await fs.readFile(path.join(import.meta.dirname, '../../web/index.html'), 'utf8');
    // Every <script> loads a file: 'self' alone allows it.
    for (const tag of source.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=/);
    await fs.writeFile(path.join(webDist, 'index.html'), source);
    await fs.writeFile(path.join(webDist, 'set-lang.js'), await fs.readFile(path.join(import.meta.dirname, '../../web/public/set-lang.js')));
    const app = await buildApp({ db: t.db, config: loadConfig({}), webDist });
    try {
      for (const url of ['/', '/admin/staff', '/set-lang.js']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expectSecurityHeaders(res.headers, url);
      }
    } finally {
      await app.close();
      await fs.rm(webDist, { recursive: true, force: true });
    }
  });
});
