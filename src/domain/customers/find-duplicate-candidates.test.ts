import { describe, expect, it } from 'vitest';
import { customerNameKey, findDuplicateCandidates, nameSimilarity } from './find-duplicate-candidates.ts';

const records = [
  { id: 1, name: '北京燃气有限公司', phones: ['01065521234'], emails: [] },
  { id: 2, name: '张伟', phones: ['13800138000'], emails: ['zw@example.com'] },
  { id: 3, name: 'Shanghai Gas Co., Ltd.', phones: [], emails: [] },
  { id: 4, name: '张玮', phones: [], emails: [] },
  { id: 5, name: 'Wang Fang', phones: [], emails: ['WF@example.com'] },
];

describe('customerNameKey', () => {
  it('ignores case, width, spaces, punctuation and legal forms at the end', () => {
    expect(customerNameKey('北京 燃气有限公司')).toBe('北京燃气');
    expect(customerNameKey('ACME Co., Ltd.')).toBe('acme');
    expect(customerNameKey('ＡＣＭＥ Limited')).toBe('acme');
    expect(customerNameKey('Co-op Bank')).toBe('coopbank');
    expect(customerNameKey('Limited')).toBe('limited');
    expect(customerNameKey('有限公司')).toBe('有限公司');
  });
});

describe('findDuplicateCandidates', () => {
  it('matches on phone, email (any case), equal name key, and similar long names', () => {
    const found = findDuplicateCandidates({ name: '北京燃气', phones: ['13800138000'], emails: ['wf@example.com'] }, records);
    expect(found.map((c) => [c.record.id, c.reasons])).toEqual([[1, ['name']], [2, ['phone']], [5, ['email']]]);
    const typo = findDuplicateCandidates({ name: 'Shanghai Gass Co', phones: [], emails: [] }, records);
    expect(typo.map((c) => [c.record.id, c.reasons])).toEqual([[3, ['similar_name']]]);
    expect(typo[0]!.score).toBeGreaterThanOrEqual(0.8);
  });

  it('does not call two different short Chinese names similar', () => {
    expect(findDuplicateCandidates({ name: '张玮', phones: [], emails: [] }, records.filter((r) => r.id !== 4))).toEqual([]);
    expect(nameSimilarity('张伟', '张玮')).toBe(0);
  });

  it('ranks several reasons above one', () => {
    const found = findDuplicateCandidates({ name: '张伟', phones: ['13800138000'], emails: [] }, records);
    expect(found[0]).toMatchObject({ record: { id: 2 }, reasons: ['phone', 'name'] });
  });
});
