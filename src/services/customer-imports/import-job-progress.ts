import type { Db } from '../../db/connect.ts';
import type { ImportRowError } from '../../domain/customer-imports/check-import-row.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';

/** A running job whose heartbeat is older than this lost the instance that ran it (killed, restarted). */
export const IMPORT_STALE_MS = 120_000;

/** What a background step of an import can do: read the clock and log what went wrong on our side. */
export interface ImportWorkDeps {
  db: Db;
  now: () => number;
  log: { error(obj: unknown, msg?: string): void };
}

/** Writes progress outside any import transaction, so a person polling sees it while all-or-nothing is still open. */
export async function writeImportProgress(deps: ImportWorkDeps, jobId: number, processedRows: number): Promise<void> {
  await deps.db.updateTable('import_jobs').set({ processed_rows: processedRows, heartbeat_at: new Date(deps.now()) }).where('id', '=', jobId).execute();
}

export async function storeImportErrors(deps: ImportWorkDeps, jobId: number, errors: readonly ImportRowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += 2000) {
    const values = errors.slice(i, i + 2000).map((e) => ({ job_id: jobId, row_number: e.rowNumber, column: e.column, field: e.field, message: e.message }));
    await deps.db.insertInto('import_job_errors').values(values).execute();
  }
}

/** Marks a step failed with a message a person can act on; a bug is logged and described only vaguely. */
export async function failImportJob(deps: ImportWorkDeps, jobId: number, err: unknown): Promise<void> {
  const message = err instanceof DomainError ? err.message : 'The import stopped because of an error on our side; it has been logged. Try again.';
  if (!(err instanceof DomainError)) deps.log.error({ err, jobId }, 'customer import failed');
  await deps.db
    .updateTable('import_jobs')
    .set({ status: 'failed', message, heartbeat_at: null, finished_at: new Date(deps.now()) })
    .where('id', '=', jobId)
    .execute()
    .catch((e: unknown) => deps.log.error({ err: e, jobId }, 'could not mark the customer import failed'));
}
