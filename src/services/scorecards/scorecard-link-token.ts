import type { Db } from '../../db/connect.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { signToken, verifyToken } from '../signed-tokens.ts';

/** A week's link works for two weeks: long enough for a contact back from a trip, short enough to stay about that week. */
export const SCORECARD_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface ScorecardLinkClaims {
  scorecardId: number;
  contactId: number;
  expiresAtMs: number;
}

/**
 * `base64url("scorecard.id.contact.expires")` + `.` + HMAC-SHA256 with the server secret, as rating links
 * are signed; the "scorecard" prefix keeps a rating link from ever verifying as a scorecard link.
 * Nothing is stored: the link is used up when the scorecard is answered.
 */
export function signScorecardLink(claims: ScorecardLinkClaims, secret: string): string {
  return signToken(`scorecard.${claims.scorecardId}.${claims.contactId}.${claims.expiresAtMs}`, secret);
}

/** The claims of a genuine link in its one canonical spelling (services/signed-tokens.ts); null for anything else. */
export function verifyScorecardLink(token: string, secret: string): ScorecardLinkClaims | null {
  const payload = verifyToken(token, secret);
  if (payload === null) return null;
  const match = /^scorecard\.(\d{1,15})\.(\d{1,15})\.(\d{1,15})$/.exec(payload);
  if (!match) return null;
  return { scorecardId: Number(match[1]), contactId: Number(match[2]), expiresAtMs: Number(match[3]) };
}

/** Checks a link's signature and expiry and loads what it is about: 404 when not valid, 410 when expired. */
export async function openScorecardLink(db: Db, token: string, nowMs: number, secret: string) {
  const claims = verifyScorecardLink(token, secret);
  if (!claims) throw new DomainError('not_found', 'This scorecard link is not valid. Check that the whole link was copied.', undefined, 'invalid_link');
  if (claims.expiresAtMs <= nowMs) throw new DomainError('gone', 'This scorecard link has expired. Please ask your account manager for a new one.', undefined, 'link_expired');
  const row = await db
    .selectFrom('scorecards as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .innerJoin('customer_contacts as k', (j) => j.onRef('k.customer_id', '=', 's.customer_id'))
    .select(['s.id', 's.customer_id', 's.status', 's.week_key', 's.week_start', 'c.name as account_name', 'k.id as contact_id', 'k.name as contact_name', 'k.active as contact_active'])
    .where('s.id', '=', claims.scorecardId)
    .where('k.id', '=', claims.contactId)
    .executeTakeFirst();
  if (!row || !row.contact_active) throw new DomainError('not_found', 'This scorecard link is not valid.', undefined, 'invalid_link');
  return { claims, row };
}
