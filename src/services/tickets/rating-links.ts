import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, DomainError, forbidden, notFound } from '../../domain/shared/domain-error.ts';
import { canViewTicket, checkTicketAction, toCustomerStatus, type CustomerTicketStatus } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import { toCustomerActor } from '../auth/portal-sessions.ts';
import type { RequestContext } from '../context.ts';
import { loadOpenSurveyQuestions } from '../surveys/get-ticket-surveys.ts';
import type { SurveyQuestion } from '../../domain/surveys/survey-question.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { performTicketAction } from './perform-ticket-action.ts';
import { toTicketState } from './ticket-row.ts';

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

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

/** `base64url(ticketId.expiresAtMs.round.nonce)` + `.` + `base64url(HMAC-SHA256(secret, that first part))`. */
export function signRatingLink(claims: RatingLinkClaims, secret: string): string {
  const parts = [claims.ticketId, claims.expiresAtMs, ...(claims.round === null ? [] : [claims.round]), claims.nonce];
  const payload = Buffer.from(parts.join('.')).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** The claims of a link signed with `secret`; null for anything else (tampered, truncated, made up). */
export function verifyRatingLink(token: string, secret: string): RatingLinkClaims | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^(\d{1,15})\.(\d{1,15})(?:\.(\d{1,9}))?\.([A-Za-z0-9_-]{16,64})$/.exec(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!match) return null;
  return { ticketId: Number(match[1]), expiresAtMs: Number(match[2]), round: match[3] === undefined ? null : Number(match[3]), nonce: match[4]! };
}

/** The link asks about the ticket's current result (a link from before the binding: the first result). */
function isForCurrentResult(claims: RatingLinkClaims, ticket: { reopen_count: number }): boolean {
  return (claims.round ?? 0) === ticket.reopen_count;
}

/**
 * The owner sends the customer a link to rate the result without signing in (by text message, email,
 * chat). Only while the ticket is resolved and nobody recorded the satisfaction yet, and only for a
 * ticket with a customer record, since the rating is recorded as that customer's.
 */
export async function createRatingLink(
  db: Db,
  ctx: RequestContext,
  input: { ticketId: number; nowMs: number; secret: string },
): Promise<{ token: string; expiresAt: Date }> {
  const actor = await loadStaffTicketActor(db, ctx);
  const row = await db.selectFrom('tickets').selectAll().where('id', '=', input.ticketId).executeTakeFirst();
  if (!row || !canViewTicket(toTicketState(row), actor)) throw notFound(`No ticket with id ${input.ticketId}`);
  if (row.owner_id !== actor.id) throw forbidden("Only the ticket's owner can send the customer a rating link.");
  if (row.customer_id === null) {
    throw conflict('This ticket has no customer record, so a rating could not be recorded as theirs; call them back instead.', undefined, 'no_customer');
  }
  // The customer could rate it now: the same rule the link will face when it is used.
  const blocked = checkTicketAction(toTicketState(row), { kind: 'customer', customerId: row.customer_id }, 'rate', input.nowMs);
  if (blocked) throw new DomainError(blocked.code, blocked.message, undefined, blocked.errorCode ?? blocked.code);

  const expiresAtMs = input.nowMs + RATING_LINK_TTL_MS;
  const token = signRatingLink({ ticketId: row.id, expiresAtMs, round: row.reopen_count, nonce: randomBytes(16).toString('base64url') }, input.secret);
  // Nothing else is stored: the signature is the record. The audit trail says who sent one and when.
  await recordAudit(db, ctx, { action: 'ticket.rating_link', entity: 'ticket', entityId: row.id, before: null, after: { expiresAt: new Date(expiresAtMs).toISOString() } });
  return { token, expiresAt: new Date(expiresAtMs) };
}

async function openRatingLink(db: Db, token: string, nowMs: number, secret: string) {
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

export interface RatingLinkView {
  ticketNumber: string;
  subject: string;
  status: CustomerTicketStatus;
  /** This link was used, or the satisfaction was recorded another way (callback, portal). */
  alreadyRated: boolean;
  expiresAt: string;
  /** The callback survey's questions, when its template has any (all optional to answer). */
  survey?: { questions: SurveyQuestion[] };
}

/** What the rating page shows before the customer answers. */
export async function readRatingLink(db: Db, input: { token: string; nowMs: number; secret: string }): Promise<RatingLinkView> {
  const { claims, ticket, used } = await openRatingLink(db, input.token, input.nowMs, input.secret);
  const alreadyRated = used || ticket.satisfaction !== null;
  const questions = alreadyRated ? [] : await loadOpenSurveyQuestions(db, ticket.id);
  return {
    ticketNumber: ticket.number,
    subject: ticket.subject,
    status: toCustomerStatus(toTicketState(ticket).status),
    alreadyRated,
    expiresAt: new Date(claims.expiresAtMs).toISOString(),
    ...(questions.length > 0 ? { survey: { questions } } : {}),
  };
}

const alreadyRated = () => conflict('This rating link was already used. Thank you for your answer!', undefined, 'already_rated');

/**
 * The customer rates through the link: the same `rate` action as on the portal, recorded as the
 * ticket's customer, with the link's nonce stored in the same transaction so the link works once.
 */
export async function rateByLink(
  db: Db,
  ctx: RequestContext,
  input: { token: string; satisfaction: number; comment?: string; answers?: Readonly<Record<string, unknown>>; nowMs: number; secret: string },
): Promise<{ ticketNumber: string; satisfaction: number }> {
  const { claims, ticket, used } = await openRatingLink(db, input.token, input.nowMs, input.secret);
  if (used) throw alreadyRated();
  if (ticket.customer_id === null) throw conflict('This request has no customer record to rate it for.', undefined, 'no_customer');
  const customerCtx: RequestContext = { ...ctx, actor: toCustomerActor(ticket.customer_id) };
  try {
    await performTicketAction(db, customerCtx, {
      actor: { kind: 'customer', customerId: ticket.customer_id },
      ticketId: ticket.id,
      action: {
        type: 'rate', satisfaction: input.satisfaction, ...(input.comment === undefined ? {} : { comment: input.comment }), via: 'link',
        ...(input.answers === undefined ? {} : { answers: input.answers }),
      },
      nowMs: input.nowMs,
      alsoInTransaction: async (trx) => {
        await trx.insertInto('rating_link_uses').values({ nonce: claims.nonce, ticket_id: ticket.id, used_at: new Date(input.nowMs) }).execute();
      },
    });
  } catch (err) {
    // The same link submitted twice at once: the second waits for the ticket's lock, then finds it rated or the nonce taken.
    if (isUniqueViolation(err, 'rating_link_uses_pkey')) throw alreadyRated();
    throw err;
  }
  return { ticketNumber: ticket.number, satisfaction: input.satisfaction };
}
