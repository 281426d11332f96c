import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadImportJob, toCustomerImportView, type CustomerImportView } from './customer-import-view.ts';
import { IMPORT_STALE_MS } from './import-job-progress.ts';

export interface CustomerImportErrorView {
  rowNumber: number;
  column: string | null;
  field: string | null;
  message: string;
}

/**
 * The job with its progress, polled while a step runs. A running step whose heartbeat stopped
 * (its instance died) is marked failed here, so nobody waits for it forever and it can be re-run.
 */
export async function getCustomerImport(db: Db, ctx: RequestContext, id: number, nowMs: number): Promise<CustomerImportView> {
  requireStaff(ctx);
  let job = await loadImportJob(db, ctx, id);
  if ((job.status === 'validating' || job.status === 'importing') && job.heartbeat_at && nowMs - job.heartbeat_at.getTime() > IMPORT_STALE_MS) {
    const message = job.status === 'importing' && job.imported_rows > 0
      ? `The import was interrupted after ${job.imported_rows} customers were imported (the server running it stopped).`
      : 'The server running this step stopped before it finished; nothing was imported. Run it again.';
    job = (await db
      .updateTable('import_jobs')
      .set({ status: 'failed', message, heartbeat_at: null, finished_at: new Date(nowMs) })
      .where('id', '=', id)
      .where('status', '=', job.status)
      .where('heartbeat_at', '=', job.heartbeat_at)
      .returningAll()
      .executeTakeFirst()) ?? (await loadImportJob(db, ctx, id));
  }
  return toCustomerImportView(job);
}

/** One page of the job's row errors, in file order. */
export async function listCustomerImportErrors(db: Db, ctx: RequestContext, id: number, page: { offset?: number; limit?: number }): Promise<{ items: CustomerImportErrorView[]; total: number }> {
  requireStaff(ctx);
  await loadImportJob(db, ctx, id);
  const [rows, total] = await Promise.all([
    db
      .selectFrom('import_job_errors')
      .select(['row_number', 'column', 'field', 'message'])
      .where('job_id', '=', id)
      .orderBy('row_number')
      .orderBy('id')
      .offset(page.offset ?? 0)
      .limit(page.limit ?? 50)
      .execute(),
    db.selectFrom('import_job_errors').select(sql<number>`count(*)::int`.as('n')).where('job_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ rowNumber: r.row_number, column: r.column, field: r.field, message: r.message })), total: total.n };
}
