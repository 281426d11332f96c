import type { CustomerView, UpdateCustomerBody } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import { checkCustomerInput } from '../../domain/customers/check-customer-input.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import { DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { checkCustomerLinks } from './check-customer-links.ts';
import { toCustomerColumns } from './customer-columns.ts';
import { CUSTOMER_COLUMNS, loadCustomerRow, toCustomerFields, toCustomerView } from './views.ts';

/**
 * Edits a customer: the changed fields overlaid on the stored record and checked whole.
 * `revision` is the one the editor saw; if someone saved in between, 409 and nothing changes.
 */
export async function updateCustomer(db: Db, ctx: RequestContext, input: { id: number } & UpdateCustomerBody): Promise<CustomerView> {
  requireStaff(ctx);
  const { id, revision, ...changes } = input;
  return db.transaction().execute(async (trx) => {
    const row = await loadCustomerRow(trx, id, { forUpdate: true });
    if (row.merged_into_id !== null) throw new DomainError('wrong_state', `This customer was merged into customer ${row.merged_into_id}; edit that one`, undefined, 'merged');
    if (row.revision !== revision) throw new DomainError('stale', 'Someone else changed this customer since you opened it; reload and try again', 'revision', 'stale');
    const before = toCustomerFields(row);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const fields = checkCustomerInput({ ...before, ...defined });
    if (fields.kind !== before.kind && (before.kind === 'internal' || fields.kind === 'internal')) {
      throw invalid('An internal customer stays internal, and a person or organisation cannot become one', 'kind');
    }
    await checkCustomerLinks(trx, id, fields);
    const updated = await trx
      .updateTable('customers')
      .set({ ...toCustomerColumns(fields, customerSearchText(fields)), revision: row.revision + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returning(CUSTOMER_COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'customer.update', entity: 'customer', entityId: id, before: { ...before }, after: { ...fields } });
    return toCustomerView(updated);
  });
}
