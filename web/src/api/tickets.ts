import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CustomerView } from '../../../src/contracts/customers.ts';
import type { TicketActionType } from '../../../src/domain/tickets/ticket-action.ts';
import { TICKET_CHANNELS as CHANNELS, TICKET_STATUSES as STATUSES, type TicketChannel as Channel, type TicketStatus } from '../../../src/domain/tickets/ticket-state.ts';
import {
  ESCALATION_CAUSES,
  TICKET_PRIORITIES as PRIORITIES,
  TICKET_SORTS as SORTS,
  TICKET_VIEWS as VIEWS,
  type CountedTicketView as CountedView,
  type TicketPriority as Priority,
  type TicketSort,
  type TicketViewName as TicketView,
} from '../../../src/domain/tickets/ticket-lists.ts';
import type { TicketCounts, TicketListItem, TicketView as Ticket, TimelineEntry } from '../../../src/contracts/tickets.ts';
import type { NotificationPage, NotificationView as AppNotification } from '../../../src/contracts/notifications.ts';
import type { CreatedRatingLink } from '../../../src/contracts/rating-links.ts';
import { api } from './client.ts';

/**
 * Tickets, customers and notifications as the web app sees them: the server's contract types (see
 * the API's /api/docs) and the domain's value lists, under the names the pages use.
 */
export { CHANNELS, ESCALATION_CAUSES, PRIORITIES, SORTS, STATUSES, VIEWS };
export type { AppNotification, Channel, CountedView, CreatedRatingLink, NotificationPage, Priority, Ticket, TicketCounts, TicketListItem, TicketSort, TicketStatus, TicketView, TimelineEntry };

/** Every staff action, in the order the ticket page offers them (the customer's confirm and rate are not among them). */
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
] as const satisfies readonly TicketActionType[];
export type TicketAction = (typeof ACTIONS)[number];

/** The part of a customer record the registration form and the queue filters use. */
export type Customer = Pick<CustomerView, 'id' | 'kind' | 'name' | 'organisation' | 'phones' | 'emails'>;

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
    queryFn: () => api.get<NotificationPage>('/api/notifications', { limit: 15 }),
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
export function createRatingLink(ticketId: number): Promise<CreatedRatingLink> {
  return api.post<CreatedRatingLink>(`/api/tickets/${ticketId}/rating-link`);
}

export { newIdempotencyKey } from './client.ts';
