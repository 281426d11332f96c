import { describe, expect, it } from 'vitest';
import { checkCustomerInput } from './check-customer-input.ts';
import { mergeCustomerFields } from './merge-customer-fields.ts';
import { summarizeSatisfactionByMonth } from './summarize-satisfaction-by-month.ts';

describe('mergeCustomerFields', () => {
  it("unites the lists, fills the survivor's blanks and keeps the survivor's own values", () => {
    const survivor = checkCustomerInput({ name: '王芳', phones: ['13800000001'], tags: ['老客户'], notes: '上午方便' });
    const dup = checkCustomerInput({ name: '王 芳', phones: ['13800000001', '13800000002'], emails: ['wf@example.com'], tags: ['燃气'], segment: 'vip', preferredChannel: 'phone', notes: '耳背' });
    expect(mergeCustomerFields(survivor, dup)).toMatchObject({
      name: '王芳', phones: ['13800000001', '13800000002'], emails: ['wf@example.com'], tags: ['老客户', '燃气'], segment: 'vip', preferredChannel: 'phone', notes: '上午方便\n\n耳背',
    });
  });
});

describe('summarizeSatisfactionByMonth', () => {
  it('groups answers by month in the company time zone, oldest first', () => {
    const at = (iso: string) => Date.parse(iso);
    // 2026-01-31T17:00Z is already February 1st in Shanghai.
    const trend = summarizeSatisfactionByMonth([
      { atMs: at('2026-01-10T02:00:00Z'), satisfaction: 5 },
      { atMs: at('2026-01-31T17:00:00Z'), satisfaction: 2 },
      { atMs: at('2026-01-20T02:00:00Z'), satisfaction: 3 },
      { atMs: at('2026-02-03T02:00:00Z'), satisfaction: 4 },
    ], 'Asia/Shanghai');
    expect(trend).toEqual([
      { month: '2026-01', answered: 2, average: 4, satisfiedShare: 0.5 },
      { month: '2026-02', answered: 2, average: 3, satisfiedShare: 0.5 },
    ]);
  });
});
