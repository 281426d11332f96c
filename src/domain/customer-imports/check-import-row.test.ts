import { describe, expect, it } from 'vitest';
import { checkImportRow } from './check-import-row.ts';
import { findImportDuplicates, type SeenContacts } from './find-import-duplicates.ts';
import type { ImportMapping } from './import-mapping.ts';

const columns = ['Name', 'Kind', 'Mobile', 'Landline', 'Email', 'Account'];
const mapping: ImportMapping = ['name', 'kind', 'phones', 'phones', 'emails', 'isAccount'];

describe('checking one import row', () => {
  it('normalises a good row with the customer rules, joining list columns and reading Chinese kinds', () => {
    const r = checkImportRow(2, ['北京燃气', '单位', '138 0013 8000', '010-6552-1234', 'A@Example.com', '是'], mapping, columns);
    expect(r).toMatchObject({ ok: true, fields: { kind: 'organisation', name: '北京燃气', phones: ['13800138000', '01065521234'], emails: ['a@example.com'], isAccount: true } });
  });

  it('reports every field at fault with its column, the bad one among several list columns, and a missing name', () => {
    const r = checkImportRow(7, ['', 'robot', '13800138000', 'call me', 'not-an-email', 'maybe'], mapping, columns);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.rowNumber, e.column, e.field])).toEqual([
      [7, 'Name', 'name'],
      [7, 'Kind', 'kind'],
      [7, 'Landline', 'phones'],
      [7, 'Email', 'emails'],
      [7, 'Account', 'isAccount'],
    ]);
    expect(r.errors[2]!.message).toContain('call me');
  });

  it('blames a cross-field rule on the column that caused it', () => {
    const r = checkImportRow(3, ['IT', 'internal', '', '', '', ''], mapping, columns);
    expect(r).toMatchObject({ ok: false, errors: [{ column: 'Kind', message: expect.stringContaining('department') }] });
    const person = checkImportRow(4, ['Li', 'person', '', '', '', 'yes'], mapping, columns);
    expect(person).toMatchObject({ ok: false, errors: [{ column: 'Account', field: 'isAccount' }] });
  });
});

describe('duplicates on import', () => {
  it('catches a phone or email of an existing customer or of an earlier row, and only rows without errors claim theirs', () => {
    const seen: SeenContacts = new Map();
    const check = (rowNumber: number, cells: string[], existing: { id: number; name: string; phones: string[]; emails: string[] }[] = []) => {
      const r = checkImportRow(rowNumber, cells, mapping, columns);
      if (!r.ok) throw new Error('row should be valid');
      return findImportDuplicates(rowNumber, r.fields, cells, mapping, columns, existing, seen);
    };
    expect(check(2, ['A', '', '13800138000', '', 'a@example.com', ''])).toEqual([]);
    expect(check(3, ['B', '', '', '138-0013-8000', 'B@example.com', ''])).toEqual([{ rowNumber: 3, column: 'Landline', field: 'phones', message: 'The phone 13800138000 is also on row 2 of this file' }]);
    // Row 3 had an error, so its email is free for row 4.
    expect(check(4, ['C', '', '', '', 'b@example.com', ''])).toEqual([]);
    const existing = [{ id: 41, name: '张伟', phones: ['13900000000'], emails: ['zw@example.com'] }];
    expect(check(5, ['张伟', '', '13900000000', '', 'ZW@example.com', ''], existing).map((e) => [e.column, e.message])).toEqual([
      ['Mobile', 'The phone 13900000000 is already on customer #41 (张伟)'],
      ['Email', 'The email zw@example.com is already on customer #41 (张伟)'],
    ]);
    // The same name alone is not a duplicate: many people are called 张伟.
    expect(check(6, ['张伟', '', '13900000001', '', '', ''], existing)).toEqual([]);
  });
});
