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
