import type { CustomerImportView, ValidateCustomerImportBody } from '../../contracts/customer-imports.ts';
import type { ImportJobStatus } from '../../domain/customer-imports/import-job-states.ts';
import { checkImportMapping } from '../../domain/customer-imports/import-mapping.ts';
import { conflict } from '../../domain/shared/domain-error.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadImportJob, toCustomerImportView } from './views.ts';
import { failImportJob, storeImportErrors, writeImportProgress, type ImportWorkDeps } from './import-job-progress.ts';
import { scanCustomerImport } from './scan-customer-import.ts';

/** A step that was accepted: the job as it is now, and the work to run in the background. */
export interface StartedImportStep {
  job: CustomerImportView;
  work: () => Promise<void>;
}

const CAN_VALIDATE: ImportJobStatus[] = ['uploaded', 'validated', 'failed'];

/**
 * Step 2: saves the column mapping and checks every row in the background (counts and errors, row by
 * row, progress on the job). Validating again (another mapping) replaces the earlier results.
 */
export async function startCustomerImportValidation(deps: ImportWorkDeps, ctx: RequestContext, input: { id: number } & ValidateCustomerImportBody): Promise<StartedImportStep> {
  requireStaff(ctx);
  const { id } = input;
  const job = await deps.db.transaction().execute(async (trx) => {
    const current = await loadImportJob(trx, ctx, id);
    if (!CAN_VALIDATE.includes(current.status)) throw conflict(`The import is ${current.status}; it cannot be validated now`, 'status', 'wrong_state');
    const mapping = checkImportMapping(current.columns, input.mapping);
    await trx.deleteFrom('import_job_errors').where('job_id', '=', id).execute();
    // The status in the WHERE makes two clicks (or two instances) start one validation, not two.
    const claimed = await trx
      .updateTable('import_jobs')
      .set({ status: 'validating', mapping: JSON.stringify(mapping), total_rows: null, valid_rows: null, error_rows: null, processed_rows: 0, message: null, heartbeat_at: new Date(deps.now()), finished_at: null })
      .where('id', '=', id)
      .where('status', '=', current.status)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw conflict('The import changed meanwhile; reload it', 'status', 'wrong_state');
    return claimed;
  });
  const work = async (): Promise<void> => {
    try {
      const counts = await scanCustomerImport(job, deps.db, (work) => deps.db.transaction().execute(work), async (batch) => {
        await storeImportErrors(deps, id, batch.errors);
        await writeImportProgress(deps, id, batch.processedRows);
      });
      await deps.db
        .updateTable('import_jobs')
        .set({ status: 'validated', total_rows: counts.totalRows, valid_rows: counts.validRows, error_rows: counts.errorRows, processed_rows: counts.totalRows, heartbeat_at: null })
        .where('id', '=', id)
        .where('status', '=', 'validating')
        .execute();
    } catch (err) {
      await failImportJob(deps, id, err);
    }
  };
  return { job: toCustomerImportView(job), work };
}
