import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from './errors.ts';

/**
 * What happens to a request before any route sees it: the request id, and (below) the checks that
 * apply to every operation alike. Kept apart from app.ts so each rule is written once.
 */

/** A client-supplied request id is kept only as a short token of safe characters: it is written into the append-only audit trail. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The client's X-Request-Id when it is a safe token, otherwise a fresh UUID. */
export function chooseRequestId(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * /metrics is for the scraper holding CENTRIC_METRICS_TOKEN (`Authorization: Bearer <token>`). Without a
 * configured token it answers 404: metrics are off, as if the route were not there.
 */
export function metricsGuard(metricsToken: string | null) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (metricsToken === null) {
      await reply.status(404).send({ error: { code: 'not_found', message: 'Metrics are off: set CENTRIC_METRICS_TOKEN and send it as Authorization: Bearer <token>' } } satisfies ErrorBody);
      return;
    }
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Compared as digests: equal length for timingSafeEqual, and no early exit on the first differing character.
    if (!timingSafeEqual(digest(given), digest(metricsToken))) {
      await reply.status(401).header('www-authenticate', 'Bearer').send({ error: { code: 'unauthorized', message: 'Send the metrics token as Authorization: Bearer <token>' } } satisfies ErrorBody);
    }
  };
}

/**
 * The Content-Security-Policy of everything Centric serves (the web app, the API docs, JSON). The built
 * app loads only its own scripts (no inline script: web/public/set-lang.js replaced the one in
 * index.html); styles need 'unsafe-inline' because Mantine and swagger-ui inject <style> tags and style
 * attributes at runtime; images may be data:/blob: (chart PNG export, CSV download links).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every answer; HSTS only when Centric is served over HTTPS (CENTRIC_SECURE_COOKIES). */
export function securityHeaders(options: { hsts: boolean }): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Rating and scorecard links carry their token in the path: never send it on to another site.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Sets the security headers on the raw response as soon as a request arrives (so streams that write
 * their own head, like GET /api/events, carry them too) and again on send (for answers Fastify gives
 * before any hook ran, e.g. a URL the router refuses).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', async (_request, reply) => {
    for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });
}

// ---------------------------------------------------------------------------------------------
// Bad input, one rule per class, for every operation (a preValidation hook, before Ajv coerces).

/** Why a value is refused, or null when it is fine. */
type Fault = { field: string; message: string } | null;

/** NUL (PostgreSQL text cannot hold it) or a UTF-16 surrogate without its partner (not Unicode; stored as U+FFFD). */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** An integer written plainly: optional minus, digits, no spaces, signs, hex, exponent or decimals. */
const PLAIN_INTEGER = /^-?\d{1,16}$/;
/** A number written plainly: an integer, optionally with a decimal fraction. */
const PLAIN_NUMBER = /^-?\d{1,16}(\.\d{1,16})?$/;

interface SchemaLike {
  type?: string | string[];
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike | SchemaLike[];
  anyOf?: SchemaLike[];
  oneOf?: SchemaLike[];
  allOf?: SchemaLike[];
  additionalProperties?: boolean | SchemaLike;
}

/** The JSON types a schema accepts (through unions), so a string is judged only where it would be coerced to a number. */
function acceptedTypes(schema: SchemaLike | undefined, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  if (typeof schema.type === 'string') out.add(schema.type);
  else if (Array.isArray(schema.type)) schema.type.forEach((t) => out.add(t));
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) acceptedTypes(s, out);
  if (out.size === 0 && (schema as { const?: unknown }).const !== undefined) out.add(typeof (schema as { const?: unknown }).const);
  return out;
}

/** The schema of `key` inside an object schema (through unions), if any. */
function propertySchema(schema: SchemaLike | undefined, key: string): SchemaLike | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema.properties?.[key]) return schema.properties[key];
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    const found = propertySchema(s, key);
    if (found) return found;
  }
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

