import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { signRatingLink, verifyRatingLink } from '../../src/services/tickets/rating-links.ts';
import { buildDepartment, buildStaff } from '../helpers/factories.ts';
import type { TestServer } from '../helpers/test-server.ts';
import { apiSession } from './browser.ts';

export const CUSTOMER_PASSWORD = 'my portal password';

export type Call = <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>;

/** A customer who signed up and signed in over plain HTTP: a caller with the portal cookie and the portal CSRF token. */
export async function portalCustomer(baseUrl: string, name = '张先生'): Promise<{ email: string; password: string; call: Call }> {
  const email = `customer-${randomBytes(4).toString('hex')}@example.com`;
  const up = await fetch(`${baseUrl}/api/portal/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: CUSTOMER_PASSWORD, name }) });
  if (up.status !== 202) throw new Error(`portal sign-up failed: ${up.status} ${await up.text()}`);
  const res = await fetch(`${baseUrl}/api/portal/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: CUSTOMER_PASSWORD }) });
  if (res.status !== 200) throw new Error(`portal sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call: Call = async (method, path, body, headers = {}) => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} → ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as never;
  };
  return { email, password: CUSTOMER_PASSWORD, call };
}

/** A staff member in a department, signed in over HTTP (the staff API, the staff CSRF token). */
export async function staffMember(server: TestServer, name: string) {
  const dept = await buildDepartment(server.db);
  const staff = await buildStaff(server.db, { name, departmentId: dept.id, roles: ['agent'], staffClass: 'dedicated' });
  const call = (await apiSession(server.baseUrl, staff.email, staff.password)) as Call;
  return { ...staff, call };
}

/** A portal request, picked up by `staff`, answered and resolved: ready to be rated. */
export async function resolvedRequest(customer: Call, staff: Call, subject: string): Promise<{ id: number; number: string }> {
  const ticket = await customer<{ id: number; number: string }>('POST', '/api/portal/tickets', { subject, description: '客厅的灯不亮了。' }, { 'idempotency-key': randomBytes(16).toString('hex') });
  await staff('POST', `/api/tickets/${ticket.id}/pick-up`, {});
  await staff('POST', `/api/tickets/${ticket.id}/reply`, { text: '我们明天上午派人上门。' });
  await staff('POST', `/api/tickets/${ticket.id}/resolve`, { result: '更换了保险丝，已恢复供电。' });
  return ticket;
}

/** The token of a fresh rating link the owner makes for the request. */
export async function ratingLinkToken(staff: Call, ticketId: number): Promise<string> {
  const { url } = await staff<{ url: string }>('POST', `/api/tickets/${ticketId}/rating-link`);
  return new URL(url).pathname.split('/rate/')[1]!;
}

/** A link for the same ticket that expired a minute ago, signed with the server's own secret (kept in `settings`). */
export async function expiredRatingLinkToken(server: TestServer, validToken: string): Promise<string> {
  const { value: secret } = await server.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  const claims = verifyRatingLink(validToken, secret);
  if (!claims) throw new Error('the valid token does not verify with the stored secret');
  return signRatingLink({ ticketId: claims.ticketId, expiresAtMs: Date.now() - 60_000, round: claims.round, nonce: randomBytes(16).toString('base64url') }, secret);
}

/** The same link with its signature changed: the server must refuse it as not valid. */
export function tamperedToken(token: string): string {
  const [payload, signature] = token.split('.') as [string, string];
  return `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
}

/**
 * Opens a rating link the way a customer does: the address itself, loaded fresh. A clear failure
 * when the server answers it with a JSON 404 instead of the web app.
 */
export async function openRatingLink(page: Page, token: string): Promise<void> {
  const res = await page.goto(`/rate/${token}`);
  if (res && res.status() === 404 && (res.headers()['content-type'] ?? '').includes('json')) {
    throw new Error(
      `GET /rate/<token> answered a JSON 404, not the web app: the server's SPA fallback (setNotFoundHandler in src/http/app.ts) skips paths with an extension (path.extname), and a rating token "<payload>.<signature>" has a dot.`,
    );
  }
}
