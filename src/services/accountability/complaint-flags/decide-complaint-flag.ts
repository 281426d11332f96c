import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { FLAG_DECISIONS, type FlagDecision } from '../../../domain/accountability/value-lists.ts';
import { DomainError, invalid, notFound } from '../../../domain/shared/domain-error.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { loadAccountabilityViewer } from '../load-accountability-viewer.ts';
import { canSeeFlag, selectFlags, toFlagViews, type ComplaintFlagView } from './views.ts';

/** Centric flags; people decide. The office or a superior records the decision and a note. */
export async function decideComplaintFlag(db: Db, ctx: RequestContext, input: { id: number; decision: FlagDecision; note: string; version?: number; nowMs: number }): Promise<ComplaintFlagView> {
  const { id, nowMs } = input;
  const viewer = await loadAccountabilityViewer(db, ctx);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('complaint_flags').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !canSeeFlag(viewer, row)) throw notFound(`No flag with id ${id}`);
    if (input.version !== undefined && input.version !== row.version) throw new DomainError('stale', 'Someone else changed this flag meanwhile; reload it.', 'version', 'stale_version');
    if (row.status !== 'open') throw new DomainError('wrong_state', `This flag was ${row.status} already.`, undefined, 'wrong_state');
    if (!(FLAG_DECISIONS as readonly string[]).includes(input.decision)) throw invalid(`The decision must be one of ${FLAG_DECISIONS.join(', ')}`, 'decision');
    const note = readText(input.note, 'note', 4000) as string;
    await trx.updateTable('complaint_flags').set({ status: 'decided', decision: input.decision, decision_note: note, decided_at: new Date(nowMs), decided_by: viewer.id, version: sql`version + 1` }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'complaint_flag.decide', entity: 'complaint_flag', entityId: id, before: { status: 'open' }, after: { status: 'decided', decision: input.decision, note } });
  });
  const row = await selectFlags(db).where('complaint_flags.id', '=', id).executeTakeFirstOrThrow();
  const [view] = await toFlagViews(db, viewer, [row], nowMs);
  return view as ComplaintFlagView;
}
