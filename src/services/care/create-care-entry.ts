import { sql } from 'kysely';
import type { CareEntryDetail, CreateCareEntryBody } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { validateCareEntry } from '../../domain/care/care-rules.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { loadToday, requireCareEditor } from './care-common.ts';
import { getCareEntry } from './views.ts';

async function checkCustomer(db: Db, customerId: unknown): Promise<number> {
  if (typeof customerId !== 'number' || !Number.isSafeInteger(customerId) || customerId < 1) throw invalid('Choose the customer', 'customerId');
  const c = await db.selectFrom('customers').select(['id', 'kind']).where('id', '=', customerId).executeTakeFirst();
  if (!c) throw invalid(`Customer ${customerId} does not exist`, 'customerId');
  if (c.kind === 'internal') throw invalid('Internal departments cannot be on the special-care register', 'customerId');
  return c.id;
}

/** Puts a customer on the special-care register; a customer has at most one open entry. */
export async function createCareEntry(db: Db, ctx: RequestContext, input: CreateCareEntryBody & { nowMs: number }): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const { nowMs } = input;
  const customerId = await checkCustomer(db, input.customerId);
  const fields = validateCareEntry(input, await loadToday(db, nowMs));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('care_entries')
      .values({ customer_id: customerId, reasons: fields.reasons, note: fields.note, since: fields.since, registered_by: ctx.actor.id, created_at: new Date(nowMs), updated_at: new Date(nowMs) })
      .onConflict((oc) => oc.column('customer_id').where(sql<boolean>`active`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('This customer is already on the special-care register; edit that entry instead', 'customerId', 'already_registered');
    await recordAudit(trx, ctx, { action: 'care.entry.create', entity: 'care_entry', entityId: row.id, before: null, after: { customerId, ...fields } });
    return row.id;
  });
  return getCareEntry(db, ctx, { id, nowMs });
}
