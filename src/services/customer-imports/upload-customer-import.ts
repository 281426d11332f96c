import type { CustomerImportView } from '../../contracts/customer-imports.ts';
import type { Db } from '../../db/connect.ts';
import { checkHeaderRow, checkImportFileHead, detectImportFormat } from '../../domain/customer-imports/detect-import-format.ts';
import { MAX_IMPORT_COLUMNS, toColumnNames } from '../../domain/customer-imports/import-mapping.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { toCustomerImportView } from './views.ts';
import { openImportFile, storeImportFile } from './import-file-store.ts';
import { detectCsvEncoding, readImportRows } from './read-import-rows.ts';

/** Rows shown under the column choice: enough to recognise the data, few enough to read. */
export const PREVIEW_ROWS = 10;

export interface UploadCustomerImportInput {
  fileName: string;
  contentType: string | null;
  /** The request body as it arrives; never held whole in memory. */
  body: AsyncIterable<Buffer | string>;
}

/**
 * Step 1 of an import: keeps the file in the database and reads its header and first rows for the
 * column choice. A file that cannot be imported (wrong format, empty, no header, no rows) is refused
 * and nothing is kept.
 */
export async function uploadCustomerImport(db: Db, ctx: RequestContext, input: UploadCustomerImportInput): Promise<CustomerImportView> {
  requireStaff(ctx);
  const fileName = input.fileName.trim().replace(/[\\/]+/g, '_').slice(0, 255);
  if (!fileName) throw invalid('Name the file (the fileName query parameter)', 'fileName');
  const format = detectImportFormat(input.contentType, fileName);
  const job = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('import_jobs')
      .values({ created_by: ctx.actor.id, file_name: fileName, format, size_bytes: 0, columns: '[]', preview: '[]' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { sizeBytes, head } = await storeImportFile(trx, id, input.body);
    if (sizeBytes === 0) throw invalid('The file is empty', 'file', 'empty_file');
    checkImportFileHead(format, head);
    const encoding = format === 'csv' ? detectCsvEncoding(head) : null;
    let header: string[] | null = null;
    const preview: string[][] = [];
    for await (const row of readImportRows(openImportFile(trx, id), format, encoding)) {
      if (!header) header = row.cells;
      else preview.push(row.cells);
      if (preview.length >= PREVIEW_ROWS) break;
    }
    if (!header) throw invalid('The file has no rows: the first row must name the columns', 'file', 'no_header');
    if (header.length > MAX_IMPORT_COLUMNS) throw invalid(`The file has ${header.length} columns; at most ${MAX_IMPORT_COLUMNS} can be imported`, 'file', 'bad_file');
    checkHeaderRow(header);
    if (preview.length === 0) throw invalid('The file has a header row but no customers under it', 'file', 'no_rows');
    const columns = toColumnNames(header);
    return trx
      .updateTable('import_jobs')
      .set({ size_bytes: sizeBytes, encoding, columns: JSON.stringify(columns), preview: JSON.stringify(preview.map((r) => columns.map((_, i) => r[i] ?? ''))) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toCustomerImportView(job);
}
