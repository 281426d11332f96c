import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/connect.ts';
import type { Role, StaffClass } from '../../src/db/schema.ts';
import { systemContext } from '../../src/services/context.ts';
import { insertStaff } from '../../src/services/org/staff.ts';

export const TEST_PASSWORD = 'correct horse battery';

const unique = () => randomBytes(4).toString('hex');

/** A staff member with a known password; unique email each call. */
export async function buildStaff(
  db: Db,
  overrides: { email?: string; name?: string; roles?: Role[]; departmentId?: number | null; staffClass?: StaffClass; password?: string } = {},
) {
  const { staff } = await insertStaff(db, systemContext(), {
    email: overrides.email ?? `staff-${unique()}@example.com`,
    name: overrides.name ?? `Staff ${unique()}`,
    roles: overrides.roles ?? ['agent'],
    departmentId: overrides.departmentId ?? null,
    staffClass: overrides.staffClass ?? 'functional',
    password: overrides.password ?? TEST_PASSWORD,
  });
  return { ...staff, password: overrides.password ?? TEST_PASSWORD };
}

export async function buildDepartment(db: Db, overrides: { name?: string; parentId?: number | null; headId?: number | null } = {}) {
  return db
    .insertInto('departments')
    .values({ name: overrides.name ?? `Dept ${unique()}`, parent_id: overrides.parentId ?? null, head_id: overrides.headId ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A B2B account with weekly scorecards on, one contact with an email, and `team` (role → staff id) as its account team. */
export async function buildScorecardAccount(
  db: Db,
  overrides: { name?: string; team?: Partial<Record<'account_manager' | 'planner' | 'quality_engineer' | 'sales', number>>; scorecardEnabled?: boolean; active?: boolean } = {},
) {
  const account = await db
    .insertInto('customers')
    .values({ kind: 'organisation', name: overrides.name ?? `Account ${unique()}`, is_account: true, scorecard_enabled: overrides.scorecardEnabled ?? true, active: overrides.active ?? true })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  const contact = await db
    .insertInto('customer_contacts')
    .values({ customer_id: account.id, name: `Contact ${unique()}`, emails: [`buyer-${unique()}@example.com`], decision_role: 'decision_maker' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  for (const [role, staffId] of Object.entries(overrides.team ?? {})) {
    await db.insertInto('account_team_members').values({ customer_id: account.id, staff_id: staffId, role: role as 'account_manager' }).execute();
  }
  return { ...account, contact };
}
