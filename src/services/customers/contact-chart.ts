import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { loadCustomerRow } from './views.ts';

/** The account's organisation chart, locked: a concurrent edit cannot close a circle this one checks. */
export async function loadContactChart(trx: Transaction<Database>, customerId: number) {
  const rows = await trx.selectFrom('customer_contacts').select(['id', 'reports_to_id', 'active']).where('customer_id', '=', customerId).forUpdate().execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, parentId: r.reports_to_id, active: r.active }]));
}

/** The organisation whose contacts change, locked; a merged-away record or a person has none. */
export async function lockContactAccount(trx: Transaction<Database>, customerId: number) {
  const customer = await loadCustomerRow(trx, customerId, { forUpdate: true });
  if (customer.merged_into_id !== null) throw new DomainError('wrong_state', `This customer was merged into customer ${customer.merged_into_id}`, undefined, 'merged');
  if (customer.kind !== 'organisation') throw new DomainError('invalid', 'Contacts belong to an organisation', 'customerId');
  return customer;
}
