import type { CustomerImportView } from '../../contracts/customer-imports.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadImportJob, toCustomerImportView } from './views.ts';
import { IMPORT_STALE_MS } from './import-job-progress.ts';

/**
 * The job with its progress, polled while a step runs. A running step whose heartbeat stopped
 * (its instance died) is marked failed here, so nobody waits for it forever and it can be re-run.
 */
export async function getCustomerImport(db: Db, ctx: RequestContext, input: { id: number; nowMs: number }): Promise<CustomerImportView> {
  requireStaff(ctx);
  const { id, nowMs } = input;
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
