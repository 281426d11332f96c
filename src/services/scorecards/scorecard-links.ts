import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { DomainError, conflict, invalid } from '../../domain/shared/domain-error.ts';
import { GRADES } from '../../domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS } from '../../domain/surveys/score-scorecard.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { recordScorecardAnswer, type ScorecardAnswerInput } from './answer-scorecard.ts';
import { requireVisibleScorecard } from './scorecard-access.ts';

/** A week's link works for two weeks: long enough for a contact back from a trip, short enough to stay about that week. */
export const SCORECARD_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface ScorecardLinkClaims {
  scorecardId: number;
  contactId: number;
  expiresAtMs: number;
}

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

/**
 * `base64url("scorecard.id.contact.expires")` + `.` + HMAC-SHA256 with the server secret, as rating links
 * are signed; the "scorecard" prefix keeps a rating link from ever verifying as a scorecard link.
 * Nothing is stored: the link is used up when the scorecard is answered.
 */
export function signScorecardLink(claims: ScorecardLinkClaims, secret: string): string {
  const payload = Buffer.from(`scorecard.${claims.scorecardId}.${claims.contactId}.${claims.expiresAtMs}`).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

export function verifyScorecardLink(token: string, secret: string): ScorecardLinkClaims | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^scorecard\.(\d{1,15})\.(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!match) return null;
  return { scorecardId: Number(match[1]), contactId: Number(match[2]), expiresAtMs: Number(match[3]) };
}

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

async function openLink(db: Db, token: string, nowMs: number, secret: string) {
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

export interface ScorecardLinkView {
  accountName: string;
  contactName: string;
  weekKey: string;
  weekStart: string;
  alreadyAnswered: boolean;
  expiresAt: string;
  areas: readonly string[];
  grades: readonly string[];
}

/** What the public page shows before the contact answers. */
export async function readScorecardLink(db: Db, input: { token: string; nowMs: number; secret: string }): Promise<ScorecardLinkView> {
  const { claims, row } = await openLink(db, input.token, input.nowMs, input.secret);
  return {
    accountName: row.account_name, contactName: row.contact_name, weekKey: row.week_key, weekStart: row.week_start.toISOString(),
    alreadyAnswered: row.status === 'answered', expiresAt: new Date(claims.expiresAtMs).toISOString(), areas: SCORECARD_AREAS, grades: GRADES,
  };
}

/** The contact grades the week through the link; a second use (or an answer already entered by staff) is 409. */
export async function answerScorecardByLink(
  db: Db,
  ctx: RequestContext,
  input: ScorecardAnswerInput & { token: string; nowMs: number; secret: string },
): Promise<{ weekKey: string; meanPoints: number }> {
  const { claims, row } = await openLink(db, input.token, input.nowMs, input.secret);
  // Recorded as the account's answer, as a rating link records the customer's.
  const customerCtx: RequestContext = { ...ctx, actor: { kind: 'customer', id: row.customer_id } };
  const result = await db.transaction().execute((trx) =>
    recordScorecardAnswer(trx, customerCtx, { grades: input.grades, comments: input.comments, scorecardId: claims.scorecardId, contactId: claims.contactId, enteredByStaffId: null, channel: 'link', nowMs: input.nowMs }),
  );
  return { weekKey: row.week_key, meanPoints: result.meanPoints };
}
