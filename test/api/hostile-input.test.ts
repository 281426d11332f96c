import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpCustomer, type PortalClient } from '../helpers/portal.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

/**
 * Walks every operation of /api/openapi.json with values each input rule must refuse (non-finite
 * numbers, unstorable strings, leniently written ids, numbers beyond what is exact) — as an admin, a
 * portal customer and nobody — and checks that every answer is a 4xx in the error shape, none a 5xx,
 * and that nothing was written. Values are drawn by fast-check with a fixed seed, a few per parameter.
 */

let t: TestApp;
let admin: Client;
let customer: PortalClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInNew(t, { roles: ['admin'] });
  customer = await signUpCustomer(t.app);
});
afterAll(() => t.close());

const SEED = 14;
const PER_PARAMETER = 3;

/** Path values, already percent-encoded. */
const HOSTILE_PATH_IDS = ['Infinity', '-Infinity', '1e309', 'NaN', '0x29', '%2041', '+41', '41.0', '4e1', '99999999999999999999', '%00', '41%00', '%ED%A0%80'];
const HOSTILE_PATH_STRINGS = ['%00', 'a%00b', '%ED%A0%80', '%E0%A4%A', '%'];
/** Query values, already percent-encoded. */
const HOSTILE_QUERY_NUMBERS = ['Infinity', '-Infinity', '1e309', 'NaN', '0x29', '%2041', '+41', '41.0', '4e1', '99999999999999999999', '%00'];
const HOSTILE_QUERY_STRINGS = ['%00', 'a%00', 'x%00y', '%ED%A0%80', '%FF'];
/** JSON text of body values. */
const HOSTILE_JSON_NUMBERS = ['1e309', '-1e309', '99999999999999999999', '"Infinity"', '"0x29"', '" 41"', '"4e1"'];
const HOSTILE_JSON_STRINGS = ['"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"x\\udfff"'];

const pick = (values: string[], salt: number) => fc.sample(fc.constantFrom(...values), { seed: SEED + salt, numRuns: PER_PARAMETER });

interface Schema { type?: string | string[]; properties?: Record<string, Schema>; anyOf?: Schema[]; oneOf?: Schema[]; items?: Schema; $ref?: string; enum?: unknown[] }
interface Operation { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }

function isNumeric(schema: Schema | undefined): boolean {
  if (!schema) return false;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('integer') || types.includes('number')) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(isNumeric);
}

interface Probe { method: string; url: string; payload?: string; what: string }

function probesOf(path: string, method: string, op: Operation, salt: number): Probe[] {
  const probes: Probe[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const fill = (value: (name: string) => string) => path.replace(/\{([^}]+)\}/g, (_m, name: string) => value(name));
  // A well-formed stand-in for the path when the hostile value is elsewhere: an id nothing has.
  const plainPath = fill((name) => (isNumeric(pathParams.find((p) => p.name === name)?.schema) ? '987654321' : 'plain-value'));
  for (const param of pathParams) {
    const values = pick(isNumeric(param.schema) ? HOSTILE_PATH_IDS : HOSTILE_PATH_STRINGS, salt++);
    for (const v of values) probes.push({ method, url: fill((name) => (name === param.name ? v : isNumeric(pathParams.find((p) => p.name === name)?.schema) ? '1' : 'x')), what: `path ${param.name}=${v}` });
  }
  for (const param of queryParams) {
    for (const v of pick(isNumeric(param.schema) ? HOSTILE_QUERY_NUMBERS : HOSTILE_QUERY_STRINGS, salt++)) {
      probes.push({ method, url: `${plainPath}?${encodeURIComponent(param.name)}=${v}`, what: `query ${param.name}=${v}` });
    }
  }
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    const props = Object.entries(bodySchema.properties ?? {});
    for (let round = 0; round < PER_PARAMETER; round++) {
      // Every field hostile at once, each its type's value of this round.
      const fields = props.map(([name, schema]) => `${JSON.stringify(name)}:${pick(isNumeric(schema) ? HOSTILE_JSON_NUMBERS : HOSTILE_JSON_STRINGS, salt++)[round]}`);
      if (fields.length === 0) fields.push(`"x":${HOSTILE_JSON_STRINGS[round % HOSTILE_JSON_STRINGS.length]}`);
      probes.push({ method, url: plainPath, payload: `{${fields.join(',')}}`, what: `body ${fields.join(',')}` });
    }
    // A key that cannot be stored, and the body as a bare non-finite number.
    probes.push({ method, url: plainPath, payload: '{"a\\u0000":1}', what: 'body key with NUL' });
    probes.push({ method, url: plainPath, payload: '1e309', what: 'body 1e309' });
  }
  return probes;
}

