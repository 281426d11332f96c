import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { assertPasswordAcceptable, normalizeEmail, normalizeName } from '../../domain/org/validate-staff.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword } from '../auth/password.ts';
import { toCustomerActor } from '../auth/portal-sessions.ts';
import type { SignUpBody } from '../../contracts/portal.ts';
import type { RequestContext } from '../context.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import { normalizePhone } from '../../domain/customers/normalize-phone.ts';

export type SignUpCustomerInput = SignUpBody;

/**
 * A customer opens a portal account: a new customer record with the portal email and password.
 *
 * The answer is the same whether the email was free or already has a portal account (then nothing
 * changes and the existing password stays), and both take a password hash's time, so sign-up never
 * tells whether an email exists. The customer signs in next, like anyone else.
 *
 * It never attaches the account to an existing customer record that lists the same email (one staff
 * registered from a phone call): nobody has proved they own that address yet, and attaching would show
 * a stranger that customer's history. Staff search finds both records by the email; linking them
 * waits for a verified email (a later issue).
 */
export async function signUpCustomer(db: Db, ctx: RequestContext, input: SignUpCustomerInput): Promise<{ created: boolean }> {
  const email = normalizeEmail(input.email, 'email');
  assertPasswordAcceptable(input.password, 'password');
  const name = normalizeName(input.name, 'name');
  const phones = input.phone?.trim() ? [normalizePhone(input.phone, 'phone')] : [];
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('customers')
      .values({
        kind: 'person', name, organisation: null, phones, emails: [email], department_id: null,
        search_text: customerSearchText({ name, organisation: null, phones, emails: [email] }),
        portal_email: email, portal_password_hash: passwordHash,
      })
      // The unique index on lower(portal_email): a taken email inserts nothing, without an error.
      .onConflict((oc) => oc.expression(sql`lower(portal_email)`).where('portal_email', 'is not', null).doNothing())
      .returning(['id'])
      .executeTakeFirst();
    if (!row) return { created: false };
    await recordAudit(trx, { ...ctx, actor: toCustomerActor(row.id) }, {
      action: 'customer.sign_up', entity: 'customer', entityId: row.id, before: null, after: { kind: 'person', name, phones, emails: [email], portalEmail: email },
    });
    return { created: true };
  });
}
