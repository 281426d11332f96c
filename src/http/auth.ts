import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connect.ts';
import type { AuthMethod } from '../domain/auth/auth-methods.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { resolveApiToken } from '../services/auth/api-tokens.ts';
import { resolvePortalSession, toCustomerActor, type PortalCustomer } from '../services/auth/portal-sessions.ts';
import { createPrincipalCache, type PrincipalCache } from '../services/auth/principal-cache.ts';
import { resolveSession, sha256, toActor, type SessionUser } from '../services/auth/sessions.ts';
import type { CustomerActor, RequestContext, StaffActor } from '../services/context.ts';

export const SESSION_COOKIE = 'centric_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Customers' own cookie, sent only to the portal API: a staff member and a customer can be signed in side by side. */
export const PORTAL_SESSION_COOKIE = 'centric_portal_session';
export const PORTAL_COOKIE_PATH = '/api/portal';

export interface Auth {
  user: SessionUser;
  via: AuthMethod;
  /** The hashed session id, for "sign out everywhere else". */
  sessionId: string | null;
  csrfToken: string | null;
}

/** A customer signed in on the portal. */
export interface PortalAuth {
  customer: PortalCustomer;
  csrfToken: string;
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The staff member (session cookie or API token); never set on portal and rating-link paths. */
    auth: Auth | null;
    /** The customer (portal cookie); set only on portal paths. */
    portalAuth: PortalAuth | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Where customers act: only the portal cookie counts here, never a staff session or token. */
const PORTAL_PREFIX = '/api/portal/';
/** Rating links carry their own signature and need nobody signed in. */
const RATING_LINK_PREFIX = '/api/rating/';
/** Signing up and signing in need no CSRF token: there is no session yet (or it is being replaced). */
const PORTAL_NO_CSRF = new Set(['/api/portal/session', '/api/portal/account']);

/**
 * Resolves the caller from the session cookie or a Bearer token (staff), or from the portal cookie on
 * portal paths (customers). Cookie-authenticated changes must echo the session's CSRF token in a
 * header, which another site's form cannot do.
 */
export function registerAuth(app: FastifyInstance, db: Db, now: () => number, options: { databaseUrl?: string; cacheTtlMs?: number } = {}): void {
  // Staff sessions and tokens are remembered for a few seconds (one round trip less per request);
  // it needs LISTEN for invalidations, so only with a database URL.
  const cache: PrincipalCache | null = options.databaseUrl && options.cacheTtlMs !== 0 ? createPrincipalCache({ url: options.databaseUrl, ttlMs: options.cacheTtlMs, log: app.log }) : null;
  if (cache) app.addHook('onClose', async () => cache.close());
  app.decorateRequest('auth', null);
  app.decorateRequest('portalAuth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith(RATING_LINK_PREFIX)) return;
    if (path.startsWith(PORTAL_PREFIX)) return resolvePortalCaller(request, db, now(), path);
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = await resolveApiToken(db, header.slice(7).trim(), now(), cache);
      if (!user) throw new DomainError('unauthorized', 'The API token is not valid, has expired or was revoked.', undefined, 'invalid_token');
      request.auth = { user, via: 'token', sessionId: null, csrfToken: null };
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resolveSession(db, token, now(), cache);
    if (!session) return;
    request.auth = { user: session.user, via: 'session', sessionId: sha256(token), csrfToken: session.csrfToken };
    const isSignIn = request.method === 'POST' && request.url.split('?')[0] === '/api/session';
    if (UNSAFE.has(request.method) && !isSignIn && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new DomainError('forbidden', 'The request is missing its CSRF token; reload the page and try again.', undefined, 'csrf');
    }
  });
}

async function resolvePortalCaller(request: FastifyRequest, db: Db, nowMs: number, path: string): Promise<void> {
  const token = request.cookies[PORTAL_SESSION_COOKIE];
  if (!token) return;
  const session = await resolvePortalSession(db, token, nowMs);
  if (!session) return;
  request.portalAuth = session;
  const exempt = request.method === 'POST' && PORTAL_NO_CSRF.has(path);
  if (UNSAFE.has(request.method) && !exempt && request.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new DomainError('forbidden', 'The request is missing its CSRF token; reload the page and try again.', undefined, 'csrf');
  }
}

/** The request's context for portal services; throws 401 when no customer is signed in. */
export function portalContext(request: FastifyRequest): RequestContext & { actor: CustomerActor } {
  if (!request.portalAuth) throw new DomainError('unauthorized', 'Sign in to the portal first.', undefined, 'unauthorized');
  return { actor: toCustomerActor(request.portalAuth.customer.id), requestId: request.id, clientIp: request.ip };
}

export function setPortalSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(PORTAL_SESSION_COOKIE, token, {
    path: PORTAL_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure || request.protocol === 'https',
    expires: expiresAt,
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
