import { describe, expect, it } from 'vitest';
import { diffFields } from './diff-fields.ts';

describe('diffFields', () => {
  it('keeps only the changed fields on both sides', () => {
    expect(diffFields({ name: 'A', active: true, roles: ['agent'] }, { name: 'B', active: true, roles: ['agent'] })).toEqual({
      before: { name: 'A' },
      after: { name: 'B' },
    });
  });
  it('treats missing and null alike, and compares arrays and dates by value', () => {
    expect(diffFields({ a: null, d: new Date(5) }, { d: new Date(5) })).toEqual({ before: {}, after: {} });
    expect(diffFields({ roles: ['agent'] }, { roles: ['agent', 'admin'] })).toEqual({
      before: { roles: ['agent'] },
      after: { roles: ['agent', 'admin'] },
    });
  });
  it('passes creations and deletions through whole', () => {
    expect(diffFields(null, { name: 'A' })).toEqual({ before: null, after: { name: 'A' } });
    expect(diffFields({ name: 'A' }, null)).toEqual({ before: { name: 'A' }, after: null });
  });
});
