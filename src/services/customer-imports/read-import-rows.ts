import type { Readable } from 'node:stream';
import { parse, CsvError, type Parser } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CsvEncoding, ImportFormat } from '../../domain/customer-imports/detect-import-format.ts';
import { invalid } from '../../domain/shared/domain-error.ts';

/** One row of the file as text cells; `rowNumber` as a spreadsheet shows it (the header is row 1). */
export interface FileRow {
  rowNumber: number;
  cells: string[];
}

/**
 * UTF-8 unless the start of the file is not valid UTF-8: then GB18030, the superset of GBK that Excel
 * in mainland China writes CSV files in.
 */
export function detectCsvEncoding(head: Buffer): CsvEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The delimiter used most on the first line: comma, semicolon (European Excel) or tab. */
function detectDelimiter(firstText: string): string {
  const line = firstText.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = line.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

type CsvRecord = { record: string[]; info: { lines: number } };

async function* readCsvRows(source: Readable, encoding: CsvEncoding): AsyncGenerator<FileRow> {
  const decoder = new TextDecoder(encoding);
  let parser: Parser | null = null;
  let failure: Error | null = null;
  // info.lines is the record's last line, and it counts a CRLF inside a quoted cell as two lines; a
  // spreadsheet numbers a row by its first line, so both are taken back out.
  let crlfInCells = 0;
  const toRow = ({ record, info }: CsvRecord): FileRow | null => {
    const newlines = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    const crlfs = record.reduce((n, c) => n + (c.match(/\r\n/g)?.length ?? 0), 0);
    const rowNumber = info.lines - crlfInCells - crlfs - newlines;
    crlfInCells += crlfs;
    return record.every((c) => c.trim() === '') ? null : { rowNumber, cells: record.map((c) => c.replace(/\r\n?/g, '\n')) };
  };
  try {
    // Pull, not pipe: the parser gets one piece of text, its records are taken, then the next piece is read.
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (!parser) {
        parser = parse({ delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
        parser.on('error', (err) => (failure = err));
      }
      parser.write(text);
      if (failure) throw failure;
      for (let rec = parser.read() as CsvRecord | null; rec !== null; rec = parser.read() as CsvRecord | null) {
        const row = toRow(rec);
        if (row) yield row;
      }
    }
    if (!parser) return;
    const rest = decoder.decode();
    if (rest) parser.write(rest);
    parser.end();
    for await (const rec of parser as AsyncIterable<CsvRecord>) {
      const row = toRow(rec);
      if (row) yield row;
    }
    if (failure) throw failure;
  } catch (err) {
    if (err instanceof CsvError) throw invalid(`The file is not valid CSV: ${err.message}`, 'file', 'bad_file');
    throw err;
  } finally {
    source.destroy();
    parser?.destroy();
  }
}

/** A cell as text: rich text joined, formulas by their result, dates as ISO dates. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return String(value);
}

async function* readXlsxRows(source: Readable): AsyncGenerator<FileRow> {
  // Streaming: rows arrive as the zip is read; sheets that come before the shared strings go to a temp file, not to memory.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown[] }>>) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, cellText);
        if (cells.every((c) => c.trim() === '')) continue;
        yield { rowNumber: row.number, cells };
      }
      // Only the first worksheet is imported.
      break;
    }
  } catch (err) {
    if ((err as { name?: string }).name === 'DomainError') throw err;
    throw invalid(`The file is not a readable XLSX workbook: ${(err as Error).message}`, 'file', 'bad_file');
  } finally {
    source.destroy();
  }
}

/** The file's non-empty rows, header first, read as a stream: memory stays flat however long the file is. */
export function readImportRows(source: Readable, format: ImportFormat, encoding: CsvEncoding | null): AsyncGenerator<FileRow> {
  return format === 'csv' ? readCsvRows(source, encoding ?? 'utf-8') : readXlsxRows(source);
}
