import { describe, expect, it } from 'vitest';
import { normalizePhone, toPhoneQuery } from './normalize-phone.ts';

describe('phones', () => {
  it('stores a number without separators, full-width digits made ASCII', () => {
    expect(normalizePhone(' 138 0013-8000 ')).toBe('13800138000');
    expect(normalizePhone('（010）6552.1234')).toBe('01065521234');
    expect(normalizePhone('＋８６ １３８')).toBe('+86138');
    expect(() => normalizePhone('call me')).toThrow();
  });
  it('turns a query typed with separators into the stored form, and leaves other queries alone', () => {
    expect(toPhoneQuery('138-0013-8000')).toBe('13800138000');
    expect(toPhoneQuery('0013 8000')).toBe('00138000');
    expect(toPhoneQuery('13800138000')).toBeNull();
    expect(toPhoneQuery('王 芳')).toBeNull();
    expect(toPhoneQuery('unit 3-2')).toBeNull();
  });
});
