import { sql } from 'kysely';
import type { CategoryPage, CategoryView } from '../../contracts/categories.ts';
import type { DepartmentPage, DepartmentView } from '../../contracts/departments.ts';
import type { ListStaffQuery, Role, StaffClass, StaffPage, StaffView } from '../../contracts/staff.ts';
import type { Db } from '../../db/connect.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';
import { decodeCursor, toPage } from '../../db/queries/keyset.ts';
import { listSuperiorIds } from '../../domain/org/list-superiors.ts';
import { listAncestorIds } from '../../domain/org/tree.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { loadCategoryNodes, loadDepartmentNodes } from './load-org.ts';

export type { CategoryView } from '../../contracts/categories.ts';
export type { DepartmentView } from '../../contracts/departments.ts';
export type { StaffView } from '../../contracts/staff.ts';

// ---------------------------------------------------------------- staff

const staffColumns = [
  'staff.id',
  'staff.email',
  'staff.name',
  'staff.phone',
  'staff.department_id',
  'departments.name as department_name',
  'staff.staff_class',
  'staff.roles',
  'staff.active',
  'staff.senior_manager',
  'staff.created_at',
  'staff.updated_at',
] as const;

type StaffRow = {
  id: number; email: string; name: string; phone: string | null; department_id: number | null; department_name: string | null;
  staff_class: StaffClass; roles: Role[]; active: boolean; senior_manager: boolean; created_at: Date; updated_at: Date;
};

function toStaffView(r: StaffRow): StaffView {
  return {
    id: r.id, email: r.email, name: r.name, phone: r.phone, departmentId: r.department_id, departmentName: r.department_name,
    staffClass: r.staff_class, roles: r.roles, active: r.active, seniorManager: r.senior_manager, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

/** The fields of a person the audit trail records (not the timestamps, which change on every write). */
export function toAuditableStaff(v: StaffView) {
  return { email: v.email, name: v.name, phone: v.phone, departmentId: v.departmentId, staffClass: v.staffClass, roles: v.roles, active: v.active, seniorManager: v.seniorManager };
}

export async function getStaff(db: Db, id: number): Promise<StaffView> {
  const row = await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id').select(staffColumns).where('staff.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No staff member with id ${id}`);
  return toStaffView(row);
}

/** Staff ordered by name then id, a page at a time (keyset, so deep pages cost the same). */
export async function listStaff(db: Db, query: ListStaffQuery): Promise<StaffPage> {
  const limit = query.limit ?? 50;
  let q = db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id').select(staffColumns);
  if (query.q) {
    const like = toContainsPattern(query.q.trim());
    q = q.where((eb) => eb.or([eb('staff.name', 'ilike', like), eb('staff.email', 'ilike', like), eb('staff.phone', 'ilike', like)]));
  }
  if (query.departmentId !== undefined) q = q.where('staff.department_id', '=', query.departmentId);
  if (query.role) q = q.where(sql<boolean>`${query.role} = any(staff.roles)`);
  if (query.active !== undefined) q = q.where('staff.active', '=', query.active);
  const after = decodeCursor(query.cursor, 2);
  if (after) q = q.where((eb) => eb(eb.refTuple('staff.name', 'staff.id'), '>', eb.tuple(String(after[0]), Number(after[1]))));
  const rows = await q.orderBy('staff.name').orderBy('staff.id').limit(limit + 1).execute();
  return toPage(rows.map(toStaffView), limit, (r) => [r.name, r.id]);
}

/** The person's line of superiors (heads up the department tree), nearest first. */
export async function listSuperiors(db: Db, id: number): Promise<StaffView[]> {
  const person = await getStaff(db, id);
  const ids = listSuperiorIds(await loadDepartmentNodes(db), id, person.departmentId);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id').select(staffColumns).where('staff.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toStaffView(r)]));
  return ids.map((i) => byId.get(i)).filter((v): v is StaffView => v !== undefined);
}

// ---------------------------------------------------------------- departments

function selectDepartments(db: Db) {
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

async function fetchDepartments(db: Db, where: (q: ReturnType<typeof selectDepartments>) => ReturnType<typeof selectDepartments>): Promise<DepartmentView[]> {
  const rows = await where(selectDepartments(db)).execute();
  return rows.map(
    (r): DepartmentView => ({
      id: r.id, parentId: r.parent_id, name: r.name, headId: r.head_id, headName: r.head_name, active: r.active,
      staffCount: r.staff_count, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    }),
  );
}

export const toAuditableDepartment = (d: DepartmentView) => ({ name: d.name, parentId: d.parentId, headId: d.headId, active: d.active });

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

export async function listDepartments(db: Db, query: ListDepartmentsQuery): Promise<DepartmentPage> {
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

// ---------------------------------------------------------------- categories (the duty catalog)

function resolveResponsible(nodes: Awaited<ReturnType<typeof loadCategoryNodes>>, id: number): number | null {
  for (const a of listAncestorIds(nodes, id)) {
    const dept = nodes.get(a)?.departmentId ?? null;
    if (dept !== null) return dept;
  }
  return null;
}

function selectCategories(db: Db) {
  return db
    .selectFrom('categories')
    .leftJoin('staff as handler', 'handler.id', 'categories.default_handler_id')
    .select(['categories.id', 'categories.parent_id', 'categories.name', 'categories.description', 'categories.department_id',
      'categories.default_handler_id', 'handler.name as handler_name', 'categories.active', 'categories.created_at', 'categories.updated_at']);
}

async function fetchCategories(db: Db, where: (q: ReturnType<typeof selectCategories>) => ReturnType<typeof selectCategories>): Promise<CategoryView[]> {
  const [rows, nodes, depts] = await Promise.all([
    where(selectCategories(db)).execute(),
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

export const toAuditableCategory = (c: CategoryView) => ({
  name: c.name, parentId: c.parentId, description: c.description, departmentId: c.departmentId, defaultHandlerId: c.defaultHandlerId, active: c.active,
});

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

export async function listCategories(db: Db, query: ListCategoriesQuery): Promise<CategoryPage> {
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
