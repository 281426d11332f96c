import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import { listAncestorIds, wouldCreateCycle } from '../../domain/org/tree.ts';
import { normalizeName } from '../../domain/org/validate-staff.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { loadCategoryNodes } from './load-org.ts';
import { requireStaff } from './require-role.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';

/** A kind of matter in the duty catalog and the department responsible for it. */
export interface CategoryView {
  id: number;
  parentId: number | null;
  name: string;
  description: string | null;
  departmentId: number | null;
  /** The department that handles it: its own, or the nearest ancestor's. */
  responsibleDepartmentId: number | null;
  responsibleDepartmentName: string | null;
  defaultHandlerId: number | null;
  defaultHandlerName: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

function resolveResponsible(nodes: Awaited<ReturnType<typeof loadCategoryNodes>>, id: number): number | null {
  for (const a of listAncestorIds(nodes, id)) {
    const dept = nodes.get(a)?.departmentId ?? null;
    if (dept !== null) return dept;
  }
  return null;
}

async function fetchCategories(db: Db, where: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>): Promise<CategoryView[]> {
  const [rows, nodes, depts] = await Promise.all([
    where(baseQuery(db)).execute(),
    loadCategoryNodes(db),
    db.selectFrom('departments').select(['id', 'name']).execute(),
  ]);
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  return rows.map((r) => {
    const responsible = resolveResponsible(nodes, r.id);
    return {
      id: r.id, parentId: r.parent_id, name: r.name, description: r.description, departmentId: r.department_id,
      responsibleDepartmentId: responsible, responsibleDepartmentName: responsible === null ? null : deptName.get(responsible) ?? null,
      defaultHandlerId: r.default_handler_id, defaultHandlerName: r.handler_name, active: r.active,
      createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    };
  });
}

function baseQuery(db: Db) {
  return db
    .selectFrom('categories')
    .leftJoin('staff as handler', 'handler.id', 'categories.default_handler_id')
    .select(['categories.id', 'categories.parent_id', 'categories.name', 'categories.description', 'categories.department_id',
      'categories.default_handler_id', 'handler.name as handler_name', 'categories.active', 'categories.created_at', 'categories.updated_at']);
}

export async function getCategory(db: Db, id: number): Promise<CategoryView> {
  const [row] = await fetchCategories(db, (q) => q.where('categories.id', '=', id));
  if (!row) throw notFound(`No category with id ${id}`);
  return row;
}

export interface ListCategoriesQuery {
  parentId?: number | null;
  departmentId?: number;
  active?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export async function listCategories(db: Db, query: ListCategoriesQuery): Promise<Page<CategoryView>> {
  const limit = query.limit ?? 50;
  const after = decodeCursor(query.cursor, 2);
  const rows = await fetchCategories(db, (q) => {
    if (query.parentId === null) q = q.where('categories.parent_id', 'is', null);
    else if (query.parentId !== undefined) q = q.where('categories.parent_id', '=', query.parentId);
    if (query.departmentId !== undefined) q = q.where('categories.department_id', '=', query.departmentId);
    if (query.active !== undefined) q = q.where('categories.active', '=', query.active);
    if (query.q) q = q.where('categories.name', 'ilike', toContainsPattern(query.q.trim()));
    if (after) q = q.where((eb) => eb(eb.refTuple('categories.name', 'categories.id'), '>', eb.tuple(String(after[0]), Number(after[1]))));
    return q.orderBy('categories.name').orderBy('categories.id').limit(limit + 1);
  });
  return toPage(rows, limit, (r) => [r.name, r.id]);
}

interface CategoryInput {
  name?: string;
  parentId?: number | null;
  description?: string | null;
  departmentId?: number | null;
  defaultHandlerId?: number | null;
  active?: boolean;
}

async function validateRefs(db: Db, id: number | null, input: CategoryInput): Promise<void> {
  if (input.parentId !== undefined && input.parentId !== null) {
    const nodes = await loadCategoryNodes(db);
    if (!nodes.has(input.parentId)) throw invalid(`Category ${input.parentId} does not exist`, 'parentId');
    if (id !== null && wouldCreateCycle(nodes, id, input.parentId)) {
      throw invalid('A category cannot be placed under itself or under one of its own sub-categories', 'parentId');
    }
  }
  if (input.departmentId !== undefined && input.departmentId !== null) {
    const dept = await db.selectFrom('departments').select(['active']).where('id', '=', input.departmentId).executeTakeFirst();
    if (!dept) throw invalid(`Department ${input.departmentId} does not exist`, 'departmentId');
    if (!dept.active) throw invalid('That department is deactivated; choose an active one', 'departmentId');
  }
  if (input.defaultHandlerId !== undefined && input.defaultHandlerId !== null) {
    const handler = await db.selectFrom('staff').select(['active']).where('id', '=', input.defaultHandlerId).executeTakeFirst();
    if (!handler) throw invalid(`Staff member ${input.defaultHandlerId} does not exist`, 'defaultHandlerId');
    if (!handler.active) throw invalid('A deactivated person cannot be the default handler', 'defaultHandlerId');
  }
}

function toRow(input: CategoryInput): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (input.name !== undefined) row.name = normalizeName(input.name);
  if (input.parentId !== undefined) row.parent_id = input.parentId;
  if (input.description !== undefined) {
    const d = input.description?.trim() || null;
    if (d && d.length > 2000) throw invalid('The description must be at most 2000 characters', 'description');
    row.description = d;
  }
  if (input.departmentId !== undefined) row.department_id = input.departmentId;
  if (input.defaultHandlerId !== undefined) row.default_handler_id = input.defaultHandlerId;
  if (input.active !== undefined) row.active = input.active;
  return row;
}

const siblingConflict = (name: unknown) => conflict(`There is already a category named "${String(name)}" at this level`, 'name', 'name_taken');
const auditable = (c: CategoryView) => ({
  name: c.name, parentId: c.parentId, description: c.description, departmentId: c.departmentId, defaultHandlerId: c.defaultHandlerId, active: c.active,
});

export async function createCategory(db: Db, ctx: RequestContext, input: CategoryInput & { name: string }): Promise<CategoryView> {
  requireStaff(ctx, 'admin');
  const row = toRow(input);
  if (input.parentId === undefined || input.parentId === null) {
    if (input.departmentId === undefined || input.departmentId === null) {
      throw invalid('A top-level category needs the department responsible for it', 'departmentId');
    }
  }
  await validateRefs(db, null, input);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('categories').values(row as { name: string }).returning('id').executeTakeFirstOrThrow();
      const category = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.create', entity: 'category', entityId: id, before: null, after: auditable(category) });
      return category;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'categories_sibling_name_key')) throw siblingConflict(row.name);
    throw err;
  }
}

