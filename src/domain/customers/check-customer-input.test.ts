import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { checkCustomerInput, type CustomerInput } from './check-customer-input.ts';

function fieldOf(input: CustomerInput): string | undefined {
  try {
    checkCustomerInput(input);
  } catch (e) {
    if (e instanceof DomainError && e.kind === 'invalid') return e.field;
    throw e;
  }
  return undefined;
}

describe('checkCustomerInput', () => {
  it('normalises every field and fills the defaults', () => {
    const c = checkCustomerInput({
      name: '  王   小明 ', phones: ['138 0013-8000', '13800138000', '（010）6552.1234'], emails: 'A@Example.com; b@example.com',
      addresses: ['北京市 朝阳区\t1号', ''], segment: ' VIP ', tags: '老客户，老客户, 燃气', preferredLanguage: 'zh', preferredChannel: 'Phone',
      consentMarketing: '是', parentId: '12',
    });
    expect(c).toEqual({
      kind: 'person', name: '王 小明', organisation: null, parentId: 12, departmentId: null,
      phones: ['13800138000', '01065521234'], emails: ['a@example.com', 'b@example.com'], addresses: ['北京市 朝阳区 1号'],
      segment: 'vip', tags: ['老客户', '燃气'], preferredLanguage: 'zh-CN', preferredChannel: 'phone',
      consentContact: true, consentSurveys: true, consentMarketing: true, notes: '', isAccount: false, scorecardEnabled: false, active: true,
    });
  });

  it('names the field at fault', () => {
    const cases: [CustomerInput, string][] = [
      [{ name: '   ' }, 'name'],
      [{}, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'A', kind: 'robot' }, 'kind'],
      [{ name: 'A', phones: ['12ab'] }, 'phones'],
      [{ name: 'A', phones: 42 }, 'phones'],
      [{ name: 'A', emails: ['nope'] }, 'emails'],
      [{ name: 'A', segment: 'Key Account' }, 'segment'],
      [{ name: 'A', tags: ['x'.repeat(51)] }, 'tags'],
      [{ name: 'A', preferredLanguage: 'fr' }, 'preferredLanguage'],
      [{ name: 'A', preferredChannel: 'pigeon' }, 'preferredChannel'],
      [{ name: 'A', consentSurveys: 'maybe' }, 'consentSurveys'],
      [{ name: 'A', parentId: -1 }, 'parentId'],
      [{ name: 'A', kind: 'internal' }, 'departmentId'],
      [{ name: 'A', departmentId: 3 }, 'departmentId'],
      [{ name: 'A', isAccount: true }, 'isAccount'],
      [{ name: 'A', kind: 'organisation', scorecardEnabled: true }, 'scorecardEnabled'],
      [{ name: 'A', notes: 'x'.repeat(5001) }, 'notes'],
      [{ name: 'A', addresses: Array.from({ length: 21 }, (_, i) => `road ${i}`) }, 'addresses'],
    ];
    for (const [input, field] of cases) expect(fieldOf(input), JSON.stringify(input).slice(0, 80)).toBe(field);
  });

  it('accepts a B2B account with a scorecard and an internal customer with its department', () => {
    expect(checkCustomerInput({ name: 'Acme', kind: 'organisation', isAccount: true, scorecardEnabled: 'yes' })).toMatchObject({ isAccount: true, scorecardEnabled: true });
    expect(checkCustomerInput({ name: '工程部', kind: 'internal', departmentId: 4 })).toMatchObject({ kind: 'internal', departmentId: 4 });
  });
});
