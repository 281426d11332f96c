import type { QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';

/** Customers, B2B contacts, account teams and the 360 view (see /api/docs, "customers"). */

export const CUSTOMER_KINDS = ['person', 'organisation', 'internal'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const DECISION_ROLES = ['decision_maker', 'user', 'technical_influencer', 'business_influencer', 'other_stakeholder'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];
export const TEAM_ROLES = ['account_manager', 'planner', 'project_engineer', 'quality_engineer', 'test_engineer', 'materials_controller', 'sales'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const CUSTOMER_CHANNELS = ['phone', 'visit', 'letter', 'email', 'meeting', 'chat', 'web', 'other'] as const;

export interface CustomerRecord {
  id: number;
  kind: CustomerKind;
  name: string;
  organisation: string | null;
  parentId: number | null;
  departmentId: number | null;
  phones: string[];
  emails: string[];
  addresses: string[];
  segment: string | null;
  tags: string[];
  preferredLanguage: 'zh-CN' | 'en' | null;
  preferredChannel: string | null;
  consentContact: boolean;
  consentSurveys: boolean;
  consentMarketing: boolean;
  notes: string;
  isAccount: boolean;
  scorecardEnabled: boolean;
  active: boolean;
  mergedIntoId: number | null;
  mergedAt: string | null;
  hasPortalAccount: boolean;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export type CustomerInput = Partial<Omit<CustomerRecord, 'id' | 'mergedIntoId' | 'mergedAt' | 'hasPortalAccount' | 'revision' | 'createdAt' | 'updatedAt'>>;

export interface DuplicateCandidate {
  customer: CustomerRecord;
  reasons: ('phone' | 'email' | 'name' | 'similar_name')[];
  score: number;
}

export interface Contact {
  id: number;
  customerId: number;
  name: string;
  title: string | null;
  phones: string[];
  emails: string[];
  decisionRole: DecisionRole;
  goals: string;
  painPoints: string;
  reportsToId: number | null;
  active: boolean;
}

export type ContactInput = Partial<Pick<Contact, 'name' | 'title' | 'phones' | 'emails' | 'decisionRole' | 'goals' | 'painPoints' | 'reportsToId'>>;

export interface TeamMember {
  staffId: number;
  staffName: string;
  staffEmail: string;
  role: TeamRole;
  since: string;
}

export interface TimelineItem {
  at: string;
  kind: string;
  ref: { type: string; id: number; label: string };
  detail: string | null;
}

export interface Customer360 {
  customer: CustomerRecord;
  parent: { id: number; name: string } | null;
  members: { id: number; name: string; kind: CustomerKind }[];
  contacts: Contact[];
  team: TeamMember[];
  tickets: {
    open: Customer360Ticket[];
    past: Customer360Ticket[];
    hidden: number;
    total: number;
  };
  surveys: { id: number; ticketId: number | null; ticketNumber: string | null; status: string; satisfaction: number | null; comment: string | null; dueAt: string; answeredAt: string | null }[];
  complaints: { items: { id: number; summary: string; kind: string; status: string; receivedAt: string }[]; hidden: number };
  visits: unknown[] | null;
  commitments: { met: number; metLate: number; breached: number; running: number; metShare: number | null };
  satisfactionTrend: { month: string; answered: number; average: number; satisfiedShare: number }[];
  timeline: TimelineItem[];
}

export interface Customer360Ticket {
  id: number;
  number: string;
  subject: string;
  status: string;
  channel: string;
  createdAt: string;
  resolvedAt: string | null;
  satisfaction: number | null;
}

export interface CustomerFilters {
  q?: string;
  kind?: CustomerKind;
  segment?: string;
  tag?: string;
  account?: boolean;
  sort?: 'name' | 'newest';
  cursor?: string | null;
}

export const customersApi = {
  list: (f: CustomerFilters) => api.get<Page<CustomerRecord>>('/api/customers', { ...f, cursor: f.cursor ?? undefined, limit: 50 }),
  get: (id: number) => api.get<CustomerRecord>(`/api/customers/${id}`),
  view360: (id: number) => api.get<Customer360>(`/api/customers/${id}/360`),
  create: (body: CustomerInput & { allowDuplicate?: boolean }) => api.post<CustomerRecord>('/api/customers', body),
  update: (id: number, body: CustomerInput & { revision: number }) => api.patch<CustomerRecord>(`/api/customers/${id}`, body),
  /** Who this may already be: asked before creating, so the person can pick the existing record instead. */
  duplicateCheck: (body: { name: string; phones?: string[]; emails?: string[] }) => api.post<{ items: DuplicateCandidate[] }>('/api/customers/duplicate-check', body),
  duplicates: (id: number) => api.get<{ items: DuplicateCandidate[] }>(`/api/customers/${id}/duplicates`),
  merge: (id: number, intoId: number) => api.post<{ customer: CustomerRecord }>(`/api/customers/${id}/merge`, { intoId }),
  addContact: (id: number, body: ContactInput) => api.post<Contact>(`/api/customers/${id}/contacts`, body),
  updateContact: (id: number, contactId: number, body: ContactInput) => api.patch<Contact>(`/api/customers/${id}/contacts/${contactId}`, body),
  removeContact: (id: number, contactId: number) => api.delete<Contact>(`/api/customers/${id}/contacts/${contactId}`),
  addTeamMember: (id: number, body: { staffId: number; role: TeamRole }) => api.post<{ items: TeamMember[] }>(`/api/customers/${id}/team`, body),
  removeTeamMember: (id: number, role: TeamRole, staffId: number) => api.delete<{ items: TeamMember[] }>(`/api/customers/${id}/team/${role}/${staffId}`),
};

export function refreshCustomers(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['customers'] });
}
