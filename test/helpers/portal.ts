import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { AppInstance } from '../../src/http/app.ts';

export const PORTAL_PASSWORD = 'my portal password';

/** A customer signed in on the portal, over `inject`, sending the portal cookie and its CSRF token. */
export interface PortalClient {
  customerId: number;
  email: string;
  cookie: string;
  csrfToken: string;
  request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function portalSignUp(app: AppInstance, body: Record<string, unknown>, remoteAddress = '10.9.0.1') {
  return app.inject({ method: 'POST', url: '/api/portal/account', payload: body, remoteAddress });
}

export function portalSignIn(app: AppInstance, email: string, password: string, remoteAddress = '10.9.0.1') {
  return app.inject({ method: 'POST', url: '/api/portal/session', payload: { email, password }, remoteAddress });
}

export async function signInCustomer(app: AppInstance, email: string, password = PORTAL_PASSWORD): Promise<PortalClient> {
  const res = await portalSignIn(app, email, password);
  if (res.statusCode !== 200) throw new Error(`portal sign-in failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'centric_portal_session');
  if (!cookie) throw new Error('no portal cookie');
  const body = res.json<{ csrfToken: string; customer: { id: number } }>();
  const header = `centric_portal_session=${cookie.value}`;
  return {
    customerId: body.customer.id,
    email,
    cookie: header,
    csrfToken: body.csrfToken,
    request(method, url, payload, headers = {}) {
      return app.inject({ method, url, headers: { cookie: header, 'x-csrf-token': body.csrfToken, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
    },
  };
}

/** A new customer with a portal account (unique email each call), already signed in. */
export async function signUpCustomer(app: AppInstance, overrides: { name?: string; phone?: string } = {}): Promise<PortalClient> {
  const email = `customer-${randomBytes(4).toString('hex')}@example.com`;
  const res = await portalSignUp(app, { email, password: PORTAL_PASSWORD, name: overrides.name ?? '张先生', ...(overrides.phone ? { phone: overrides.phone } : {}) });
  if (res.statusCode !== 202) throw new Error(`portal sign-up failed: ${res.statusCode} ${res.body}`);
  return signInCustomer(app, email);
}
