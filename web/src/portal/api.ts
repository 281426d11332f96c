/**
 * The customer portal's own API client: JSON in and out, the *portal* session's CSRF token on every
 * change (never the staff one), and the same typed ApiError as the staff app.
 */
import { useInfiniteQuery, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, fetchJson } from '../api/client.ts';
import type { SurveyAnswers } from '../api/surveys.ts';
import { CUSTOMER_TICKET_STATUSES as CUSTOMER_STATUSES, type CustomerTicketStatus as CustomerStatus } from '../../../src/domain/tickets/to-customer-status.ts';
import type {
  PortalCategory,
  PortalCustomer,
  PortalSession,
  PortalTicketPage,
  PortalTicketView as PortalTicket,
  PortalTimelineEntry,
  SignUpAnswer,
} from '../../../src/contracts/portal.ts';
import type { RatedByLink, RatingLinkView as RatingLinkInfo } from '../../../src/contracts/rating-links.ts';

/** The portal's shapes are the server's contract types and the domain's status list, under the names the pages use. */
export { CUSTOMER_STATUSES };
export type { CustomerStatus, PortalCategory, PortalCustomer, PortalSession, PortalTicket, PortalTicketPage, PortalTimelineEntry, RatedByLink, RatingLinkInfo, SignUpAnswer };

/** One of my request's surveys: the questions and my answers. */
import type { CustomerSurveyView as MySurvey } from '../../../src/contracts/surveys.ts';

export type { MySurvey };

let portalCsrfToken: string | null = null;
let onPortalUnauthorized: (() => void) | null = null;

export function setPortalUnauthorizedHandler(handler: (() => void) | null): void {
  onPortalUnauthorized = handler;
}

const SESSION_PATH = '/api/portal/session';

function request<T>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  return fetchJson<T>(method, path, {
    ...options,
    csrfToken: portalCsrfToken,
    // Rating links work without a session, so a 401 there means nothing about one.
    onUnauthorized: path.startsWith('/api/portal/') && path !== SESSION_PATH ? () => onPortalUnauthorized?.() : undefined,
  });
}

const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers });

/** A fresh key for one submission: a retry of the same submission sends the same key. */
export { newIdempotencyKey } from '../api/client.ts';

// ---- session ----

export const PORTAL_SESSION_KEY = ['portal', 'session'] as const;

export async function fetchPortalSession(): Promise<PortalSession | null> {
  try {
    const session = await get<PortalSession>(SESSION_PATH);
    portalCsrfToken = session.csrfToken;
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      portalCsrfToken = null;
      return null;
    }
    throw err;
  }
}

export function usePortalSession() {
  return useQuery({ queryKey: PORTAL_SESSION_KEY, queryFn: fetchPortalSession, staleTime: 5 * 60_000, retry: false });
}

function forgetPortalData(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: ['portal'] });
}

export async function portalSignIn(queryClient: QueryClient, email: string, password: string): Promise<PortalSession> {
  const answer = await post<PortalSession>(SESSION_PATH, { email, password });
  portalCsrfToken = answer.csrfToken;
  forgetPortalData(queryClient);
  queryClient.setQueryData(PORTAL_SESSION_KEY, answer);
  return answer;
}

export async function portalSignOut(queryClient: QueryClient): Promise<void> {
  try {
    await request<void>('DELETE', SESSION_PATH);
  } finally {
    portalCsrfToken = null;
    forgetPortalData(queryClient);
    queryClient.setQueryData(PORTAL_SESSION_KEY, null);
  }
}

export function portalSignUp(body: { email: string; password: string; name: string; phone?: string }): Promise<SignUpAnswer> {
  return post('/api/portal/account', body);
}

// ---- requests ----

export const ticketKey = (id: number) => ['portal', 'ticket', id] as const;
export const timelineKey = (id: number) => ['portal', 'timeline', id] as const;

export function usePortalCategories() {
  return useQuery({ queryKey: ['portal', 'categories'], queryFn: () => get<{ items: PortalCategory[] }>('/api/portal/categories').then((r) => r.items), staleTime: 10 * 60_000 });
}

export function usePortalTickets() {
  return useInfiniteQuery({
    queryKey: ['portal', 'tickets'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => get<PortalTicketPage>(`/api/portal/tickets?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}

export function usePortalTicket(id: number) {
  return useQuery({ queryKey: ticketKey(id), queryFn: () => get<PortalTicket>(`/api/portal/tickets/${id}`), enabled: Number.isInteger(id) && id > 0, refetchInterval: 30_000 });
}

export function usePortalTimeline(id: number) {
  return useQuery({
    queryKey: timelineKey(id),
    queryFn: () => get<{ items: PortalTimelineEntry[] }>(`/api/portal/tickets/${id}/timeline`).then((r) => r.items),
    enabled: Number.isInteger(id) && id > 0,
    refetchInterval: 30_000,
  });
}

/** The surveys of one of my requests (the open one's questions for the rating form). */
export function usePortalSurveys(id: number, enabled = true) {
  return useQuery({
    queryKey: [...ticketKey(id), 'surveys'],
    queryFn: () => get<{ items: MySurvey[] }>(`/api/portal/tickets/${id}/surveys`).then((r) => r.items),
    enabled: enabled && Number.isInteger(id) && id > 0,
  });
}

export function submitPortalTicket(body: { subject: string; description?: string; categoryId?: number | null }, idempotencyKey: string): Promise<PortalTicket> {
  return post('/api/portal/tickets', body, { 'idempotency-key': idempotencyKey });
}

type ActionBody = { reply: { text: string }; confirm: { comment?: string }; reopen: { reason: string }; rating: { satisfaction: number; comment?: string; answers?: SurveyAnswers } };

/** Replies, confirms, reopens or rates, sending the version the customer saw. */
export function portalAction<K extends keyof ActionBody>(id: number, action: K, body: ActionBody[K], version: number): Promise<PortalTicket> {
  return post(`/api/portal/tickets/${id}/${action}`, { ...body, version });
}

/** After a change (or a conflict), the request, its timeline and the list are read again. */
export function useRefreshTicket() {
  const queryClient = useQueryClient();
  return async (id: number, ticket?: PortalTicket) => {
    if (ticket) queryClient.setQueryData(ticketKey(id), ticket);
    await Promise.all([
      ticket ? Promise.resolve() : queryClient.invalidateQueries({ queryKey: ticketKey(id) }),
      queryClient.invalidateQueries({ queryKey: timelineKey(id) }),
      queryClient.invalidateQueries({ queryKey: ['portal', 'tickets'] }),
    ]);
  };
}

// ---- rating links (no sign-in) ----

// Plain fetch in a light module of its own, so the link page stays light.
export { rateByLink, readRatingLink } from '../api/rating-links.ts';
