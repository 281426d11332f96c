import type { QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  CareEntryDetail,
  CareEntryPage,
  CareVisitPage,
  CareVisitView,
  CloseCareEntryBody,
  CreateCareEntryBody,
  CreateVisitPlanBody,
  GenerateCareVisitsResult,
  ListCareEntriesQuery,
  ListCareVisitsQuery,
  RecordCareVisitBody,
  UpdateCareEntryBody,
  UpdateVisitPlanBody,
  VisitPlanView,
} from '../../../src/contracts/care.ts';
import type { CareVisitViewName } from '../../../src/domain/care/care-visit-views.ts';

/** The special-care register: entries, visit plans, generated visits and their records (see /api/docs, "special care"). */

export { CARE_REASONS, type CareReason } from '../../../src/domain/care/care-rules.ts';
export { VISIT_INTERVAL_UNITS as VISIT_UNITS, type VisitIntervalUnit as VisitUnit } from '../../../src/domain/care/visit-schedule.ts';
export type {
  CareEntryDetail,
  CareEntryListItem,
  CareEntryView as CareEntry,
  CareVisitView as CareVisit,
  VisitorSummary,
  VisitPlanView as VisitPlan,
} from '../../../src/contracts/care.ts';

/** The visit list's tabs, in the order the page shows them (the server also knows `all`). */
export const VISIT_VIEWS = ['overdue', 'upcoming', 'recorded'] as const satisfies readonly CareVisitViewName[];
export type VisitView = (typeof VISIT_VIEWS)[number];

export const careApi = {
  listEntries: (query: Pick<ListCareEntriesQuery, 'reason' | 'active' | 'visitorStaffId' | 'customerId' | 'q'> & { cursor?: string | null }) =>
    api.get<CareEntryPage>('/api/care/entries', { ...query, limit: 50, cursor: query.cursor ?? undefined }),
  getEntry: (id: number) => api.get<CareEntryDetail>(`/api/care/entries/${id}`),
  createEntry: (body: CreateCareEntryBody) => api.post<CareEntryDetail>('/api/care/entries', body),
  updateEntry: (id: number, body: UpdateCareEntryBody) => api.patch<CareEntryDetail>(`/api/care/entries/${id}`, body),
  closeEntry: (id: number, body: CloseCareEntryBody) => api.post<CareEntryDetail>(`/api/care/entries/${id}/close`, body),
  createPlan: (entryId: number, body: CreateVisitPlanBody) => api.post<VisitPlanView>(`/api/care/entries/${entryId}/plans`, body),
  updatePlan: (id: number, body: UpdateVisitPlanBody) => api.patch<VisitPlanView>(`/api/care/plans/${id}`, body),
  generate: () => api.post<GenerateCareVisitsResult>('/api/care/generate', {}),
  listVisits: (query: { view: VisitView } & Pick<ListCareVisitsQuery, 'visitorId' | 'departmentId'> & { cursor?: string | null }) =>
    api.get<CareVisitPage>('/api/care/visits', { ...query, limit: 100, cursor: query.cursor ?? undefined }),
  getVisit: (id: number) => api.get<CareVisitView>(`/api/care/visits/${id}`),
  recordVisit: (id: number, body: RecordCareVisitBody) => api.post<CareVisitView>(`/api/care/visits/${id}/record`, body),
};

/** After any change: the register, entries and visit lists are read again. */
export const refreshCare = (queryClient: QueryClient) => queryClient.invalidateQueries({ queryKey: ['care'] });
