import type { QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  AccountTeamList,
  ContactView,
  CreateContactBody,
  CreateCustomerBody,
  Customer360,
  CustomerPage,
  CustomerView,
  DuplicateCandidateList,
  DuplicateCheckBody,
  ListCustomersQuery,
  MergeCustomerResult,
  TeamMemberBody,
  UpdateContactBody,
  UpdateCustomerBody,
} from '../../../src/contracts/customers.ts';

/** Customers, B2B contacts, account teams and the 360 view (see /api/docs, "customers"). */

export {
  ACCOUNT_TEAM_ROLES as TEAM_ROLES,
  CUSTOMER_CHANNELS,
  CUSTOMER_KINDS,
  DECISION_ROLES,
  type AccountTeamRole as TeamRole,
  type CustomerChannel,
  type CustomerKind,
  type DecisionRole,
} from '../../../src/domain/customers/customer-fields.ts';
export type {
  AccountTeamMemberView as TeamMember,
  ContactView as Contact,
  Customer360,
  Customer360TicketRow as Customer360Ticket,
  CustomerView as CustomerRecord,
  DuplicateCandidateView as DuplicateCandidate,
  TimelineItem,
} from '../../../src/contracts/customers.ts';

/** What the customer form sends: every field it edits. */
export type CustomerInput = Omit<CreateCustomerBody, 'allowDuplicate'>;
export type CustomerFilters = Pick<ListCustomersQuery, 'q' | 'kind' | 'segment' | 'tag' | 'account' | 'sort'> & { cursor?: string | null };

export const customersApi = {
  list: (f: CustomerFilters) => api.get<CustomerPage>('/api/customers', { ...f, cursor: f.cursor ?? undefined, limit: 50 }),
  get: (id: number) => api.get<CustomerView>(`/api/customers/${id}`),
  view360: (id: number) => api.get<Customer360>(`/api/customers/${id}/360`),
  create: (body: CreateCustomerBody) => api.post<CustomerView>('/api/customers', body),
  update: (id: number, body: UpdateCustomerBody) => api.patch<CustomerView>(`/api/customers/${id}`, body),
  /** Who this may already be: asked before creating, so the person can pick the existing record instead. */
  duplicateCheck: (body: DuplicateCheckBody) => api.post<DuplicateCandidateList>('/api/customers/duplicate-check', body),
  duplicates: (id: number) => api.get<DuplicateCandidateList>(`/api/customers/${id}/duplicates`),
  merge: (id: number, intoId: number) => api.post<MergeCustomerResult>(`/api/customers/${id}/merge`, { intoId }),
  addContact: (id: number, body: CreateContactBody) => api.post<ContactView>(`/api/customers/${id}/contacts`, body),
  updateContact: (id: number, contactId: number, body: UpdateContactBody) => api.patch<ContactView>(`/api/customers/${id}/contacts/${contactId}`, body),
  removeContact: (id: number, contactId: number) => api.delete<ContactView>(`/api/customers/${id}/contacts/${contactId}`),
  addTeamMember: (id: number, body: TeamMemberBody) => api.post<AccountTeamList>(`/api/customers/${id}/team`, body),
  removeTeamMember: (id: number, role: TeamMemberBody['role'], staffId: number) => api.delete<AccountTeamList>(`/api/customers/${id}/team/${role}/${staffId}`),
};

export function refreshCustomers(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['customers'] });
}
