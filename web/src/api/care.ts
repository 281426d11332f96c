import type { QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';

/** The special-care register: entries, visit plans, generated visits and their records (see /api/docs, "special care"). */

export const CARE_REASONS = ['elderly', 'disabled', 'living_alone', 'other'] as const;
export type CareReason = (typeof CARE_REASONS)[number];
export const VISIT_UNITS = ['weeks', 'months'] as const;
export type VisitUnit = (typeof VISIT_UNITS)[number];
export const VISIT_VIEWS = ['overdue', 'upcoming', 'recorded'] as const;
export type VisitView = (typeof VISIT_VIEWS)[number];

export interface VisitPlan {
  id: number;
  entryId: number;
  unit: VisitUnit;
  every: number;
  startsOn: string;
  preferredWeekday: number | null;
  preferredFrom: string | null;
  preferredUntil: string | null;
  preferredNote: string;
  visitorStaffId: number | null;
  visitorStaffName: string | null;
  visitorDepartmentId: number | null;
  visitorDepartmentName: string | null;
  active: boolean;
  nextVisitOn: string | null;
  version: number;
}

export interface CareEntry {
  id: number;
  customerId: number;
  customerName: string;
  customerPhones: string[];
  reasons: CareReason[];
  note: string;
  since: string;
  registeredById: number | null;
  registeredByName: string | null;
  active: boolean;
  closedReason: string | null;
  closedAt: string | null;
  closedByName: string | null;
  version: number;
  createdAt: string;
}

export interface CareEntryListItem extends CareEntry {
  visitors: string[];
  nextVisitOn: string | null;
  overdueVisits: number;
}

export interface CareVisit {
  id: number;
  planId: number;
  entryId: number;
  customerId: number;
  customerName: string;
  customerPhones: string[];
  plannedFor: string;
  daysOverdue: number;
  ticketId: number | null;
  ticketNumber: string | null;
  ticketStatus: string | null;
  ticketVersion: number | null;
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  visitorStaffId: number | null;
  visitorDepartmentId: number | null;
  visitorDepartmentName: string | null;
  preferredWeekday: number | null;
  preferredFrom: string | null;
  preferredUntil: string | null;
  preferredNote: string;
  recordedAt: string | null;
  recordedByName: string | null;
  visitedAt: string | null;
  findings: string | null;
  customerConfirmed: boolean | null;
  customerComment: string | null;
  followUpTicketId: number | null;
  followUpTicketNumber: string | null;
}

export interface CareEntryDetail extends CareEntry {
  plans: VisitPlan[];
  visits: CareVisit[];
  canEdit: boolean;
}

export interface VisitorSummary {
  staffId: number | null;
  staffName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  count: number;
}

export interface PlanInput {
  unit: VisitUnit;
  every: number;
  startsOn: string;
  preferredWeekday?: number | null;
  preferredFrom?: string | null;
  preferredUntil?: string | null;
  preferredNote?: string | null;
  visitorStaffId?: number | null;
  visitorDepartmentId?: number | null;
  active?: boolean;
}

export interface RecordVisitInput {
  visitedAt?: string | null;
  findings: string;
  customerConfirmed: boolean;
  customerComment?: string | null;
  followUpNeeded?: boolean;
  followUpSubject?: string | null;
  followUpDescription?: string | null;
}

export const careApi = {
  listEntries: (query: { reason?: CareReason; active?: boolean; visitorStaffId?: number; customerId?: number; q?: string; cursor?: string | null }) =>
    api.get<Page<CareEntryListItem>>('/api/care/entries', { ...query, limit: 50, cursor: query.cursor ?? undefined }),
  getEntry: (id: number) => api.get<CareEntryDetail>(`/api/care/entries/${id}`),
  createEntry: (body: { customerId: number; reasons: CareReason[]; note?: string | null; since?: string | null }) => api.post<CareEntryDetail>('/api/care/entries', body),
  updateEntry: (id: number, body: { version: number; reasons?: CareReason[]; note?: string | null; since?: string | null }) => api.patch<CareEntryDetail>(`/api/care/entries/${id}`, body),
  closeEntry: (id: number, body: { version: number; reason: string }) => api.post<CareEntryDetail>(`/api/care/entries/${id}/close`, body),
  createPlan: (entryId: number, body: PlanInput) => api.post<VisitPlan>(`/api/care/entries/${entryId}/plans`, body),
  updatePlan: (id: number, body: Partial<PlanInput> & { version: number }) => api.patch<VisitPlan>(`/api/care/plans/${id}`, body),
  generate: () => api.post<{ created: number; existing: number; skippedPlans: number[]; from: string; to: string }>('/api/care/generate', {}),
  listVisits: (query: { view: VisitView; visitorId?: number; departmentId?: number; cursor?: string | null }) =>
    api.get<Page<CareVisit> & { byVisitor: VisitorSummary[] }>('/api/care/visits', { ...query, limit: 100, cursor: query.cursor ?? undefined }),
  getVisit: (id: number) => api.get<CareVisit>(`/api/care/visits/${id}`),
  recordVisit: (id: number, body: RecordVisitInput & { version?: number }) => api.post<CareVisit>(`/api/care/visits/${id}/record`, body),
};

/** After any change: the register, entries and visit lists are read again. */
export const refreshCare = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: ['care'] });
