import { describe, expect, it } from 'vitest';
import { getComplaintAccess, type ComplaintViewFacts } from './can-view-complaint.ts';
import type { AccountabilityViewer } from './can-view-person-record.ts';

const complaint: ComplaintViewFacts = { customerId: 40, complainantStaffId: 11, registeredBy: 12, subjectStaffId: 3, subjectDepartmentId: 4, investigatorId: 2 };
const staff = (id: number, extra: Partial<AccountabilityViewer> = {}) => ({ kind: 'staff' as const, viewer: { id, isOffice: false, overseenDepartmentIds: [], superiorIds: [], ...extra } });

describe('getComplaintAccess', () => {
  it('gives the investigation to the office, the investigator, the person concerned and their superiors', () => {
    expect(getComplaintAccess(complaint, staff(1, { isOffice: true }))).toBe('full');
    expect(getComplaintAccess(complaint, staff(2))).toBe('full');
    expect(getComplaintAccess(complaint, staff(3))).toBe('full');
    expect(getComplaintAccess(complaint, staff(20, { overseenDepartmentIds: [2, 4] }))).toBe('full');
  });

  it('gives every complaint in full to admins, as to the office', () => {
    expect(getComplaintAccess(complaint, staff(50, { isAdmin: true }))).toBe('full');
    expect(getComplaintAccess({ ...complaint, subjectStaffId: null, subjectDepartmentId: null, customerId: null }, staff(50, { isAdmin: true }))).toBe('full');
  });

  it('gives complainants only the progress', () => {
    expect(getComplaintAccess(complaint, { kind: 'customer', customerId: 40 })).toBe('complainant');
    expect(getComplaintAccess(complaint, staff(11))).toBe('complainant');
    expect(getComplaintAccess(complaint, staff(12))).toBe('complainant');
  });

  it('hides it from everyone else', () => {
    expect(getComplaintAccess(complaint, { kind: 'customer', customerId: 41 })).toBeNull();
    expect(getComplaintAccess(complaint, staff(30, { overseenDepartmentIds: [3] }))).toBeNull();
    expect(getComplaintAccess({ ...complaint, subjectDepartmentId: null }, staff(20, { overseenDepartmentIds: [4] }))).toBeNull();
  });
});
