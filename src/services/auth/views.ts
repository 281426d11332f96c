import type { ApiTokenView } from '../../contracts/api-tokens.ts';
import type { SessionUser } from '../../contracts/session.ts';
import type { Db } from '../../db/connect.ts';
import type { Role, StaffClass } from '../../domain/org/roles.ts';
import type { StaffActor } from '../context.ts';

export type { ApiTokenView } from '../../contracts/api-tokens.ts';
export type { SessionUser } from '../../contracts/session.ts';

type StaffRow = { id: number; email: string; name: string; department_id: number | null; staff_class: StaffClass; roles: Role[] };

export function toSessionUser(row: StaffRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, departmentId: row.department_id, staffClass: row.staff_class, roles: row.roles };
}

export function toActor(row: Pick<StaffRow, 'id' | 'roles' | 'department_id'>): StaffActor {
  return { kind: 'staff', id: row.id, roles: row.roles, departmentId: row.department_id };
}

type ApiTokenRow = { id: number; name: string; prefix: string; created_at: Date; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null };

export const toApiTokenView = (r: ApiTokenRow): ApiTokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function listApiTokens(db: Db, staffId: number): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('staff_id', '=', staffId).orderBy('id', 'desc').execute();
  return rows.map(toApiTokenView);
}
