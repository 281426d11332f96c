import type { Db } from '../../db/connect.ts';
import type { LinkAnswerResult } from '../../contracts/scorecards.ts';
import type { RequestContext } from '../context.ts';
import { recordScorecardAnswer, type ScorecardAnswerInput } from './answer-scorecard.ts';
import { openScorecardLink } from './scorecard-link-token.ts';

/** The contact grades the week through the link; a second use (or an answer already entered by staff) is 409. */
export async function answerScorecardByLink(
  db: Db,
  ctx: RequestContext,
  input: ScorecardAnswerInput & { token: string; nowMs: number; secret: string },
): Promise<LinkAnswerResult> {
  const { claims, row } = await openScorecardLink(db, input.token, input.nowMs, input.secret);
  // Recorded as the account's answer, as a rating link records the customer's.
  const customerCtx: RequestContext = { ...ctx, actor: { kind: 'customer', id: row.customer_id } };
  const result = await db.transaction().execute((trx) =>
    recordScorecardAnswer(trx, customerCtx, { grades: input.grades, comments: input.comments, scorecardId: claims.scorecardId, contactId: claims.contactId, enteredByStaffId: null, channel: 'link', nowMs: input.nowMs }),
  );
  return { weekKey: row.week_key, meanPoints: result.meanPoints };
}
