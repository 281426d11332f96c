import { sql } from 'kysely';
import type { MergeCustomerResult } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import { mergeCustomerFields } from '../../domain/customers/merge-customer-fields.ts';
import { conflict, DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { toCustomerColumns } from './customer-columns.ts';
import { CUSTOMER_COLUMNS, loadCustomerRow, toCustomerFields, toCustomerView } from './views.ts';

/** Rows that need more than "point customer_id at the survivor": handled one by one below. */
const HANDLED_APART = new Set(['customers', 'account_team_members']);

/**
 * Merges the duplicate `id` into `intoId`, in one transaction: every row that references the
 * duplicate (tickets, surveys, complaints, contacts, portal sessions, and whatever later
 * migrations add — found in the catalogue, so a new table cannot be forgotten) moves to the
 * survivor; phones, emails, addresses and tags are united; the duplicate keeps its row, marked
 * merged_into_id, so old links still say where it went. Admin, office or supervisor: a merge
 * rewrites the history of many tickets, which agents register but do not curate.
 */
export async function mergeCustomers(db: Db, ctx: RequestContext, input: { id: number; intoId: number; nowMs: number }): Promise<MergeCustomerResult> {
  requireStaff(ctx, 'admin', 'office', 'supervisor');
  const { id, intoId, nowMs } = input;
  if (id === intoId) throw invalid('A customer cannot be merged into itself', 'intoId');
  return db.transaction().execute(async (trx) => {
    // Lock both in id order so two merges of the same pair cannot deadlock.
    const [first, second] = id < intoId ? [id, intoId] : [intoId, id];
    const a = await loadCustomerRow(trx, first, { forUpdate: true });
    const b = await loadCustomerRow(trx, second, { forUpdate: true }).catch((e: unknown) => {
      if (e instanceof DomainError && e.kind === 'not_found') throw invalid(`No customer with id ${second}`, second === intoId ? 'intoId' : 'id');
      throw e;
    });
    const dup = a.id === id ? a : b;
    const into = a.id === intoId ? a : b;
    if (dup.merged_into_id !== null) throw conflict(`Customer ${id} was already merged into customer ${dup.merged_into_id}`, 'id', 'merged');
    if (into.merged_into_id !== null) throw invalid(`Customer ${intoId} was itself merged into customer ${into.merged_into_id}; merge into that one`, 'intoId');
    if ((dup.kind === 'internal') !== (into.kind === 'internal')) throw invalid('An internal customer (a department) merges only with another internal customer', 'intoId');

    const moved: Record<string, number> = {};
    const { rows: refs } = await sql<{ table_name: string; column_name: string }>`
      select cl.relname as table_name, a.attname as column_name
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_namespace ns on ns.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
      where con.contype = 'f' and con.confrelid = 'customers'::regclass and ns.nspname = current_schema()
      order by 1, 2`.execute(trx);
    for (const ref of refs) {
      if (HANDLED_APART.has(ref.table_name)) continue;
      try {
        const res = await sql`update ${sql.table(ref.table_name)} set ${sql.ref(ref.column_name)} = ${intoId}::bigint where ${sql.ref(ref.column_name)} = ${id}::bigint`.execute(trx);
        const n = Number(res.numAffectedRows ?? 0);
        if (n > 0) moved[`${ref.table_name}.${ref.column_name}`] = n;
      } catch (e) {
        // A table that allows one row per customer (e.g. one open register entry) holds one for both.
        if ((e as { code?: string }).code === '23505') throw conflict(`Both customers have a ${ref.table_name.replace(/_/g, ' ')} record that allows only one; resolve it first`, 'intoId', 'merge_blocked');
        throw e;
      }
    }
    // The account team: the survivor's members win a clash (its account manager stays).
    const team = await sql`
      with gone as (delete from account_team_members where customer_id = ${id}::bigint returning staff_id, role, created_at)
      insert into account_team_members (customer_id, staff_id, role, created_at)
      select ${intoId}::bigint, staff_id, role, created_at from gone
      where not (role = 'account_manager' and exists (select 1 from account_team_members m where m.customer_id = ${intoId}::bigint and m.role = 'account_manager'))
      on conflict do nothing`.execute(trx);
    if (Number(team.numAffectedRows ?? 0) > 0) moved['account_team_members.customer_id'] = Number(team.numAffectedRows);
    // Children and earlier merges follow; the survivor must not become its own parent.
    const children = await trx.updateTable('customers').set({ parent_id: intoId }).where('parent_id', '=', id).where('id', '<>', intoId).executeTakeFirst();
    if (Number(children.numUpdatedRows) > 0) moved['customers.parent_id'] = Number(children.numUpdatedRows);
    const earlier = await trx.updateTable('customers').set({ merged_into_id: intoId }).where('merged_into_id', '=', id).executeTakeFirst();
    if (Number(earlier.numUpdatedRows) > 0) moved['customers.merged_into_id'] = Number(earlier.numUpdatedRows);

    const survivorBefore = toCustomerFields(into);
    const merged = mergeCustomerFields(survivorBefore, toCustomerFields(dup));
    // The survivor cannot sit under the duplicate, nor under itself.
    const parentId = merged.parentId === id || merged.parentId === intoId ? (into.parent_id === id ? dup.parent_id : into.parent_id) : merged.parentId;
    const f = { ...merged, parentId: parentId === intoId ? null : parentId };
    // The portal sign-in moves when the survivor has none; otherwise the survivor's stays and the duplicate's ends.
    const portal = into.portal_email === null && dup.portal_email !== null
      ? await trx.selectFrom('customers').select(['portal_email', 'portal_password_hash']).where('id', '=', id).executeTakeFirstOrThrow()
      : null;
    const at = new Date(nowMs);
    await trx.updateTable('customers').set({ merged_into_id: intoId, merged_at: at, active: false, portal_email: null, portal_password_hash: null, revision: dup.revision + 1, updated_at: at }).where('id', '=', id).execute();
    const updated = await trx
      .updateTable('customers')
      .set({ ...toCustomerColumns(f, customerSearchText(f)), ...(portal ? { portal_email: portal.portal_email, portal_password_hash: portal.portal_password_hash } : {}), revision: into.revision + 1, updated_at: at })
      .where('id', '=', intoId)
      .returning(CUSTOMER_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'customer.merge', entity: 'customer', entityId: id, before: { mergedIntoId: null, portalEmail: dup.portal_email }, after: { mergedIntoId: intoId, moved, portalMoved: portal !== null } });
    await recordAudit(trx, ctx, { action: 'customer.merge_into', entity: 'customer', entityId: intoId, before: { ...survivorBefore }, after: { ...f, mergedFromId: id } });
    return { customer: toCustomerView(updated), moved };
  });
}
