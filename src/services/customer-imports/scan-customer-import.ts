import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { checkImportRow, type ImportRowError } from '../../domain/customer-imports/check-import-row.ts';
import { findImportDuplicates, type SeenContacts } from '../../domain/customer-imports/find-import-duplicates.ts';
import { checkImportMapping } from '../../domain/customer-imports/import-mapping.ts';
import type { CustomerFields } from '../../domain/customers/check-customer-input.ts';
import type { DuplicateRecord } from '../../domain/customers/find-duplicate-candidates.ts';
import type { ImportJobRow } from './views.ts';
import { openImportFile } from './import-file-store.ts';
import { readImportRows } from './read-import-rows.ts';

/** Rows checked (and, when importing, inserted) together: one duplicate lookup and one INSERT per batch. */
export const IMPORT_BATCH_ROWS = 1000;

export interface ValidImportRow {
  rowNumber: number;
  fields: CustomerFields;
}

export interface ImportBatch {
  valid: ValidImportRow[];
  errors: ImportRowError[];
  /** Rows of the file read so far (the header not counted). */
  processedRows: number;
}

export interface ScanCounts {
  totalRows: number;
  validRows: number;
  errorRows: number;
}

/** Existing customers sharing a phone or an email with the batch, indexed by `phone:…` / `email:…`. */
async function loadContactOwners(trx: Transaction<Database>, rows: readonly ValidImportRow[]): Promise<Map<string, DuplicateRecord[]>> {
  const phones = [...new Set(rows.flatMap((r) => r.fields.phones))];
  const emails = [...new Set(rows.flatMap((r) => r.fields.emails.map((e) => e.toLowerCase())))];
  const owners = new Map<string, DuplicateRecord[]>();
  if (phones.length === 0 && emails.length === 0) return owners;
  // The GIN indexes on phones and emails (0011_crm.sql) answer both overlaps. While an import grows the
  // table its statistics lag behind, and the planner's seq scan with a 1,000-element overlap per row turns
  // quadratic (seconds per batch at 100,000 rows), so the lookup is held to the indexes.
  await sql`set local enable_seqscan = off`.execute(trx);
  const found = await trx
    .selectFrom('customers')
    .select(['id', 'name', 'phones', 'emails'])
    // Merged-away records are not customers any more.
    .where('merged_into_id', 'is', null)
    .where((eb) => eb.or([eb('phones', '&&', sql<string[]>`${phones}::text[]`), eb('emails', '&&', sql<string[]>`${emails}::text[]`)]))
    .execute();
  for (const c of found) {
    for (const key of [...c.phones.map((p) => `phone:${p}`), ...c.emails.map((e) => `email:${e.toLowerCase()}`)]) {
      const list = owners.get(key);
      if (list) list.push(c);
      else owners.set(key, [c]);
    }
  }
  return owners;
}

/**
 * Runs one batch's duplicate lookup and its writes in one transaction. An import takes the customer
 * import lock in it first, so two imports running at once (on any instances) see each other's
 * committed rows and cannot both create the same phone or email.
 */
export type BatchTransaction = (work: (trx: Transaction<Database>) => Promise<void>) => Promise<void>;

/** The advisory lock key all imports' writing batches share ('customer-import'). */
const IMPORT_LOCK_KEY = 0x43_49_4d_50;

export async function takeImportLock(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(trx);
}

/**
 * Reads the job's file as a stream and checks every row: the customer rules, then duplicates against
 * existing customers and earlier rows. Each batch's lookup and `onBatch` (store errors, insert
 * customers, write progress) run in one `inBatch` transaction before the next batch is read, so
 * memory holds one batch plus the phones and emails seen.
 */
export async function scanCustomerImport(
  job: ImportJobRow,
  files: Kysely<Database>,
  inBatch: BatchTransaction,
  onBatch: (batch: ImportBatch, trx: Transaction<Database>) => Promise<void>,
): Promise<ScanCounts> {
  const columns = job.columns;
  const mapping = checkImportMapping(columns, job.mapping ?? []);
  const seen: SeenContacts = new Map();
  const counts: ScanCounts = { totalRows: 0, validRows: 0, errorRows: 0 };
  let pending: { rowNumber: number; cells: string[] }[] = [];

  const flush = async (): Promise<void> => {
    const errors: ImportRowError[] = [];
    const checked: (ValidImportRow & { cells: string[] })[] = [];
    for (const row of pending) {
      const result = checkImportRow(row.rowNumber, row.cells, mapping, columns);
      if (result.ok) checked.push({ rowNumber: row.rowNumber, fields: result.fields, cells: row.cells });
      else errors.push(...result.errors);
    }
    const bad = new Set(errors.map((e) => e.rowNumber));
    const batchRows = pending.length;
    pending = [];
    await inBatch(async (trx) => {
      const owners = await loadContactOwners(trx, checked);
      const valid: ValidImportRow[] = [];
      for (const row of checked) {
        const keys = [...row.fields.phones.map((p) => `phone:${p}`), ...row.fields.emails.map((e) => `email:${e.toLowerCase()}`)];
        const existing = [...new Set(keys.flatMap((k) => owners.get(k) ?? []))];
        const duplicates = findImportDuplicates(row.rowNumber, row.fields, row.cells, mapping, columns, existing, seen);
        if (duplicates.length > 0) {
          errors.push(...duplicates);
          bad.add(row.rowNumber);
        } else valid.push({ rowNumber: row.rowNumber, fields: row.fields });
      }
      errors.sort((a, b) => a.rowNumber - b.rowNumber);
      await onBatch({ valid, errors, processedRows: counts.totalRows + batchRows }, trx);
      counts.totalRows += batchRows;
      counts.validRows += valid.length;
      counts.errorRows += bad.size;
    });
  };

  let header = true;
  for await (const row of readImportRows(openImportFile(files, job.id), job.format, job.encoding)) {
    if (header) {
      header = false;
      continue;
    }
    pending.push(row);
    if (pending.length >= IMPORT_BATCH_ROWS) await flush();
  }
  if (pending.length > 0) await flush();
  return counts;
}
