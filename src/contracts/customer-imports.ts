import { Type, type Static } from 'typebox';
import { CSV_ENCODINGS, IMPORT_FORMATS } from '../domain/customer-imports/detect-import-format.ts';
import { IMPORT_JOB_STATUSES, IMPORT_MODES } from '../domain/customer-imports/import-job-states.ts';
import { IMPORT_FIELDS } from '../domain/customer-imports/import-mapping.ts';
import { Body, IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableString } from './common.ts';

/** Customer import from CSV or XLSX: upload, choose the columns, validate, run (the export is in the customers' list filters). */

export const UploadCustomerImportQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, description: 'The uploaded file\'s name (its extension decides when the Content-Type is application/octet-stream)' }),
});
export type UploadCustomerImportQuery = Static<typeof UploadCustomerImportQuery>;

const MappedField = Type.Union([literals(IMPORT_FIELDS), Type.Null()]);

export const ValidateCustomerImportBody = Body({
  mapping: Type.Array(MappedField, { maxItems: 200, description: 'One customer field (or null: not imported) per file column, in the file\'s order' }),
});
export type ValidateCustomerImportBody = Static<typeof ValidateCustomerImportBody>;

export const RunCustomerImportBody = Body({
  mode: literals(IMPORT_MODES),
});
export type RunCustomerImportBody = Static<typeof RunCustomerImportBody>;

export const CustomerImportErrorsQuery = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type CustomerImportErrorsQuery = Static<typeof CustomerImportErrorsQuery>;

/** A job as the wizard shows it: where it is, its counts and progress. */
export const CustomerImportView = Type.Object({
  id: Type.Integer(),
  createdBy: Type.Integer(),
  fileName: Type.String(),
  format: literals(IMPORT_FORMATS),
  encoding: Type.Union([literals(CSV_ENCODINGS), Type.Null()], { description: 'A CSV file\'s encoding; null for XLSX' }),
  sizeBytes: Type.Integer(),
  status: literals(IMPORT_JOB_STATUSES),
  mode: Type.Union([literals(IMPORT_MODES), Type.Null()]),
  columns: Type.Array(Type.String()),
  preview: Type.Array(Type.Array(Type.String()), { description: 'The first rows under the header, one cell per column' }),
  mapping: Type.Union([Type.Array(MappedField), Type.Null()]),
  suggestedMapping: Type.Array(MappedField, { description: 'The header read as field names (what the wizard preselects)' }),
  totalRows: NullableInteger,
  validRows: NullableInteger,
  errorRows: NullableInteger,
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  message: NullableString,
  createdAt: IsoDateTime,
  finishedAt: NullableIsoDateTime,
});
export type CustomerImportView = Static<typeof CustomerImportView>;

/** One problem of one row: the spreadsheet row number (the header is row 1) and the column it is in (null: the whole row). */
export const CustomerImportErrorView = Type.Object({
  rowNumber: Type.Integer(),
  column: NullableString,
  field: NullableString,
  message: Type.String(),
});
export type CustomerImportErrorView = Static<typeof CustomerImportErrorView>;

export const CustomerImportErrorList = Type.Object({ items: Type.Array(CustomerImportErrorView), total: Type.Integer() });
export type CustomerImportErrorList = Static<typeof CustomerImportErrorList>;

/** The export's answer is not JSON: the file itself. */
export const CustomersCsv = Type.String({ description: 'text/csv; charset=utf-8 (with a byte-order mark): the header row names the import\'s fields, so the file imports again as it is' });