function itemSchema(schema: SchemaLike | undefined): SchemaLike | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  if (schema.items && !Array.isArray(schema.items)) return schema.items;
  for (const s of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = itemSchema(s);
    if (found) return found;
  }
  return undefined;
}

const TOO_BIG = `is too large: numbers must be between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;

/**
 * One value against the rules: strings must be storable; a string where the schema wants a number
 * (path, query, or a coercible body field) must be written plainly — `41`, never ` 41`, `+41`, `0x29`,
 * `41.0` or `4e1`, which Ajv would all coerce to 41; numbers must be finite and exactly representable.
 */
function findFault(value: unknown, schema: SchemaLike | undefined, field: string, depth = 0): Fault {
  if (depth > 64) return { field, message: `"${field}" is nested too deeply` };
  const name = field || 'The request';
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) {
      return { field, message: `"${name}" contains a character that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)` };
    }
    const types = acceptedTypes(schema);
    // An empty value where null is allowed is how a query string says "none".
    if (!types.has('string') && (types.has('integer') || types.has('number')) && !(value === '' && types.has('null'))) {
      const plain = types.has('number') ? PLAIN_NUMBER : PLAIN_INTEGER;
      if (!plain.test(value)) {
        return { field, message: types.has('number') ? `"${name}" must be a number written with digits (like 12 or 12.5)` : `"${name}" must be a whole number written with digits only (like 42)` };
      }
      if (Math.abs(Number(value)) > Number.MAX_SAFE_INTEGER) return { field, message: `"${name}" ${TOO_BIG}` };
    }
    return null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { field, message: `"${name}" must be a finite number` };
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { field, message: `"${name}" ${TOO_BIG}` };
    return null;
  }
  if (Array.isArray(value)) {
    const item = itemSchema(schema);
    for (let i = 0; i < value.length; i++) {
      const fault = findFault(value[i], item ?? schema, field ? `${field}.${i}` : String(i), depth + 1);
      if (fault) return fault;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const path = field ? `${field}.${key}` : key;
      if (UNSTORABLE.test(key)) return { field: path.replace(UNSTORABLE, '?'), message: 'A field name contains a character that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)' };
      const fault = findFault(inner, propertySchema(schema, key), path, depth + 1);
      if (fault) return fault;
    }
  }
  return null;
}

/** Parsed JSON, a query or path object: never a raw upload stream or buffer (whose internals must not be walked). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  return typeof (value as { pipe?: unknown }).pipe !== 'function';
}

/**
 * A query parameter whose %-escapes are not UTF-8 (`%FF`, `%ED%A0%80`, a cut `%E0%A4%A`): the query parser
 * would silently keep or replace them, so the value the client meant is unknown. Names the parameter.
 */
function findBadQueryEscape(url: string): Fault {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const part of query.split('&')) {
    const [rawName = '', rawValue = ''] = part.split('=', 2);
    for (const piece of [rawName, rawValue]) {
      try {
        decodeURIComponent(piece.replace(/\+/g, ' '));
      } catch {
        const name = (() => {
          try {
            return decodeURIComponent(rawName);
          } catch {
            return '';
          }
        })();
        return { field: name, message: `${name ? `"${name}"` : 'A query parameter'} is not valid: it has a malformed %-escape` };
      }
    }
  }
  return null;
}

/** Refuses bad input in the path, the query string and a JSON body of every operation, naming the field. */
export function registerInputRules(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const schema = (request.routeOptions.schema ?? {}) as { params?: SchemaLike; querystring?: SchemaLike; body?: SchemaLike };
    const fault =
      findBadQueryEscape(request.url) ??
      findFault(request.params, schema.params, '') ??
      findFault(request.query, schema.querystring, '') ??
      (isPlainObject(request.body) || Array.isArray(request.body) || typeof request.body === 'number' || typeof request.body === 'string' ? findFault(request.body, schema.body, '') : null);
    if (fault) {
      const body: ErrorBody = { error: { code: 'invalid', message: fault.message } };
      if (fault.field) body.error.field = fault.field;
      await reply.status(400).send(body);
    }
  });
}
