import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { canRatePerson } from '../../../domain/accountability/can-view-person-record.ts';
import { assertRatingScore, getRatingLevel } from '../../../domain/accountability/get-rating-level.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { DomainError, forbidden } from '../../../domain/shared/domain-error.ts';
import type { SaveRatingBody } from '../../../contracts/ratings.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { loadAccountabilityViewer, resolvePeriod } from '../load-accountability-viewer.ts';
import { emptyEvidence, loadRatingEvidence, suggestFromEvidence } from './load-rating-evidence.ts';
import { loadVisiblePerson, selectRatings, toRatingView, type RatingView } from './views.ts';

/** A superior rates a person for a period (0–10, two decimals, with a comment); rating again replaces it. */
export async function saveRating(db: Db, ctx: RequestContext, input: SaveRatingBody & { personId: number; nowMs: number }): Promise<RatingView> {
  const { personId, nowMs } = input;
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(input.period);
  const person = await loadVisiblePerson(db, viewer, personId);
  if (!canRatePerson(viewer, person)) throw forbidden('A person is rated by their superiors: not by themself, and not by someone they report to.');
  assertRatingScore(input.score);
  const level = getRatingLevel(input.score);
  const comment = readText(input.comment, 'comment', 4000) as string;
  const evidence = (await loadRatingEvidence(db, [personId], period)).get(personId) ?? emptyEvidence();
  const suggestion = suggestFromEvidence(evidence);
  const snapshot = JSON.stringify({ ...evidence, suggestion });
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('ratings').selectAll().where('person_id', '=', personId).where('period', '=', period.key).forUpdate().executeTakeFirst();
      if (existing) {
        if (input.version !== undefined && input.version !== existing.version) {
          throw new DomainError('stale', `Someone else rated ${person.name} for ${period.key} meanwhile; reload and try again.`, 'version', 'stale_version');
        }
        await trx.updateTable('ratings').set({ score: input.score, level, comment, suggested_score: suggestion.score, evidence: snapshot, rated_by: viewer.id, rated_at: new Date(nowMs), version: sql`version + 1` }).where('id', '=', existing.id).execute();
        await recordAudit(trx, ctx, { action: 'rating.update', entity: 'rating', entityId: existing.id, before: { score: existing.score, level: existing.level, comment: existing.comment }, after: { score: input.score, level, comment } });
        return;
      }
      const row = await trx.insertInto('ratings').values({
        person_id: personId, department_id: person.departmentId, period: period.key, score: input.score, level, comment, suggested_score: suggestion.score,
        evidence: snapshot, rated_by: viewer.id, rated_at: new Date(nowMs),
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'rating.create', entity: 'rating', entityId: row.id, after: { personId, period: period.key, score: input.score, level, comment } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('stale', `Someone else rated ${person.name} for ${period.key} meanwhile; reload and try again.`, 'version', 'stale_version');
    throw err;
  }
  return toRatingView(await selectRatings(db).where('ratings.person_id', '=', personId).where('ratings.period', '=', period.key).executeTakeFirstOrThrow());
}
