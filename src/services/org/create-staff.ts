import type { CreateStaffBody, StaffView } from '../../contracts/staff.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPasswordAcceptable, normalizeEmail, normalizeName, normalizeRoles } from '../../domain/org/validate-staff.ts';
import { conflict } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import type { RequestContext } from '../context.ts';
import { assertDepartmentUsable } from './assert-department-usable.ts';
import { requireStaff } from './require-role.ts';
import { getStaff, toAuditableStaff } from './views.ts';

/** A new staff member; when `password` is omitted one is generated and returned once. */
export type CreateStaffInput = CreateStaffBody;

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
      await recordAudit(trx, ctx, { action: 'staff.create', entity: 'staff', entityId: id, before: null, after: toAuditableStaff(staff) });
      return { staff, generatedPassword };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw conflict(`Someone already uses the email ${email}`, 'email', 'email_taken');
    throw err;
  }
}
