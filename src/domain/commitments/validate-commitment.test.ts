import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { computeTargetMinutes } from './commitment-spec.ts';
import { validateCommitmentFields, type CommitmentFieldsInput } from './validate-commitment.ts';

const OPTIONS = { priorities: ['low', 'normal', 'high', 'urgent'], channels: ['phone', 'web', 'email'] };
const valid: CommitmentFieldsInput = {
  name: '  Billing query answered  ',
  startEvent: 'registered',
  stopEvent: 'resolved',
  targetValue: 1,
  targetUnit: 'working_days',
  calendarId: 3,
  responsible: { kind: 'owner' },
};

function fieldOf(input: Partial<CommitmentFieldsInput> & Record<string, unknown>): string | undefined {
  try {
    validateCommitmentFields({ ...valid, ...input } as CommitmentFieldsInput, OPTIONS);
    return undefined;
  } catch (err) {
    if (err instanceof DomainValidationError) return err.field;
    throw err;
  }
}

describe('validateCommitmentFields', () => {
  it('trims, fills in defaults and sorts the lists', () => {
    const fields = validateCommitmentFields(
      { ...valid, appliesTo: { priorities: ['urgent', 'high', 'urgent'], categoryIds: [9, 2], channels: [] }, escalateAfterMinutes: [60, 240] },
      OPTIONS,
    );
    expect(fields).toEqual({
      name: 'Billing query answered',
      appliesTo: { priorities: ['high', 'urgent'], categoryIds: [2, 9] },
      startEvent: 'registered',
      stopEvent: 'resolved',
      pauseOnWait: true,
      targetValue: 1,
      targetUnit: 'working_days',
      calendarId: 3,
      warnShare: 0.8,
      responsible: { kind: 'owner' },
      stageKind: 'other',
      escalateAfterMinutes: [60, 240],
    });
  });

  it('names the field at fault', () => {
    expect(fieldOf({ name: '  ' })).toBe('name');
    expect(fieldOf({ name: 'x'.repeat(201) })).toBe('name');
    expect(fieldOf({ startEvent: 'waiting_started' })).toBe('startEvent');
    expect(fieldOf({ stopEvent: 'nope' })).toBe('stopEvent');
    expect(fieldOf({ targetUnit: 'weeks' })).toBe('targetUnit');
    expect(fieldOf({ targetValue: 0 })).toBe('targetValue');
    expect(fieldOf({ targetValue: 1.5 })).toBe('targetValue');
    expect(fieldOf({ targetValue: 400 })).toBe('targetValue');
    expect(fieldOf({ calendarId: 0 })).toBe('calendarId');
    expect(fieldOf({ warnShare: 1 })).toBe('warnShare');
    expect(fieldOf({ warnShare: 0.0001 })).toBe('warnShare');
    expect(fieldOf({ stageKind: 'lunch' })).toBe('stageKind');
    expect(fieldOf({ responsible: { kind: 'department' } as never })).toBe('responsible.departmentId');
    expect(fieldOf({ responsible: { kind: 'nobody' } as never })).toBe('responsible.kind');
    expect(fieldOf({ escalateAfterMinutes: [60, 30] })).toBe('escalateAfterMinutes.1');
    expect(fieldOf({ escalateAfterMinutes: [-5] })).toBe('escalateAfterMinutes.0');
    expect(fieldOf({ appliesTo: { priorities: ['asap'] } })).toBe('appliesTo.priorities.0');
    expect(fieldOf({ appliesTo: { channels: ['phone', 'pigeon'] } })).toBe('appliesTo.channels.1');
    expect(fieldOf({ appliesTo: { customerKinds: ['alien'] } })).toBe('appliesTo.customerKinds.0');
    expect(fieldOf({ appliesTo: { categoryIds: [0] } })).toBe('appliesTo.categoryIds.0');
    expect(fieldOf({ appliesTo: { customerSegments: ['vip', 'Key Account'] } })).toBe('appliesTo.customerSegments.1');
  });

  it('writes customer segments as customers store them: trimmed, lower case, once each, sorted', () => {
    expect(validateCommitmentFields({ ...valid, appliesTo: { customerSegments: [' VIP ', 'key_account', 'vip'] } }, OPTIONS).appliesTo).toEqual({ customerSegments: ['key_account', 'vip'] });
  });

  it('keeps the warn share to three decimals, as stored', () => {
    expect(validateCommitmentFields({ ...valid, warnShare: 0.66666 }, OPTIONS).warnShare).toBe(0.667);
  });
});

describe('computeTargetMinutes', () => {
  it('converts hours and working days into business minutes', () => {
    expect(computeTargetMinutes(30, 'minutes', 480)).toBe(30);
    expect(computeTargetMinutes(4, 'hours', 480)).toBe(240);
    expect(computeTargetMinutes(2, 'working_days', 480)).toBe(960);
    expect(computeTargetMinutes(1, 'working_days', 1440)).toBe(1440);
  });
});
