import type { Db } from '../../db/connect.ts';
import { systemContext } from '../context.ts';
import { insertStaff } from '../org/staff.ts';

/**
 * On a fresh database, creates the first admin so someone can sign in. Returns the generated
 * password when none was configured (shown once), or null when staff already exist.
 */
export async function ensureFirstAdmin(db: Db, input: { email: string | null; password: string | null }): Promise<{ email: string; password: string | null } | null> {
  const any = await db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const email = input.email ?? 'admin@localhost';
  const result = await insertStaff(db, systemContext(), {
    email,
    name: 'Administrator',
    roles: ['admin'],
    staffClass: 'functional',
    ...(input.password ? { password: input.password } : {}),
  });
  return { email: result.staff.email, password: result.generatedPassword };
}
