import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { Role, StaffClass } from '../../db/schema.ts';
import { listSuperiorIds } from '../../domain/org/list-superiors.ts';
import { assertPasswordAcceptable, normalizeEmail, normalizeName } from '../../domain/org/validate-staff.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword, verifyPassword, generatePassword } from '../auth/password.ts';
import { announceAuthChange } from '../auth/principal-cache.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from './load-org.ts';
import { requireStaff } from './require-role.ts';
import { toContainsPattern } from '../../db/queries/contains-pattern.ts';

export interface StaffView {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  departmentId: number | null;
  departmentName: string | null;
  staffClass: StaffClass;
  roles: Role[];
  active: boolean;
  /** May approve exceptions to refused requests (PRODUCT.md §1). */
  seniorManager: boolean;
  createdAt: string;
  updatedAt: string;
}

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

function toView(r: StaffRow): StaffView {
  return {
    id: r.id, email: r.email, name: r.name, phone: r.phone, departmentId: r.department_id, departmentName: r.department_name,
    staffClass: r.staff_class, roles: r.roles, active: r.active, seniorManager: r.senior_manager, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

function auditable(v: StaffView) {
  return { email: v.email, name: v.name, phone: v.phone, departmentId: v.departmentId, staffClass: v.staffClass, roles: v.roles, active: v.active, seniorManager: v.seniorManager };
}

function normalizeRoles(roles: readonly string[]): Role[] {
  const unique = [...new Set(roles)] as Role[];
  if (unique.length === 0) throw invalid('Give the person at least one role', 'roles');
  return unique;
}

async function assertDepartmentUsable(db: Db, departmentId: number | null | undefined): Promise<void> {
  if (departmentId === null || departmentId === undefined) return;
  const dept = await db.selectFrom('departments').select(['active']).where('id', '=', departmentId).executeTakeFirst();
  if (!dept) throw invalid(`Department ${departmentId} does not exist`, 'departmentId');
  if (!dept.active) throw invalid('That department is deactivated; choose an active one', 'departmentId');
}

export async function getStaff(db: Db, id: number): Promise<StaffView> {
  const row = await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id').select(staffColumns).where('staff.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No staff member with id ${id}`);
  return toView(row);
}

export interface ListStaffQuery {
  q?: string;
  departmentId?: number;
  role?: Role;
  active?: boolean;
  limit?: number;
  cursor?: string;
}

/** Staff ordered by name then id, a page at a time (keyset, so deep pages cost the same). */
export async function listStaff(db: Db, query: ListStaffQuery): Promise<Page<StaffView>> {
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
  return toPage(rows.map(toView), limit, (r) => [r.name, r.id]);
}

export interface CreateStaffInput {
  email: string;
  name: string;
  phone?: string | null;
  departmentId?: number | null;
  staffClass?: StaffClass;
  roles?: Role[];
  seniorManager?: boolean;
  /** When omitted a password is generated and returned once. */
  password?: string;
}

export async function createStaff(db: Db, ctx: RequestContext, input: CreateStaffInput): Promise<{ staff: StaffView; generatedPassword: string | null }> {
  requireStaff(ctx, 'admin');
  return insertStaff(db, ctx, input);
}

/** Used by the admin API and by the CLI's create-admin (which runs as the system). */
export async function insertStaff(db: Db, ctx: RequestContext, input: CreateStaffInput): Promise<{ staff: StaffView; generatedPassword: string | null }> {
  const email = normalizeEmail(input.email);
  const name = normalizeName(input.name);
  const roles = normalizeRoles(input.roles ?? ['agent']);
  const generatedPassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? generatedPassword!;
  assertPasswordAcceptable(password);
  await assertDepartmentUsable(db, input.departmentId);
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('staff')
        .values({
          email, name, phone: input.phone?.trim() || null, department_id: input.departmentId ?? null,
          staff_class: input.staffClass ?? 'functional', roles, senior_manager: input.seniorManager ?? false, password_hash: passwordHash, password_changed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const staff = await getStaff(trx, id);
      await recordAudit(trx, ctx, { action: 'staff.create', entity: 'staff', entityId: id, before: null, after: auditable(staff) });
      return { staff, generatedPassword };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw conflict(`Someone already uses the email ${email}`, 'email', 'email_taken');
    throw err;
  }
}

export interface UpdateStaffInput {
  email?: string;
  name?: string;
  phone?: string | null;
  departmentId?: number | null;
  staffClass?: StaffClass;
  roles?: Role[];
  active?: boolean;
  seniorManager?: boolean;
}

export async function updateStaff(db: Db, ctx: RequestContext, id: number, input: UpdateStaffInput): Promise<StaffView> {
  requireStaff(ctx, 'admin');
  const patch: Record<string, unknown> = {};
  if (input.email !== undefined) patch.email = normalizeEmail(input.email);
  if (input.name !== undefined) patch.name = normalizeName(input.name);
  if (input.phone !== undefined) patch.phone = input.phone?.trim() || null;
  if (input.departmentId !== undefined) {
    await assertDepartmentUsable(db, input.departmentId);
    patch.department_id = input.departmentId;
  }
  if (input.staffClass !== undefined) patch.staff_class = input.staffClass;
  if (input.roles !== undefined) patch.roles = normalizeRoles(input.roles);
  if (input.active !== undefined) patch.active = input.active;
  if (input.seniorManager !== undefined) patch.senior_manager = input.seniorManager;
  // An admin cannot lock themself out: someone must always be able to administer Centric.
  if (id === ctx.actor.id && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
    throw invalid('You cannot deactivate yourself or remove your own admin role; ask another admin', input.active === false ? 'active' : 'roles');
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const locked = await trx.selectFrom('staff').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!locked) throw notFound(`No staff member with id ${id}`);
      const before = await getStaff(trx, id);
      if (Object.keys(patch).length > 0) {
        await trx.updateTable('staff').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
      }
      // A deactivated person is signed out everywhere at once.
      if (input.active === false) await trx.deleteFrom('sessions').where('staff_id', '=', id).execute();
      // Instances that cached this person's sessions or tokens forget them on commit (roles, department, active).
      await announceAuthChange(trx, id);
      const after = await getStaff(trx, id);
      await recordAudit(trx, ctx, { action: 'staff.update', entity: 'staff', entityId: id, before: auditable(before), after: auditable(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw conflict(`Someone already uses the email ${String(patch.email)}`, 'email', 'email_taken');
    throw err;
  }
}

/** The person's line of superiors (heads up the department tree), nearest first. */
export async function listSuperiors(db: Db, id: number): Promise<StaffView[]> {
  const person = await getStaff(db, id);
  const ids = listSuperiorIds(await loadDepartmentNodes(db), id, person.departmentId);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id').select(staffColumns).where('staff.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toView(r)]));
  return ids.map((i) => byId.get(i)).filter((v): v is StaffView => v !== undefined);
}

/** The signed-in person changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null },
): Promise<void> {
  requireStaff(ctx);
  const row = await db.selectFrom('staff').select(['password_hash']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
  if (!row.password_hash || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw invalid('The current password is not correct', 'currentPassword');
  }
  assertPasswordAcceptable(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) throw invalid('Choose a password different from the current one', 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() }).where('id', '=', ctx.actor.id).execute();
    let del = trx.deleteFrom('sessions').where('staff_id', '=', ctx.actor.id);
    if (input.keepSessionId) del = del.where('id', '!=', input.keepSessionId);
    await del.execute();
    await announceAuthChange(trx, ctx.actor.id);
    await recordAudit(trx, ctx, { action: 'staff.change_password', entity: 'staff', entityId: ctx.actor.id });
  });
}

/** An admin (or the CLI) sets a new password for someone who forgot theirs; their sessions end. */
export async function resetStaffPassword(db: Db, ctx: RequestContext, input: { email: string; password?: string }): Promise<{ password: string }> {
  // The CLI acts as the system; anyone else must be an admin.
  if (ctx.actor.kind !== 'system') requireStaff(ctx, 'admin');
  const email = normalizeEmail(input.email);
  const password = input.password ?? generatePassword();
  assertPasswordAcceptable(password);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('staff').set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email)).returning('id').executeTakeFirst();
    if (!row) throw notFound(`No staff member with the email ${email}`);
    await trx.deleteFrom('sessions').where('staff_id', '=', row.id).execute();
    await announceAuthChange(trx, row.id);
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `email:${email}`).execute();
    await recordAudit(trx, ctx, { action: 'staff.reset_password', entity: 'staff', entityId: row.id });
  });
  return { password };
}
