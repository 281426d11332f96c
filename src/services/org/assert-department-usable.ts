import type { Db } from '../../db/connect.ts';
import { invalid } from '../../domain/shared/domain-error.ts';

/** A person may be placed only in a department that exists and is active. */
export async function assertDepartmentUsable(db: Db, departmentId: number | null | undefined): Promise<void> {
  if (departmentId === null || departmentId === undefined) return;
  const dept = await db.selectFrom('departments').select(['active']).where('id', '=', departmentId).executeTakeFirst();
  if (!dept) throw invalid(`Department ${departmentId} does not exist`, 'departmentId');
  if (!dept.active) throw invalid('That department is deactivated; choose an active one', 'departmentId');
}
