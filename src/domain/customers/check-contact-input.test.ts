import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { checkContactInput, checkReportsTo } from './check-contact-input.ts';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  return undefined;
};

describe('checkContactInput', () => {
  it('normalises a contact and names the field at fault', () => {
    expect(checkContactInput({ name: ' 陈总 ', decisionRole: 'decision_maker', phones: ['021-5555 0101'], emails: ['CHEN@Example.com'], goals: ' 降本 ' })).toEqual({
      name: '陈总', title: null, phones: ['02155550101'], emails: ['chen@example.com'], decisionRole: 'decision_maker', goals: '降本', painPoints: '', reportsToId: null, active: true,
    });
    expect(fieldOf(() => checkContactInput({ name: '', decisionRole: 'user' }))).toBe('name');
    expect(fieldOf(() => checkContactInput({ name: 'A', decisionRole: 'boss' }))).toBe('decisionRole');
    expect(fieldOf(() => checkContactInput({ name: 'A', decisionRole: 'user', reportsToId: 0 }))).toBe('reportsToId');
    expect(fieldOf(() => checkContactInput({ name: 'A', decisionRole: 'user', goals: 'x'.repeat(2001) }))).toBe('goals');
  });
});

describe('checkReportsTo', () => {
  // 1 ← 2 ← 3 (3 reports to 2, 2 to 1); 4 has left.
  const chart = new Map([
    [1, { id: 1, parentId: null, active: true }],
    [2, { id: 2, parentId: 1, active: true }],
    [3, { id: 3, parentId: 2, active: true }],
    [4, { id: 4, parentId: null, active: false }],
  ]);
  it('refuses a circle, oneself, a stranger and someone who left', () => {
    expect(fieldOf(() => checkReportsTo(chart, 1, 3))).toBe('reportsToId');
    expect(fieldOf(() => checkReportsTo(chart, 2, 2))).toBe('reportsToId');
    expect(fieldOf(() => checkReportsTo(chart, 3, 99))).toBe('reportsToId');
    expect(fieldOf(() => checkReportsTo(chart, 3, 4))).toBe('reportsToId');
  });
  it('accepts a new line that stays a tree', () => {
    expect(() => checkReportsTo(chart, 3, 1)).not.toThrow();
    expect(() => checkReportsTo(chart, null, 3)).not.toThrow();
    expect(() => checkReportsTo(chart, 1, null)).not.toThrow();
  });
});