async function countRows(): Promise<Record<string, number>> {
  const tables = ['audit_log', 'tickets', 'ticket_events', 'staff', 'customers', 'departments', 'categories', 'api_tokens', 'notifications'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
  return out;
}

describe('hostile input on every operation', () => {
  it('answers every hostile value with a 4xx in the error shape, never a 5xx, and writes nothing', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const before = await countRows();
    const actors: Array<{ name: string; headers: Record<string, string> }> = [
      { name: 'admin', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } },
      { name: 'customer', headers: { cookie: customer.cookie, 'x-csrf-token': customer.csrfToken } },
      { name: 'anonymous', headers: {} },
    ];
    const failures: string[] = [];
    let requests = 0;
    let operations = 0;
    let salt = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations++;
        const probes = probesOf(path, method.toUpperCase(), op, (salt += 50));
        for (const probe of probes) {
          for (const actor of actors) {
            requests++;
            const res = await t.app.inject({
              method: probe.method as 'GET', url: probe.url,
              headers: { ...actor.headers, ...(probe.payload === undefined ? {} : { 'content-type': 'application/json' }) },
              ...(probe.payload === undefined ? {} : { payload: probe.payload }),
            });
            const where = `${actor.name} ${probe.method} ${path} (${probe.what.slice(0, 120)}): ${res.statusCode}`;
            if (res.statusCode < 400 || res.statusCode >= 500) {
              failures.push(`${where} ${res.body.slice(0, 200)}`);
              continue;
            }
            let body: { error?: { code?: unknown; message?: unknown } } | undefined;
            try {
              body = res.json();
            } catch {
              body = undefined;
            }
            if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') failures.push(`${where} not the error shape: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(operations).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expect(await countRows()).toEqual(before);
    console.info(`hostile input: ${operations} operations, ${requests} requests, ${failures.length} failures`);
  }, 120_000);

  it('names the field and says what is wrong', async () => {
    const cases: Array<[string, string, string | undefined, string]> = [
      ['GET', '/api/staff/0x29', undefined, 'id'],
      ['GET', '/api/staff/%2041', undefined, 'id'],
      ['GET', '/api/staff/4e1', undefined, 'id'],
      ['GET', '/api/staff/41.0', undefined, 'id'],
      ['GET', '/api/staff/Infinity', undefined, 'id'],
      ['GET', '/api/staff/99999999999999999999', undefined, 'id'],
      ['POST', '/api/departments', '{"name":"a\\u0000b"}', 'name'],
      ['POST', '/api/departments', '{"name":"\\ud800"}', 'name'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await admin.request(method as 'GET', url, payload === undefined ? undefined : JSON.parse(payload));
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatchObject({ code: 'invalid', field, message: expect.stringContaining(`"${field}"`) });
    }
    for (const escape of ['%ED%A0%80', '%FF', '%E0%A4%A']) {
      const res = await admin.request('GET', `/api/staff?q=${escape}`);
      expect(res.statusCode, escape).toBe(400);
      expect(res.json().error, escape).toMatchObject({ code: 'invalid', field: 'q' });
    }
    const nul = await admin.request('GET', '/api/staff?q=a%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.field).toBe('q');
    const infinite = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email":1e309,"password":"x"}' });
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().error).toMatchObject({ field: 'email' });
  });

  it('answers Fastify’s own refusals in the error shape with the request id', async () => {
    const longParam = await t.app.inject({ method: 'GET', url: `/api/staff/${'9'.repeat(600)}` });
    expect(longParam.statusCode).toBe(414);
    expect(longParam.json()).toEqual({ error: { code: 'uri_too_long', message: expect.any(String) } });
    expect(longParam.headers['x-request-id']).toEqual(expect.any(String));
    const badEscape = await t.app.inject({ method: 'GET', url: '/api/staff/%E0%A4%A' });
    expect(badEscape.statusCode).toBe(400);
    expect(badEscape.json().error.code).toBe('bad_url');
    expect(badEscape.headers['x-request-id']).toEqual(expect.any(String));
    const empty = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/empty/);
  });
});
