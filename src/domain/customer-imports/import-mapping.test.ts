import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { checkImportMapping, suggestImportMapping, toColumnNames } from './import-mapping.ts';

describe('import mapping', () => {
  it('suggests fields from English and Chinese headers, each single field once, lists from several columns', () => {
    expect(suggestImportMapping(['姓名', '手机', 'Landline', 'E-mail', '单位', 'Notes', 'Name', 'whatever', 'preferred_language'])).toEqual([
      'name', 'phones', 'phones', 'emails', 'organisation', 'notes', null, null, 'preferredLanguage',
    ]);
  });

  it('names blank header cells by position', () => {
    expect(toColumnNames(['Name', '  ', ' Phone  no '])).toEqual(['Name', 'Column 2', 'Phone no']);
  });

  it('needs one entry per column, a name column, known fields, and a single field at most once', () => {
    const columns = ['A', 'B', 'C'];
    expect(checkImportMapping(columns, ['name', 'phones', 'phones'])).toEqual(['name', 'phones', 'phones']);
    expect(checkImportMapping(columns, ['name', '', null])).toEqual(['name', null, null]);
    const fails = (mapping: unknown[]) => {
      try {
        checkImportMapping(columns, mapping);
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).field).toBe('mapping');
        return (err as DomainError).message;
      }
      throw new Error('expected a refusal');
    };
    expect(fails(['name', 'phones'])).toContain('3 columns');
    expect(fails([null, 'phones', null])).toContain('name');
    expect(fails(['name', 'birthday', null])).toContain('"birthday" is not a customer field (column "B")');
    expect(fails(['name', 'notes', 'notes'])).toContain('Columns "B" and "C" both go to notes');
  });
});
