import type { Db } from '../../db/connect.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { signToken, verifyToken } from '../signed-tokens.ts';

/** How long a rating link works: as long as the customer may reopen online, so a late answer still counts. */
export const RATING_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** What a rating link says: which ticket, which result of it, until when, and a nonce that makes each link usable once. */
export interface RatingLinkClaims {
  ticketId: number;
  expiresAtMs: number;
  /**
   * Which result it asks about: the ticket's reopen count when the link was made. After a reopen
   * (and a new result) the link no longer rates anything. Null in links made before this was signed.
   */
  round: number | null;
  nonce: string;
}

/** `base64url(ticketId.expiresAtMs.round.nonce)` + `.` + `base64url(HMAC-SHA256(secret, that first part))`. */
export function signRatingLink(claims: RatingLinkClaims, secret: string): string {
  const parts = [claims.ticketId, claims.expiresAtMs, ...(claims.round === null ? [] : [claims.round]), claims.nonce];
  return signToken(parts.join('.'), secret);
}

/** The claims of a link signed with `secret`, spelled canonically; null for anything else (tampered, truncated, made up, respelled). */
export function verifyRatingLink(token: string, secret: string): RatingLinkClaims | null {
  const payload = verifyToken(token, secret);
  if (payload === null) return null;
  const match = /^(\d{1,15})\.(\d{1,15})(?:\.(\d{1,9}))?\.([A-Za-z0-9_-]{16,64})$/.exec(payload);
  if (!match) return null;
  return { ticketId: Number(match[1]), expiresAtMs: Number(match[2]), round: match[3] === undefined ? null : Number(match[3]), nonce: match[4]! };
}

/** The link asks about the ticket's current result (a link from before the binding: the first result). */
function isForCurrentResult(claims: RatingLinkClaims, ticket: { reopen_count: number }): boolean {
  return (claims.round ?? 0) === ticket.reopen_count;
}

/** The link's claims and its ticket, or why the link no longer works (404 not valid, 410 expired or superseded). */
export async function openRatingLink(db: Db, token: string, nowMs: number, secret: string) {
  const claims = verifyRatingLink(token, secret);
  if (!claims) throw new DomainError('not_found', 'This rating link is not valid. Check that the whole link was copied.', undefined, 'invalid_link');
  if (claims.expiresAtMs <= nowMs) {
    throw new DomainError('gone', 'This rating link has expired. Please contact us, or rate the request on the customer portal.', undefined, 'link_expired');
  }
  const ticket = await db.selectFrom('tickets').selectAll().where('id', '=', claims.ticketId).executeTakeFirst();
  if (!ticket) throw new DomainError('not_found', 'This rating link is not valid.', undefined, 'invalid_link');
  if (!isForCurrentResult(claims, ticket)) {
    throw new DomainError('gone', 'This rating link was for an earlier result: the request was worked on again since. Please use the newest link, or rate it on the customer portal.', undefined, 'link_superseded');
  }
  const used = await db.selectFrom('rating_link_uses').select('nonce').where('nonce', '=', claims.nonce).executeTakeFirst();
  return { claims, ticket, used: used !== undefined };
}
