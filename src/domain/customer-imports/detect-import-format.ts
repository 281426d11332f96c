import { invalid } from '../shared/domain-error.ts';

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The text encodings a CSV file is read in: UTF-8, or GB18030 (what Excel in mainland China writes). */
export const CSV_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIMES = new Set(['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'text/x-csv', 'text/comma-separated-values']);
/** Sent for "some file": the file name's extension decides. Windows browsers send .csv files as application/vnd.ms-excel. */
const VAGUE_MIMES = new Set(['', 'application/octet-stream', 'application/vnd.ms-excel', 'binary/octet-stream']);

/** CSV or XLSX from the Content-Type and the file name; anything else is refused with what to send instead. */
export function detectImportFormat(contentType: string | null | undefined, fileName: string): ImportFormat {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls') throw invalid('Old Excel files (.xls) cannot be read: save the sheet as .xlsx or .csv and upload that', 'file', 'unsupported_format');
  if (mime === XLSX_MIME) return 'xlsx';
  if (CSV_MIMES.has(mime)) return 'csv';
  if (VAGUE_MIMES.has(mime)) {
    if (ext === 'xlsx') return 'xlsx';
    if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  }
  throw invalid(`Only CSV and XLSX files can be imported (got ${mime || 'no type'}${ext ? `, .${ext}` : ''})`, 'file', 'unsupported_format');
}

/**
 * Checks the first bytes against the format: an XLSX file is a zip ("PK\x03\x04"); an old .xls
 * (OLE, D0 CF 11 E0) or a zip sent as CSV is refused before anything is parsed.
 */
export function checkImportFileHead(format: ImportFormat, head: Uint8Array): void {
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isOle = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (isOle) throw invalid('This is an old Excel file (.xls): save the sheet as .xlsx or .csv and upload that', 'file', 'unsupported_format');
  if (format === 'xlsx' && !isZip) throw invalid('The file is not an XLSX workbook', 'file', 'bad_file');
  if (format === 'csv' && isZip) throw invalid('The file is a zip or XLSX workbook, not CSV: upload it as .xlsx', 'file', 'bad_file');
}

/**
 * A first row that holds an email address or a long number is data, not column names: without a
 * header row nobody can tell which column is which.
 */
export function checkHeaderRow(header: readonly string[]): void {
  const looksLikeData = header.find((h) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(h.trim()) || /^\+?[\d\s\-()]{7,}$/.test(h.trim()));
  if (looksLikeData !== undefined) {
    throw invalid(`The first row must name the columns (e.g. Name, Phone, Email), but it holds data ("${looksLikeData}")`, 'file', 'no_header');
  }
}
