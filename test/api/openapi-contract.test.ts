import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withErrors } from '../../src/contracts/common.ts';
import { registerErrorHandling } from '../../src/http/errors.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { installResponseCheck, type ResponseMismatch } from '../helpers/response-check.ts';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }>; description?: string }>;
}

describe('the API contract (OpenAPI)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('documents a success schema and the error shape for every operation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, Record<string, Operation>> }>();
    const missing: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations += 1;
        const responses = op.responses ?? {};
        const success = Object.entries(responses).filter(([code]) => /^2/.test(code));
        // 204 has no body; every other success names its content's schema.
        const hasSuccess = success.length > 0 && success.every(([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined));
        const error = responses['4XX'] ?? responses['4xx'];
        const errorSchema = error && Object.values(error.content ?? {})[0]?.schema;
        const hasError = !!errorSchema && JSON.stringify(errorSchema).includes('"code"') && JSON.stringify(errorSchema).includes('"message"');
        if (!hasSuccess) missing.push(`${method.toUpperCase()} ${path}: no success response schema`);
        if (!hasError) missing.push(`${method.toUpperCase()} ${path}: no error response schema`);
      }
    }
    expect(operations).toBeGreaterThan(150);
    expect(missing).toEqual([]);
  });
});

describe('the response check of the test app', () => {
  function appWith(route: (app: ReturnType<typeof build>['app']) => void) {
    const built = build();
    route(built.app);
    return built;
  }
  function build() {
    const mismatches: ResponseMismatch[] = [];
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    registerErrorHandling(app);
    installResponseCheck(app, (m) => mismatches.push(m));
    return { app, mismatches };
  }
  const View = Type.Object({ id: Type.Integer(), name: Type.String() });

  it('passes an answer that matches its schema', async () => {
    const { app, mismatches } = appWith((a) => a.get('/x', { schema: { response: withErrors({ 200: View }) } }, async () => ({ id: 1, name: 'a' })));
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 1, name: 'a' });
    expect(mismatches).toEqual([]);
  });

  it('fails an answer with a field of the wrong type', async () => {
    const { app, mismatches } = appWith((a) => a.get('/x', { schema: { response: withErrors({ 200: View }) } }, async () => ({ id: 'one', name: 'a' }) as never));
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]!.problem).toContain('/id');
  });

  it('fails an answer with a field the contract does not name (production would drop it silently)', async () => {
    const { app, mismatches } = appWith((a) => a.get('/x', { schema: { response: withErrors({ 200: View }) } }, async () => ({ id: 1, name: 'a', secret: 's' }) as never));
    const res = await app.inject({ method: 'GET', url: '/x' });
    expect(res.statusCode).toBe(500);
    expect(mismatches[0]!.problem).toContain('secret');
  });

  it('reports a status the route declares no schema for', async () => {
    const { app, mismatches } = appWith((a) => a.get('/x', { schema: { response: { 200: View } } }, async (_req, reply) => reply.status(202 as 200).send({ id: 1, name: 'a' })));
    await app.inject({ method: 'GET', url: '/x' });
    expect(mismatches.map((m) => m.status)).toEqual([202]);
  });
});
