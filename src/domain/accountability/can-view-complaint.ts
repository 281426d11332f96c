import type { AccountabilityViewer } from './can-view-person-record.ts';

/** The facts complaint visibility depends on. */
export interface ComplaintViewFacts {
  customerId: number | null;
  complainantStaffId: number | null;
  registeredBy: number | null;
  subjectStaffId: number | null;
  subjectDepartmentId: number | null;
  investigatorId: number | null;
}

export type ComplaintViewer = { kind: 'staff'; viewer: AccountabilityViewer } | { kind: 'customer'; customerId: number };

/**
 * 'full': the investigation as well (findings, evidence, the response, internal reasons) — the office and
 * admins (every complaint: seeing is not deciding, which stays the office's), the investigator, the person concerned and their superiors. 'complainant': only the progress — the
 * customer, the colleague who complained and the staff member who took it down. null: not at all.
 */
export function getComplaintAccess(complaint: ComplaintViewFacts, who: ComplaintViewer): 'full' | 'complainant' | null {
  if (who.kind === 'customer') return complaint.customerId !== null && complaint.customerId === who.customerId ? 'complainant' : null;
  const v = who.viewer;
  if (v.isOffice || v.isAdmin === true || v.id === complaint.investigatorId || v.id === complaint.subjectStaffId) return 'full';
  if (complaint.subjectDepartmentId !== null && complaint.subjectStaffId !== v.id && v.overseenDepartmentIds.includes(complaint.subjectDepartmentId)) return 'full';
  if (v.id === complaint.complainantStaffId || v.id === complaint.registeredBy) return 'complainant';
  return null;
}
