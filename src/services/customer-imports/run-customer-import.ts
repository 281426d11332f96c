import { sql, type Transaction } from 'kysely';
import type { RunCustomerImportBody } from '../../contracts/customer-imports.ts';
import type { Database } from '../../db/schema.ts';
import type { ImportMode } from '../../domain/customer-imports/import-job-states.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import { conflict } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadImportJob, toCustomerImportView, type ImportJobRow } from './views.ts';
import { failImportJob, storeImportErrors, writeImportProgress, type ImportWorkDeps } from './import-job-progress.ts';
import { scanCustomerImport, takeImportLock, type ScanCounts, type ValidImportRow } from './scan-customer-import.ts';
import type { StartedImportStep } from './validate-customer-import.ts';

/**
 * One multi-row INSERT per batch. Ids are drawn from the customers' sequence first, so each new
 * customer is linked to its file row in the same statement (RETURNING does not promise row order).
 */
async function insertCustomers(trx: Transaction<Database>, jobId: number, rows: readonly ValidImportRow[]): Promise<void> {
  if (rows.length === 0) return;
  const input = rows.map(({ rowNumber, fields: f }) => ({
    row_number: rowNumber, kind: f.kind, name: f.name, organisation: f.organisation, phones: f.phones, emails: f.emails, addresses: f.addresses,
    segment: f.segment, tags: f.tags, preferred_language: f.preferredLanguage, preferred_channel: f.preferredChannel,
    consent_contact: f.consentContact, consent_surveys: f.consentSurveys, consent_marketing: f.consentMarketing, notes: f.notes, is_account: f.isAccount,
    search_text: customerSearchText(f),
  }));
  await sql`
    with input as (
      select r.*, nextval(pg_get_serial_sequence('customers', 'id')) as id
      from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as r(
        row_number integer, kind text, name text, organisation text, phones text[], emails text[], addresses text[], segment text, tags text[],
        preferred_language text, preferred_channel text, consent_contact boolean, consent_surveys boolean, consent_marketing boolean, notes text,
        is_account boolean, search_text text)
    ), created as (
      insert into customers (id, kind, name, organisation, phones, emails, addresses, segment, tags, preferred_language, preferred_channel,
        consent_contact, consent_surveys, consent_marketing, notes, is_account, search_text)
      overriding system value
      select id, kind, name, organisation, phones, emails, addresses, segment, tags, preferred_language, preferred_channel,
        consent_contact, consent_surveys, consent_marketing, notes, is_account, search_text
      from input
      returning id
    )
    insert into import_job_customers (job_id, customer_id, row_number)
    select ${jobId}, id, row_number from input`.execute(trx);
}

async function auditImport(trx: Transaction<Database>, ctx: RequestContext, job: ImportJobRow, mode: ImportMode, counts: ScanCounts, importedRows: number): Promise<void> {
  await recordAudit(trx, ctx, {
    action: 'customer.import',
    entity: 'customer_import',
    entityId: job.id,
    before: null,
    // The customers it created are listed in import_job_customers (one audit record per job, not 100,000).
    after: { fileName: job.file_name, format: job.format, mode, totalRows: counts.totalRows, importedRows, errorRows: counts.errorRows },
  });
}

/** Thrown inside the all-or-nothing transaction to roll it back when a row turned out bad after validation. */
class RowsNowInvalid extends Error {}

/**
 * Step 3: imports the validated file. all_or_nothing: every row in one transaction, or nothing when
 * any row has an error (refused at once when validation found errors). valid_only: the good rows,
 * committed batch by batch, the bad ones skipped. The rows are checked again as they are imported,
 * so a customer created since validation is still caught as a duplicate.
 */
