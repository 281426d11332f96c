import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CustomerImportErrorList, CustomerImportErrorsQuery, CustomerImportView } from '../../contracts/customer-imports.ts';
import type { Db } from '../../db/connect.ts';
import type { Database, ImportJobsTable } from '../../db/schema.ts';
import { suggestImportMapping, type ImportMapping } from '../../domain/customer-imports/import-mapping.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { hasRole, type RequestContext, type StaffActor } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

export type ImportJobRow = Selectable<ImportJobsTable>;

export function toCustomerImportView(r: ImportJobRow): CustomerImportView {
  return {
    id: r.id,
    createdBy: r.created_by,
    fileName: r.file_name,
    format: r.format,
    encoding: r.encoding,
    sizeBytes: Number(r.size_bytes),
    status: r.status,
    mode: r.mode,
    columns: r.columns,
    preview: r.preview,
    // Stored only after checkImportMapping accepted it, so every entry is a field or null.
    mapping: r.mapping as ImportMapping | null,
    suggestedMapping: suggestImportMapping(r.columns),
    totalRows: r.total_rows,
    validRows: r.valid_rows,
    errorRows: r.error_rows,
    processedRows: r.processed_rows,
    importedRows: r.imported_rows,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

/** The job, if the caller may see it: the person who uploaded it, or an admin. Others get 404, as if it did not exist. */
export async function loadImportJob(db: Kysely<Database> | Transaction<Database>, ctx: RequestContext & { actor: StaffActor }, id: number): Promise<ImportJobRow> {
  const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job || (job.created_by !== ctx.actor.id && !hasRole(ctx.actor, 'admin'))) throw notFound(`No customer import with id ${id}`);
  return job;
}

/** One page of the job's row errors, in file order. */
export async function listCustomerImportErrors(db: Db, ctx: RequestContext, input: { id: number } & CustomerImportErrorsQuery): Promise<CustomerImportErrorList> {
  requireStaff(ctx);
  const { id } = input;
  await loadImportJob(db, ctx, id);
  const [rows, total] = await Promise.all([
    db
      .selectFrom('import_job_errors')
      .select(['row_number', 'column', 'field', 'message'])
      .where('job_id', '=', id)
      .orderBy('row_number')
      .orderBy('id')
      .offset(input.offset ?? 0)
      .limit(input.limit ?? 50)
      .execute(),
    db.selectFrom('import_job_errors').select(sql<number>`count(*)::int`.as('n')).where('job_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => ({ rowNumber: r.row_number, column: r.column, field: r.field, message: r.message })), total: total.n };
}
