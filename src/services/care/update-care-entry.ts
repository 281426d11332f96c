import type { CareEntryDetail, UpdateCareEntryBody } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { validateCareEntry } from '../../domain/care/care-rules.ts';
import { DomainError, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { checkEntryVersion, loadToday, lockCareEntry, requireCareEditor } from './care-common.ts';
import { getCareEntry } from './views.ts';

/** Changes the reasons, note or since-date of an open entry. */
export async function updateCareEntry(db: Db, ctx: RequestContext, input: { id: number; nowMs: number } & UpdateCareEntryBody): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const { id, nowMs } = input;
  const today = await loadToday(db, nowMs);
  await db.transaction().execute(async (trx) => {
    const row = await lockCareEntry(trx, id);
    if (!row) throw notFound(`No special-care entry with id ${id}`);
    checkEntryVersion(input.version, row.version);
    if (!row.active) throw new DomainError('wrong_state', 'This entry is closed; register the customer again to reopen their care', undefined, 'closed');
    const before = { reasons: row.reasons, note: row.note, since: row.since_text };
    const fields = validateCareEntry(
      { reasons: input.reasons ?? row.reasons, note: input.note === undefined ? row.note : input.note, since: input.since === undefined ? row.since_text : input.since },
      today,
    );
    await trx.updateTable('care_entries').set({ reasons: fields.reasons, note: fields.note, since: fields.since, version: row.version + 1, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'care.entry.update', entity: 'care_entry', entityId: id, before, after: { ...fields } });
  });
  return getCareEntry(db, ctx, { id, nowMs });
}
