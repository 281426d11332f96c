import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/** What the check found wrong with one answer. */
export interface ResponseMismatch {
  method: string;
  url: string;
  status: number;
  problem: string;
}

// ajv-formats is CommonJS: its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes: false, useDefaults: false, removeAdditional: false }));
// Schemas are module-level constants shared by every app a test file builds: compile each once.
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * A copy of a response schema in which every object without an explicit `additionalProperties`
 * refuses unknown fields, so a field the server sends but the contract does not name is caught
 * (in production Fastify's serializer would silently drop it).
 */
export function strictSchema(schema: unknown, inAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => strictSchema(s, inAllOf));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'allOf') out[key] = strictSchema(value, true);
    else if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, strictSchema(s)]));
    } else if (key === 'example' || key === 'examples' || key === 'default' || key === 'const' || key === 'enum') out[key] = value;
    else out[key] = strictSchema(value);
  }
  if (out.type === 'object' && out.properties && !('additionalProperties' in out) && !('patternProperties' in out) && !inAllOf) out.additionalProperties = false;
  return out;
}

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(strictSchema(schema) as object);
    compiled.set(schema, v);
  }
  return v;
}

/** The declared schema for a status: exact, then `4xx`-style ranges, then `default`. */
export function responseSchemaFor(responses: Record<string, unknown> | undefined, status: number): unknown {
  if (!responses) return undefined;
  return responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

/**
 * Makes every JSON answer prove it matches the route's declared response schema: a mismatch, or a
 * status the route declares no schema for, becomes a 500 and is reported to `sink`, so the test that
 * caused it fails. Call before any route is registered (the serializer compiler applies from then on).
 */
export function installResponseCheck(app: FastifyInstance, sink: (m: ResponseMismatch) => void): void {
  app.setSerializerCompiler(({ schema, method, url, httpStatus }) => {
    const validate = validatorFor(schema as object);
    return (data: unknown) => {
      const json = JSON.stringify(data);
      const value: unknown = json === undefined ? undefined : JSON.parse(json);
      if (!validate(value)) {
        const problem = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ');
        sink({ method, url, status: Number(httpStatus) || 0, problem: `does not match its response schema: ${problem}` });
        throw new Error(`The ${method} ${url} answer (${httpStatus}) does not match its response schema: ${problem}`);
      }
      return json ?? '';
    };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const responses = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
    // Routes without any response schema (static files, hidden endpoints) are the OpenAPI test's concern.
    if (!responses) return payload;
    if (responseSchemaFor(responses, reply.statusCode) === undefined) {
      sink({ method: request.method, url: request.routeOptions.url ?? request.url, status: reply.statusCode, problem: `answered ${reply.statusCode}, a status it declares no response schema for` });
    }
    return payload;
  });
}
