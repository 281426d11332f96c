import type { Db } from '../../db/connect.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { requireVisibleScorecard } from './scorecard-access.ts';
import { SCORECARD_LINK_TTL_MS, signScorecardLink } from './scorecard-link-token.ts';

/** The account team sends a contact (one with an email) a link to grade the week without signing in. */
export async function createScorecardLink(
  db: Db,
  ctx: RequestContext,
  input: { scorecardId: number; contactId: number; nowMs: number; secret: string },
): Promise<{ token: string; expiresAt: string; email: string }> {
  requireStaff(ctx);
  const card = await requireVisibleScorecard(db, ctx, input.scorecardId);
  if (card.status === 'answered') throw conflict('This week’s scorecard has already been answered.', undefined, 'already_answered');
  const contact = await db.selectFrom('customer_contacts').select(['id', 'emails', 'active']).where('id', '=', input.contactId).where('customer_id', '=', card.customer_id).executeTakeFirst();
  if (!contact || !contact.active) throw invalid('Choose an active contact of this account', 'contactId');
  const email = contact.emails[0];
  if (!email) throw invalid('This contact has no email address to send the link to; add one first', 'contactId');
  const expiresAtMs = input.nowMs + SCORECARD_LINK_TTL_MS;
  const token = signScorecardLink({ scorecardId: card.id, contactId: contact.id, expiresAtMs }, input.secret);
  await recordAudit(db, ctx, { action: 'scorecard.link', entity: 'scorecard', entityId: card.id, before: null, after: { contactId: contact.id, expiresAt: new Date(expiresAtMs).toISOString() } });
  return { token, expiresAt: new Date(expiresAtMs).toISOString(), email };
}
