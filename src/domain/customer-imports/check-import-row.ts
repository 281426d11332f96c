import { checkCustomerInput, type CustomerFields, type CustomerInput } from '../customers/check-customer-input.ts';
import { DomainError } from '../shared/domain-error.ts';
import { LIST_FIELDS, type ImportField, type ImportMapping } from './import-mapping.ts';

/** One problem of one row: the spreadsheet row number and the file column it is in (null: the whole row). */
export interface ImportRowError {
  rowNumber: number;
  column: string | null;
  field: string | null;
  message: string;
}

export type CheckedImportRow = { ok: true; fields: CustomerFields } | { ok: false; errors: ImportRowError[] };

/** Words people write for a customer's kind in a spreadsheet; the rest goes to the validator as it is. */
const KIND_WORDS: Record<string, string> = {
  个人: 'person', 人: 'person', individual: 'person', personal: 'person',
  单位: 'organisation', 企业: 'organisation', 公司: 'organisation', 组织: 'organisation', 机构: 'organisation', organization: 'organisation', company: 'organisation',
  内部: 'internal', 内部客户: 'internal',
};

/** The validator's input from the row's mapped cells; list fields from several columns are joined. */
function toInput(cells: readonly string[], mapping: ImportMapping, skip: ReadonlySet<string>): CustomerInput {
  const input: Record<string, string> = {};
  mapping.forEach((field, i) => {
    if (!field || skip.has(field)) return;
    const cell = (cells[i] ?? '').trim();
    if (!cell) return;
    const value = field === 'kind' ? (KIND_WORDS[cell.toLowerCase()] ?? cell) : cell;
    input[field] = input[field] && LIST_FIELDS.has(field) ? `${input[field]}\n${value}` : value;
  });
  return input;
}

/** Which column an error on `field` is in: for a list taken from several columns, the one whose cell fails alone. */
function columnOf(field: string | undefined, cells: readonly string[], mapping: ImportMapping, columns: readonly string[]): string | null {
  const indexes = mapping.flatMap((f, i) => (f === field ? [i] : []));
  if (indexes.length <= 1) return indexes.length === 1 ? columns[indexes[0]!]! : null;
  for (const i of indexes) {
    try {
      checkCustomerInput({ name: 'x', [field!]: cells[i] ?? '' });
    } catch {
      return columns[i]!;
    }
  }
  return columns[indexes[0]!]!;
}

/** Errors on a field no column feeds, blamed on the column that caused them (an internal customer needs a department). */
const CAUSED_BY: Record<string, ImportField> = { departmentId: 'kind', parentId: 'kind', scorecardEnabled: 'isAccount' };

/**
 * Checks one row with the same rules as creating a customer by hand. Every field at fault is
 * reported, not only the first: after an error the field is left out and the row checked again.
 */
export function checkImportRow(rowNumber: number, cells: readonly string[], mapping: ImportMapping, columns: readonly string[]): CheckedImportRow {
  const skip = new Set<string>();
  const errors: ImportRowError[] = [];
  let nameMissing = false;
  for (let attempt = 0; attempt <= mapping.length + 1; attempt += 1) {
    const input = toInput(cells, mapping, skip);
    // With the name at fault, the rest of the row is still checked under a stand-in name.
    if (nameMissing) input.name = '-';
    try {
      const fields = checkCustomerInput(input);
      return errors.length === 0 ? { ok: true, fields } : { ok: false, errors: inFileOrder(errors, columns) };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const field = err.field ? (CAUSED_BY[err.field] ?? err.field) : null;
      errors.push({ rowNumber, column: columnOf(field ?? undefined, cells, mapping, columns), field, message: err.message });
      if (field === 'name' && !nameMissing) {
        nameMissing = true;
        continue;
      }
      if (!field || skip.has(field) || !mapping.includes(field as ImportField)) return { ok: false, errors: inFileOrder(errors, columns) };
      skip.add(field);
    }
  }
  return { ok: false, errors: inFileOrder(errors, columns) };
}

/** Left to right as the columns stand in the file (the validator's own order is not the person's); whole-row errors last. */
function inFileOrder(errors: ImportRowError[], columns: readonly string[]): ImportRowError[] {
  const at = (e: ImportRowError) => (e.column === null ? columns.length : columns.indexOf(e.column));
  return [...errors].sort((a, b) => at(a) - at(b));
}
