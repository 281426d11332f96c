import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import type { CustomerActor, RequestContext } from '../context.ts';
import { getDummyHash, verifyPassword } from './password.ts';
import { sha256 } from './sessions.ts';
import { assertNotLocked, failSignIn, throttleKeys } from './sign-in-throttle.ts';

import type { PortalCustomer } from '../../contracts/portal.ts';

export type { PortalCustomer } from '../../contracts/portal.ts';

export interface PortalSignInResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  customer: PortalCustomer;
}

/** Portal failures are counted under their own email keys, apart from staff accounts with the same address. */
export const PORTAL_THROTTLE_PREFIX = 'portal-email:';

const INVALID = 'The email or password is not correct.';

type CustomerRow = { id: number; name: string; portal_email: string | null; phones: string[] };

export function toPortalCustomer(row: CustomerRow): PortalCustomer {
  return { id: row.id, name: row.name, email: row.portal_email ?? '', phone: row.phones[0] ?? null };
}

export const toCustomerActor = (customerId: number): CustomerActor => ({ kind: 'customer', id: customerId });

/**
 * A customer signs in with their portal email and password. Like staff sign-in: unknown emails and
 * wrong passwords get the same answer in the same time, 5 failures in 15 minutes lock the email, and
 * failures from one address count against it across staff and portal accounts.
 */
export async function signInCustomer(
  db: Db,
  ctx: RequestContext,
  input: { email: string; password: string; userAgent: string | null; ttlHours: number; nowMs: number },
): Promise<PortalSignInResult> {
  const keys = throttleKeys(PORTAL_THROTTLE_PREFIX, input.email, ctx.clientIp);
  await assertNotLocked(db, keys, input.nowMs);
  const customer = await db
    .selectFrom('customers')
    .select(['id', 'name', 'portal_email', 'phones', 'portal_password_hash'])
    .where((eb) => eb(eb.fn('lower', ['portal_email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, customer?.portal_password_hash ?? (await getDummyHash()));
  if (!customer || !customer.portal_password_hash || !ok) return failSignIn(db, keys, input.nowMs, INVALID);

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(input.nowMs + input.ttlHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_sessions')
      .values({ id: sha256(token), customer_id: customer.id, csrf_token: csrfToken, expires_at: expiresAt, client_ip: ctx.clientIp, user_agent: input.userAgent?.slice(0, 500) ?? null })
      .execute();
    await trx.deleteFrom('sign_in_throttle').where('key', '=', keys.emailKey).execute();
    await recordAudit(trx, { ...ctx, actor: toCustomerActor(customer.id) }, { action: 'portal_session.sign_in', entity: 'customer', entityId: customer.id });
  });
  return { token, csrfToken, expiresAt, customer: toPortalCustomer(customer) };
}

export async function signOutCustomer(db: Db, ctx: RequestContext, input: { token: string }): Promise<void> {
  const { token } = input;
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('portal_sessions').where('id', '=', sha256(token)).returning('customer_id').executeTakeFirst();
    if (deleted) await recordAudit(trx, ctx, { action: 'portal_session.sign_out', entity: 'customer', entityId: deleted.customer_id });
  });
}

/** The customer behind a portal cookie, or null when it is unknown, expired or the account is gone. */
export async function resolvePortalSession(
  db: Db,
  token: string,
  nowMs: number,
): Promise<{ customer: PortalCustomer; csrfToken: string; expiresAt: Date } | null> {
  const row = await db
    .selectFrom('portal_sessions')
    .innerJoin('customers', 'customers.id', 'portal_sessions.customer_id')
    .select(['customers.id', 'customers.name', 'customers.portal_email', 'customers.phones', 'customers.portal_password_hash', 'portal_sessions.csrf_token', 'portal_sessions.expires_at'])
    .where('portal_sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || !row.portal_password_hash || row.expires_at.getTime() <= nowMs) return null;
  return { customer: toPortalCustomer(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
}
