import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** Whether the database answers `select 1` within `timeoutMs` (the health check's question). */
export async function checkDatabase(db: Db, { timeoutMs = 3000 }: { timeoutMs?: number } = {}): Promise<boolean> {
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
