import { checkCustomerInput, type CustomerFields } from '../customers/check-customer-input.ts';
import { findDuplicateCandidates, type DuplicateRecord } from '../customers/find-duplicate-candidates.ts';
import type { ImportRowError } from './check-import-row.ts';
import type { ImportMapping } from './import-mapping.ts';

/** First row of the file that had each phone and email (keys `phone:…`, `email:…`). */
export type SeenContacts = Map<string, number>;

/** The column whose cell holds `value` once normalised (a list field may come from several columns). */
function columnHolding(field: 'phones' | 'emails', value: string, cells: readonly string[], mapping: ImportMapping, columns: readonly string[]): string | null {
  const indexes = mapping.flatMap((f, i) => (f === field ? [i] : []));
  for (const i of indexes) {
    try {
      if (checkCustomerInput({ name: '-', [field]: cells[i] ?? '' })[field].includes(value)) return columns[i]!;
    } catch {
      // that cell is not the one
    }
  }
  return indexes.length > 0 ? columns[indexes[0]!]! : null;
}

/**
 * The duplicate errors of a valid row: a phone or email already on an existing customer (`existing`
 * are the database's candidates for this row), or on an earlier row of the same file. Only phone and
 * email count here; a similar name alone is common (张伟) and is left to the merge screen. A row
 * without errors claims its phones and emails in `seen`.
 */
export function findImportDuplicates(
  rowNumber: number,
  fields: CustomerFields,
  cells: readonly string[],
  mapping: ImportMapping,
  columns: readonly string[],
  existing: readonly DuplicateRecord[],
  seen: SeenContacts,
): ImportRowError[] {
  const errors: ImportRowError[] = [];
  const probe = { name: fields.name, phones: fields.phones, emails: fields.emails };
  for (const { record, reasons } of findDuplicateCandidates(probe, existing)) {
    for (const reason of reasons) {
      if (reason !== 'phone' && reason !== 'email') continue;
      const field = reason === 'phone' ? 'phones' : 'emails';
      const value = fields[field].find((v) => record[field].some((r) => r.toLowerCase() === v.toLowerCase()))!;
      errors.push({ rowNumber, column: columnHolding(field, value, cells, mapping, columns), field, message: `The ${reason} ${value} is already on customer #${record.id} (${record.name})` });
    }
  }
  for (const [field, reason] of [['phones', 'phone'], ['emails', 'email']] as const) {
    for (const value of fields[field]) {
      const first = seen.get(`${reason}:${value.toLowerCase()}`);
      if (first !== undefined) errors.push({ rowNumber, column: columnHolding(field, value, cells, mapping, columns), field, message: `The ${reason} ${value} is also on row ${first} of this file` });
    }
  }
  if (errors.length === 0) {
    for (const p of fields.phones) seen.set(`phone:${p}`, rowNumber);
    for (const e of fields.emails) seen.set(`email:${e.toLowerCase()}`, rowNumber);
  }
  return errors;
}