export async function startCustomerImportRun(deps: ImportWorkDeps, ctx: RequestContext, input: { id: number } & RunCustomerImportBody): Promise<StartedImportStep> {
  requireStaff(ctx);
  const { id, mode } = input;
  const job = await deps.db.transaction().execute(async (trx) => {
    const current = await loadImportJob(trx, ctx, id);
    if (current.status !== 'validated') throw conflict(current.status === 'done' ? 'This file has been imported already' : `The import is ${current.status}; validate it first`, 'status', 'wrong_state');
    if (mode === 'all_or_nothing' && (current.error_rows ?? 0) > 0) {
      throw conflict(`${current.error_rows} rows have errors, so all-or-nothing imports nothing. Correct the file and upload it again, or import only the valid rows.`, 'mode', 'rows_invalid');
    }
    if ((current.valid_rows ?? 0) === 0) throw conflict('No row is valid: there is nothing to import', 'mode', 'rows_invalid');
    await trx.deleteFrom('import_job_errors').where('job_id', '=', id).execute();
    const claimed = await trx
      .updateTable('import_jobs')
      .set({ status: 'importing', mode, processed_rows: 0, imported_rows: 0, message: null, heartbeat_at: new Date(deps.now()) })
      .where('id', '=', id)
      .where('status', '=', 'validated')
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw conflict('The import changed meanwhile; reload it', 'status', 'wrong_state');
    return claimed;
  });

  const finish = async (trx: Transaction<Database>, counts: ScanCounts, importedRows: number) => {
    await trx
      .updateTable('import_jobs')
      .set({ status: 'done', total_rows: counts.totalRows, valid_rows: counts.validRows, error_rows: counts.errorRows, processed_rows: counts.totalRows, imported_rows: importedRows, heartbeat_at: null, finished_at: new Date(deps.now()) })
      .where('id', '=', id)
      .execute();
    // A done job is never read again: its file would only take space (the errors and created customers stay).
    await trx.deleteFrom('import_job_chunks').where('job_id', '=', id).execute();
  };

  const allOrNothing = async (): Promise<void> => {
    let counts: ScanCounts | null = null;
    try {
      await deps.db.transaction().execute(async (trx) => {
        await takeImportLock(trx);
        counts = await scanCustomerImport(job, deps.db, (work) => work(trx), async (batch) => {
          await storeImportErrors(deps, id, batch.errors);
          if (batch.errors.length > 0) throw new RowsNowInvalid();
          await insertCustomers(trx, id, batch.valid);
          await writeImportProgress(deps, id, batch.processedRows);
        });
        await auditImport(trx, ctx, job, mode, counts, counts.validRows);
        await finish(trx, counts, counts.validRows);
      });
    } catch (err) {
      if (!(err instanceof RowsNowInvalid)) throw err;
      // Back to validated: the person sees the new errors and chooses again; nothing was written.
      await deps.db
        .updateTable('import_jobs')
        .set({ status: 'validated', error_rows: sql<number>`greatest(coalesce(error_rows, 0), 1)`, imported_rows: 0, heartbeat_at: null, message: 'A row became invalid after validation (e.g. a customer with its phone was added meanwhile), so nothing was imported. See the errors, then choose again.' })
        .where('id', '=', id)
        .execute();
    }
  };

  const validOnly = async (): Promise<void> => {
    let imported = 0;
    let processed = 0;
    try {
      const eachBatch = (work: (trx: Transaction<Database>) => Promise<void>) =>
        deps.db.transaction().execute(async (trx) => {
          await takeImportLock(trx);
          await work(trx);
        });
      const counts = await scanCustomerImport(job, deps.db, eachBatch, async (batch, trx) => {
        await storeImportErrors(deps, id, batch.errors);
        await insertCustomers(trx, id, batch.valid);
        // Progress in the batch's own transaction: it commits with the customers it counts (and writing
        // the job row from another connection here would wait on this transaction's lock forever).
        await trx
          .updateTable('import_jobs')
          .set({ imported_rows: imported + batch.valid.length, processed_rows: batch.processedRows, heartbeat_at: new Date(deps.now()) })
          .where('id', '=', id)
          .execute();
        imported += batch.valid.length;
        processed = batch.processedRows;
      });
      await deps.db.transaction().execute(async (trx) => {
        await auditImport(trx, ctx, job, mode, counts, imported);
        await finish(trx, counts, imported);
      });
    } catch (err) {
      // The batches committed so far stay imported: the audit trail says how many.
      if (imported > 0) await deps.db.transaction().execute((trx) => auditImport(trx, ctx, job, mode, { totalRows: processed, validRows: imported, errorRows: 0 }, imported));
      throw err;
    }
  };

  const work = async (): Promise<void> => {
    try {
      await (mode === 'all_or_nothing' ? allOrNothing() : validOnly());
    } catch (err) {
      await failImportJob(deps, id, err);
    }
  };
  return { job: toCustomerImportView(job), work };
}