export async function updateCategory(db: Db, ctx: RequestContext, id: number, input: CategoryInput): Promise<CategoryView> {
  requireStaff(ctx, 'admin');
  const row = toRow(input);
  await validateRefs(db, id, input);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getCategory(trx, id);
      const parentAfter = input.parentId !== undefined ? input.parentId : before.parentId;
      const deptAfter = input.departmentId !== undefined ? input.departmentId : before.departmentId;
      if (parentAfter === null && deptAfter === null) {
        throw invalid('A top-level category needs the department responsible for it', 'departmentId');
      }
      if (Object.keys(row).length > 0) await trx.updateTable('categories').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
      if (input.parentId !== undefined && input.parentId !== null && wouldCreateCycle(await loadCategoryNodes(trx), id, input.parentId)) {
        throw invalid('A category cannot be placed under itself or under one of its own sub-categories', 'parentId');
      }
      const after = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.update', entity: 'category', entityId: id, before: auditable(before), after: auditable(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'categories_sibling_name_key')) throw siblingConflict(row.name);
    throw err;
  }
}

/** Deletes an unused category; one with sub-categories (or, later, tickets) is deactivated instead. */
export async function deleteCategory(db: Db, ctx: RequestContext, id: number): Promise<{ deleted: boolean; category: CategoryView | null }> {
  requireStaff(ctx, 'admin');
  return db.transaction().execute(async (trx) => {
    const before = await getCategory(trx, id);
    const child = await trx.selectFrom('categories').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    if (child) {
      await trx.updateTable('categories').set({ active: false, updated_at: new Date() }).where('id', '=', id).execute();
      const after = await getCategory(trx, id);
      await recordAudit(trx, ctx, { action: 'category.deactivate', entity: 'category', entityId: id, before: auditable(before), after: auditable(after) });
      return { deleted: false, category: after };
    }
    await trx.deleteFrom('categories').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'category.delete', entity: 'category', entityId: id, before: auditable(before), after: null });
    return { deleted: true, category: null };
  });
}
