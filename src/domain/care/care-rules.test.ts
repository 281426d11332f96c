import { describe, expect, it } from 'vitest';
import { validateCareEntry, validateVisitPlan, validateVisitRecord } from './care-rules.ts';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { field?: string }).field;
  }
  return 'no error';
};

describe('special-care rules', () => {
  it('takes several reasons in a fixed order and needs a note for "other"', () => {
    expect(validateCareEntry({ reasons: ['living_alone', 'elderly'], note: ' ', since: '2026-01-05' }, '2026-12-02')).toEqual({ reasons: ['elderly', 'living_alone'], note: '', since: '2026-01-05' });
    expect(validateCareEntry({ reasons: ['disabled'] }, '2026-12-02').since).toBe('2026-12-02');
    expect(validateCareEntry({ reasons: ['disabled'], since: '' }, '2026-12-02').since).toBe('2026-12-02');
    expect(fieldOf(() => validateCareEntry({ reasons: [] }, '2026-12-02'))).toBe('reasons');
    expect(fieldOf(() => validateCareEntry({ reasons: ['elderly', 'lonely'] }, '2026-12-02'))).toBe('reasons.1');
    expect(fieldOf(() => validateCareEntry({ reasons: ['elderly', 'elderly'] }, '2026-12-02'))).toBe('reasons');
    expect(fieldOf(() => validateCareEntry({ reasons: ['other'] }, '2026-12-02'))).toBe('note');
    expect(fieldOf(() => validateCareEntry({ reasons: ['elderly'], since: '2027-01-01' }, '2026-12-02'))).toBe('since');
    expect(fieldOf(() => validateCareEntry({ reasons: ['elderly'], since: '2026-02-30' }, '2026-12-02'))).toBe('since');
  });

  it('needs exactly one visitor, a sane interval and a window that ends after it starts', () => {
    const ok = { unit: 'weeks', every: 2, startsOn: '2026-12-07', visitorStaffId: 3, preferredWeekday: 1, preferredFrom: '09:00', preferredUntil: '11:30' };
    expect(validateVisitPlan(ok)).toMatchObject({ unit: 'weeks', every: 2, visitorStaffId: 3, visitorDepartmentId: null, active: true, preferredNote: '' });
    expect(fieldOf(() => validateVisitPlan({ ...ok, unit: 'days' }))).toBe('unit');
    expect(fieldOf(() => validateVisitPlan({ ...ok, every: 0 }))).toBe('every');
    expect(fieldOf(() => validateVisitPlan({ ...ok, unit: 'months', every: 25 }))).toBe('every');
    expect(fieldOf(() => validateVisitPlan({ ...ok, startsOn: 'soon' }))).toBe('startsOn');
    expect(fieldOf(() => validateVisitPlan({ ...ok, visitorDepartmentId: 4 }))).toBe('visitorStaffId');
    expect(fieldOf(() => validateVisitPlan({ ...ok, visitorStaffId: null }))).toBe('visitorStaffId');
    expect(fieldOf(() => validateVisitPlan({ ...ok, preferredUntil: '08:00' }))).toBe('preferredUntil');
    expect(fieldOf(() => validateVisitPlan({ ...ok, preferredFrom: '9am' }))).toBe('preferredFrom');
    expect(fieldOf(() => validateVisitPlan({ ...ok, preferredWeekday: 8 }))).toBe('preferredWeekday');
  });

  it('records findings and the confirmation; a follow-up needs a subject; no visits in the future', () => {
    const now = Date.parse('2026-12-02T08:00:00Z');
    expect(validateVisitRecord({ findings: ' All well ', customerConfirmed: true }, now)).toEqual({ visitedAtMs: now, findings: 'All well', customerConfirmed: true, customerComment: '', followUp: null });
    expect(validateVisitRecord({ findings: 'Leak', customerConfirmed: false, followUpNeeded: true, followUpSubject: 'Fix the tap' }, now).followUp).toEqual({ subject: 'Fix the tap', description: '' });
    expect(fieldOf(() => validateVisitRecord({ findings: '', customerConfirmed: true }, now))).toBe('findings');
    expect(fieldOf(() => validateVisitRecord({ findings: 'x' }, now))).toBe('customerConfirmed');
    expect(fieldOf(() => validateVisitRecord({ findings: 'x', customerConfirmed: true, followUpNeeded: true }, now))).toBe('followUpSubject');
    expect(fieldOf(() => validateVisitRecord({ findings: 'x', customerConfirmed: true, visitedAt: '2026-12-03T08:00:00Z' }, now))).toBe('visitedAt');
  });
});
