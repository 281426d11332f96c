import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { resolveApiToken } from '../services/auth/api-tokens.ts';
import { resolveSession, sha256, toActor, type SessionUser } from '../services/auth/sessions.ts';
import type { RequestContext, StaffActor } from '../services/context.ts';

export const SESSION_COOKIE = 'centric_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface Auth {
  user: SessionUser;
  via: 'session' | 'token';
  /** The hashed session id, for "sign out everywhere else". */
  sessionId: string | null;
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from the session cookie or a Bearer token. Cookie-authenticated changes must
 * echo the session's CSRF token in a header, which another site's form cannot do.
 */
export function registerAuth(app: FastifyInstance, db: Db, now: () => number): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = await resolveApiToken(db, header.slice(7).trim(), now());
      if (!user) throw new DomainError('unauthorized', 'The API token is not valid, has expired or was revoked.', undefined, 'invalid_token');
      request.auth = { user, via: 'token', sessionId: null, csrfToken: null };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token, now());
    if (!session) return;
    request.auth = { user: session.user, via: 'session', sessionId: sha256(token), csrfToken: session.csrfToken };
    const isSignIn = request.method === 'POST' && request.url.split('?')[0] === '/api/session';
    if (UNSAFE.has(request.method) && !isSignIn && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new DomainError('forbidden', 'The request is missing its CSRF token; reload the page and try again.', undefined, 'csrf');
    }
  });
}

/** The request's context for services; throws 401 when nobody is signed in. */
export function staffContext(request: FastifyRequest): RequestContext & { actor: StaffActor } {
  if (!request.auth) throw new DomainError('unauthorized', 'Sign in first.', undefined, 'unauthorized');
  return { actor: toActor({ id: request.auth.user.id, roles: request.auth.user.roles, department_id: request.auth.user.departmentId }), requestId: request.id, clientIp: request.ip };
}

export function anonymousContext(request: FastifyRequest): RequestContext {
  return { actor: { kind: 'system' }, requestId: request.id, clientIp: request.ip };
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || request.protocol === 'https',
    expires: expiresAt,
  });
}
