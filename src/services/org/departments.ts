import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import { normalizeName } from '../../domain/org/validate-staff.ts';
import { wouldCreateCycle } from '../../domain/org/tree.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from './load-org.ts';
import { requireStaff } from './require-role.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';

export interface DepartmentView {
  id: number;
  parentId: number | null;
  name: string;
  headId: number | null;
  headName: string | null;
  active: boolean;
  staffCount: number;
  createdAt: string;
  updatedAt: string;
}

async function fetchDepartments(db: Db, where: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>) {
  const rows = await where(baseQuery(db)).execute();
  return rows.map(
    (r): DepartmentView => ({
      id: r.id, parentId: r.parent_id, name: r.name, headId: r.head_id, headName: r.head_name, active: r.active,
      staffCount: r.staff_count, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    }),
  );
}

function baseQuery(db: Db) {
  return db
    .selectFrom('departments')
    .leftJoin('staff as head', 'head.id', 'departments.head_id')
    .select((eb) => [
      'departments.id', 'departments.parent_id', 'departments.name', 'departments.head_id', 'head.name as head_name',
      'departments.active', 'departments.created_at', 'departments.updated_at',
      eb.selectFrom('staff').select((e) => e.fn.countAll<number>().as('n')).whereRef('staff.department_id', '=', 'departments.id').where('staff.active', '=', true).as('staff_count'),
    ])
    .$narrowType<{ staff_count: number }>();
}

export async function getDepartment(db: Db, id: number): Promise<DepartmentView> {
  const [row] = await fetchDepartments(db, (q) => q.where('departments.id', '=', id));
  if (!row) throw notFound(`No department with id ${id}`);
  return row;
}

export interface ListDepartmentsQuery {
  parentId?: number | null;
  active?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export async function listDepartments(db: Db, query: ListDepartmentsQuery): Promise<Page<DepartmentView>> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2);
  const rows = await fetchDepartments(db, (q) => {
    if (query.parentId === null) q = q.where('departments.parent_id', 'is', null);
    else if (query.parentId !== undefined) q = q.where('departments.parent_id', '=', query.parentId);
    if (query.active !== undefined) q = q.where('departments.active', '=', query.active);
    if (query.q) q = q.where('departments.name', 'ilike', toContainsPattern(query.q.trim()));
    if (after) q = q.where((eb) => eb(eb.refTuple('departments.name', 'departments.id'), '>', eb.tuple(String(after[0]), Number(after[1]))));
    return q.orderBy('departments.name').orderBy('departments.id').limit(limit + 1);
  });
  return toPage(rows, limit, (r) => [r.name, r.id]);
}

async function assertHead(db: Db, headId: number | null | undefined): Promise<void> {
  if (headId === null || headId === undefined) return;
  const head = await db.selectFrom('staff').select(['active']).where('id', '=', headId).executeTakeFirst();
  if (!head) throw invalid(`Staff member ${headId} does not exist`, 'headId');
  if (!head.active) throw invalid('A deactivated person cannot head a department', 'headId');
}

async function assertParent(db: Db, id: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  const nodes = await loadDepartmentNodes(db);
  if (!nodes.has(parentId)) throw invalid(`Department ${parentId} does not exist`, 'parentId');
  if (id !== null && wouldCreateCycle(nodes, id, parentId)) {
    throw invalid('A department cannot be placed under itself or under one of its own sub-departments', 'parentId');
  }
}

const siblingConflict = (name: string) => conflict(`There is already a department named "${name}" at this level`, 'name', 'name_taken');
const auditable = (d: DepartmentView) => ({ name: d.name, parentId: d.parentId, headId: d.headId, active: d.active });

export async function createDepartment(db: Db, ctx: RequestContext, input: { name: string; parentId?: number | null; headId?: number | null }): Promise<DepartmentView> {
  requireStaff(ctx, 'admin');
  const name = normalizeName(input.name);
  await assertParent(db, null, input.parentId);
  await assertHead(db, input.headId);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('departments').values({ name, parent_id: input.parentId ?? null, head_id: input.headId ?? null }).returning('id').executeTakeFirstOrThrow();
      const dept = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.create', entity: 'department', entityId: id, before: null, after: auditable(dept) });
      return dept;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'departments_sibling_name_key')) throw siblingConflict(name);
    throw err;
  }
}

export async function updateDepartment(
  db: Db,
  ctx: RequestContext,
  id: number,
  input: { name?: string; parentId?: number | null; headId?: number | null; active?: boolean },
): Promise<DepartmentView> {
  requireStaff(ctx, 'admin');
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = normalizeName(input.name);
  if (input.parentId !== undefined) {
    await assertParent(db, id, input.parentId);
    patch.parent_id = input.parentId;
  }
  if (input.headId !== undefined) {
    await assertHead(db, input.headId);
    patch.head_id = input.headId;
  }
  if (input.active !== undefined) patch.active = input.active;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getDepartment(trx, id);
      if (Object.keys(patch).length > 0) await trx.updateTable('departments').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
      // Re-check the tree inside the transaction: two moves at once must not build a loop between them.
      if (input.parentId !== undefined && input.parentId !== null && wouldCreateCycle(await loadDepartmentNodes(trx), id, input.parentId)) {
        throw invalid('A department cannot be placed under itself or under one of its own sub-departments', 'parentId');
      }
      const after = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.update', entity: 'department', entityId: id, before: auditable(before), after: auditable(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'departments_sibling_name_key')) throw siblingConflict(String(patch.name ?? ''));
    throw err;
  }
}

/**
 * Deletes a department nobody refers to. One that still has people, sub-departments or duties
 * (or, later, open work) is deactivated instead, so history keeps pointing at it.
 */
export async function deleteDepartment(db: Db, ctx: RequestContext, id: number): Promise<{ deleted: boolean; department: DepartmentView | null }> {
  requireStaff(ctx, 'admin');
  return db.transaction().execute(async (trx) => {
    const before = await getDepartment(trx, id);
    const [staffRef, childRef, categoryRef] = await Promise.all([
      trx.selectFrom('staff').select('id').where('department_id', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('departments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('categories').select('id').where('department_id', '=', id).limit(1).executeTakeFirst(),
    ]);
    if (staffRef || childRef || categoryRef) {
      await trx.updateTable('departments').set({ active: false, updated_at: new Date() }).where('id', '=', id).execute();
      const after = await getDepartment(trx, id);
      await recordAudit(trx, ctx, { action: 'department.deactivate', entity: 'department', entityId: id, before: auditable(before), after: auditable(after) });
      return { deleted: false, department: after };
    }
    await trx.deleteFrom('departments').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'department.delete', entity: 'department', entityId: id, before: auditable(before), after: null });
    return { deleted: true, department: null };
  });
}
