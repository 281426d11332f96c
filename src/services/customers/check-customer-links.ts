import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CustomerFields } from '../../domain/customers/check-customer-input.ts';
import { wouldCreateCycle, type TreeNode } from '../../domain/org/tree.ts';
import { invalid } from '../../domain/shared/domain-error.ts';

/**
 * The ids a customer record names must exist and make sense: the parent is a live organisation and
 * not the record itself or one below it; an internal customer's department exists. Returns the
 * parent's name, which becomes the organisation when none is given (so search finds its people).
 */
export async function checkCustomerLinks(trx: Transaction<Database>, id: number | null, f: CustomerFields): Promise<string | null> {
  if (f.departmentId !== null) {
    const dept = await trx.selectFrom('departments').select('id').where('id', '=', f.departmentId).executeTakeFirst();
    if (!dept) throw invalid(`No department with id ${f.departmentId}`, 'departmentId');
  }
  if (f.parentId === null) return null;
  const { rows: chain } = await sql<{ id: number; parent_id: number | null }>`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from customers where id = ${f.parentId}::bigint
      union all select c.id, c.parent_id, up.depth + 1 from customers c join up on c.id = up.parent_id where up.depth < 50
    ) select id, parent_id from up`.execute(trx);
  const parent = await trx.selectFrom('customers').select(['id', 'kind', 'name', 'merged_into_id']).where('id', '=', f.parentId).executeTakeFirst();
  if (!parent || parent.merged_into_id !== null) throw invalid(`No customer with id ${f.parentId}`, 'parentId');
  if (parent.kind !== 'organisation') throw invalid('The parent must be an organisation', 'parentId');
  if (id !== null) {
    const nodes = new Map<number, TreeNode>(chain.map((n) => [n.id, { id: n.id, parentId: n.parent_id }]));
    if (wouldCreateCycle(nodes, id, f.parentId)) throw invalid('An organisation cannot sit under itself or one of its own', 'parentId');
  }
  return parent.name;
}
