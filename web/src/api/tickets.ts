import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';

/** Tickets, customers and notifications as the web app sees them (see the API's /api/docs). */

export const CHANNELS = ['phone', 'visit', 'letter', 'email', 'meeting', 'chat', 'other', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = ['new', 'registered', 'in_progress', 'handed_over', 'escalated', 'waiting', 'resolved', 'called_back', 'closed', 'refused'] as const;
export type TicketStatus = (typeof STATUSES)[number];

/** The queues; every view but `all` has a count. `overdue`: open tickets with a breached clock still running. */
export const VIEWS = ['owned', 'handling', 'department', 'escalated', 'callback-due', 'overdue', 'intake', 'all'] as const;
export type TicketView = (typeof VIEWS)[number];
export type CountedView = Exclude<TicketView, 'all'>;
export type TicketCounts = Record<CountedView, number>;

/** Queue orders; `due`: the earliest due time of the ticket's running or paused clocks first, tickets without one last. */
export const SORTS = ['newest', 'oldest', 'due'] as const;
export type TicketSort = (typeof SORTS)[number];

/** Every staff action, in the order the ticket page offers them. */
export const ACTIONS = [
  'pick-up',
  'take',
  'accept',
  'assign',
  'hand-over',
  'contact',
  'resolve',
  'callback',
  'wait',
  'resume',
  'escalate',
  'instruct',
  'decline',
  'refuse',
  'approve-exception',
  'close',
  'reopen',
  'transfer-ownership',
  'note',
  'reply',
] as const;
export type TicketAction = (typeof ACTIONS)[number];

export const ESCALATION_CAUSES = ['handler_unreachable', 'responsibility_unclear', 'other'] as const;

export interface Ticket {
  id: number;
  number: string;
  status: TicketStatus;
  channel: Channel;
  categoryId: number | null;
  categoryName: string | null;
  priority: Priority;
  subject: string;
  description: string;
  customerId: number | null;
  customerName: string | null;
  customerOrganisation: string | null;
  customerContact: string | null;
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  handlerName: string | null;
  handlerDepartmentId: number | null;
  handlerDepartmentName: string | null;
  escalatedToId: number | null;
  registeredAt: string;
  handedOverAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  result: string | null;
  satisfaction: number | null;
  refusalReason: string | null;
  reopenCount: number;
  version: number;
  actions?: string[];
}

/** A ticket as a queue lists it: with the earliest due time of its counting clocks and whether one has breached. */
export interface TicketListItem extends Ticket {
  dueAt: string | null;
  overdue: boolean;
}

export interface TimelineEntry {
  id: number;
  type: string;
  action: string | null;
  actorKind: 'staff' | 'customer' | string;
  actorId: number | null;
  actorName: string | null;
  at: string;
  payload: Record<string, string | number | boolean | null>;
  visibleToCustomer: boolean;
}

export interface Customer {
  id: number;
  kind: 'person' | 'organisation' | 'internal';
  name: string;
  organisation: string | null;
  phones: string[];
  emails: string[];
}

export interface AppNotification {
  id: number;
  kind: string;
  ticketId: number | null;
  ticketNumber: string | null;
  ticketSubject: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A queue's filters as the API takes them (`from`/`to` are instants; the queue page keeps days in its URL). */
export interface TicketFilters {
  status?: TicketStatus;
  priority?: Priority;
  channel?: Channel;
  categoryId?: number;
  customerId?: number;
  from?: string;
  to?: string;
  q?: string;
  sort?: TicketSort;
}

/** Everything under ['tickets'] (queues, counts, tickets, timelines) is refreshed together on a change. */
export const TICKETS_KEY = ['tickets'] as const;
export const COUNTS_KEY = ['tickets', 'counts'] as const;
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const ticketKey = (id: number) => ['tickets', 'one', id] as const;
export const timelineKey = (id: number) => ['tickets', 'one', id, 'timeline'] as const;

export function isView(value: string | undefined): value is TicketView {
  return (VIEWS as readonly string[]).includes(value ?? '');
}

export function useTicketCounts() {
  return useQuery({ queryKey: COUNTS_KEY, queryFn: () => api.get<TicketCounts>('/api/tickets/counts'), staleTime: 10_000 });
}

export function useTicket(id: number) {
  return useQuery({ queryKey: ticketKey(id), queryFn: () => api.get<Ticket>(`/api/tickets/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useTimeline(id: number) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: async () => (await api.get<{ items: TimelineEntry[] }>(`/api/tickets/${id}/timeline`)).items,
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useNotifications() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'recent'],
    queryFn: () => api.get<Page<AppNotification> & { unread: number }>('/api/notifications', { limit: 15 }),
    staleTime: 10_000,
  });
}

/** Performs one action with the version the person saw; answers the updated ticket. */
export async function performAction(queryClient: QueryClient, ticket: Pick<Ticket, 'id'>, action: TicketAction, version: number, fields: Record<string, unknown> = {}): Promise<Ticket> {
  const updated = await api.post<Ticket>(`/api/tickets/${ticket.id}/${action}`, { ...fields, version });
  queryClient.setQueryData(ticketKey(ticket.id), (old: Ticket | undefined) => ({ ...old, ...updated, actions: updated.actions ?? old?.actions }));
  // The answer is shown at once; queues, counts and the timeline catch up in the background.
  void refreshTickets(queryClient);
  return updated;
}

export function refreshTickets(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: TICKETS_KEY });
}

export function useRefreshTickets() {
  const queryClient = useQueryClient();
  return () => refreshTickets(queryClient);
}

/** The owner's signed link for the customer to rate the result without signing in (a resolved ticket not yet rated). */
export function createRatingLink(ticketId: number): Promise<{ url: string; expiresAt: string }> {
  return api.post<{ url: string; expiresAt: string }>(`/api/tickets/${ticketId}/rating-link`);
}

export { newIdempotencyKey } from './client.ts';
