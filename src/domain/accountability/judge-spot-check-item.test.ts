import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { judgeSpotCheckItem } from './judge-spot-check-item.ts';

const all = { ownershipKept: true, resultTold: true, callbackMade: true, mannerOk: true };

describe('judgeSpotCheckItem', () => {
  it('passes only when every check holds', () => {
    expect(judgeSpotCheckItem(all)).toEqual({ passed: true, failed: [] });
    expect(judgeSpotCheckItem({ ...all, callbackMade: false, mannerOk: false })).toEqual({ passed: false, failed: ['callbackMade', 'mannerOk'] });
  });

  it('needs a yes or no for every check, naming the one missing', () => {
    const { resultTold: _omitted, ...partial } = all;
    expect(() => judgeSpotCheckItem(partial as never)).toThrow(DomainValidationError);
    try {
      judgeSpotCheckItem({ ...all, mannerOk: 'yes' } as never);
    } catch (err) {
      expect((err as DomainValidationError).field).toBe('mannerOk');
    }
  });
});
