import type { StaffView, UpdateStaffBody } from '../../contracts/staff.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { normalizeEmail, normalizeName, normalizeRoles } from '../../domain/org/validate-staff.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import { announceAuthChange } from '../auth/principal-cache.ts';
import type { RequestContext } from '../context.ts';
import { assertDepartmentUsable } from './assert-department-usable.ts';
import { requireStaff } from './require-role.ts';
import { getStaff, toAuditableStaff } from './views.ts';

export type UpdateStaffInput = UpdateStaffBody & { id: number };

export async function updateStaff(db: Db, ctx: RequestContext, input: UpdateStaffInput): Promise<StaffView> {
  requireStaff(ctx, 'admin');
  const { id } = input;
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
      await recordAudit(trx, ctx, { action: 'staff.update', entity: 'staff', entityId: id, before: toAuditableStaff(before), after: toAuditableStaff(after) });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'staff_email_key')) throw conflict(`Someone already uses the email ${String(patch.email)}`, 'email', 'email_taken');
    throw err;
  }
}
