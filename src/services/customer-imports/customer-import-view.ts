import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ImportJobsTable } from '../../db/schema.ts';
import { suggestImportMapping } from '../../domain/customer-imports/import-mapping.ts';
import { notFound } from '../../domain/shared/domain-error.ts';
import { hasRole, type RequestContext, type StaffActor } from '../context.ts';

export type ImportJobRow = Selectable<ImportJobsTable>;

/** A job as the wizard shows it: where it is, its counts and progress. */
export interface CustomerImportView {
  id: number;
  createdBy: number;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  sizeBytes: number;
  status: ImportJobRow['status'];
  mode: ImportJobRow['mode'];
  columns: string[];
  preview: string[][];
  mapping: (string | null)[] | null;
  /** The header read as field names (what the wizard preselects). */
  suggestedMapping: (string | null)[];
  totalRows: number | null;
  validRows: number | null;
  errorRows: number | null;
  processedRows: number;
  importedRows: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

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
    mapping: r.mapping,
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
