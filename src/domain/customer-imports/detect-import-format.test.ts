import { describe, expect, it } from 'vitest';
import { checkHeaderRow, checkImportFileHead, detectImportFormat, XLSX_MIME } from './detect-import-format.ts';

describe('import file format', () => {
  it('reads the format from the content type, or from the extension when the type is vague', () => {
    expect(detectImportFormat('text/csv; charset=utf-8', 'a.csv')).toBe('csv');
    expect(detectImportFormat(XLSX_MIME, 'a')).toBe('xlsx');
    expect(detectImportFormat('application/octet-stream', 'Customers.XLSX')).toBe('xlsx');
    expect(detectImportFormat('application/vnd.ms-excel', 'export.csv')).toBe('csv');
    expect(() => detectImportFormat('application/pdf', 'a.pdf')).toThrow(/Only CSV and XLSX/);
    expect(() => detectImportFormat('application/vnd.ms-excel', 'old.xls')).toThrow(/\.xls/);
    expect(() => detectImportFormat(null, 'noextension')).toThrow(/no type/);
  });

  it('checks the first bytes against the format', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]);
    expect(() => checkImportFileHead('xlsx', zip)).not.toThrow();
    expect(() => checkImportFileHead('csv', zip)).toThrow(/not CSV/);
    expect(() => checkImportFileHead('xlsx', new TextEncoder().encode('Name,Phone'))).toThrow(/not an XLSX/);
    expect(() => checkImportFileHead('csv', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toThrow(/old Excel/);
  });

  it('refuses a first row of data instead of column names', () => {
    expect(() => checkHeaderRow(['Name', 'Phone', 'Email'])).not.toThrow();
    expect(() => checkHeaderRow(['张三', '138 0013 8000'])).toThrow(/holds data \("138 0013 8000"\)/);
    expect(() => checkHeaderRow(['Li', 'li@example.com'])).toThrow(/name the columns/);
  });
});
