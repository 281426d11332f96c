import type { Db } from '../../db/connect.ts';
import { wouldCreateCycle } from '../../domain/org/tree.ts';
import { normalizeName } from '../../domain/org/validate-staff.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { loadCategoryNodes } from './load-org.ts';

/** The fields a create or update of a category may set. */
export interface CategoryInput {
  name?: string;
  parentId?: number | null;
  description?: string | null;
  departmentId?: number | null;
  defaultHandlerId?: number | null;
  active?: boolean;
}

/** The parent, the department and the default handler must exist and be usable; `id` is null when creating. */
export async function assertCategoryRefs(db: Db, id: number | null, input: CategoryInput): Promise<void> {
  if (input.parentId !== undefined && input.parentId !== null) {
    const nodes = await loadCategoryNodes(db);
    if (!nodes.has(input.parentId)) throw invalid(`Category ${input.parentId} does not exist`, 'parentId');
    if (id !== null && wouldCreateCycle(nodes, id, input.parentId)) throw invalidCategoryCycle();
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

/** The columns to write for the fields given (absent fields stay as they are). */
export function toCategoryRow(input: CategoryInput): Record<string, unknown> {
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

export const invalidCategoryCycle = () => invalid('A category cannot be placed under itself or under one of its own sub-categories', 'parentId');
export const invalidTopLevelCategory = () => invalid('A top-level category needs the department responsible for it', 'departmentId');
export const conflictCategoryName = (name: unknown) => conflict(`There is already a category named "${String(name)}" at this level`, 'name', 'name_taken');
