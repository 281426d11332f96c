/** The customer's complaints on the portal: filing one, following it, appealing once. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { fetchJson } from '../api/client.ts';
import type { FilePortalComplaintBody, PortalComplaintList, PortalComplaintView } from '../../../src/contracts/portal-complaints.ts';
import { PORTAL_SESSION_KEY, type PortalSession } from './api.ts';

export type { ComplainantStatus } from '../../../src/domain/accountability/value-lists.ts';
export type { PortalComplaintListItem, PortalComplaintView as PortalComplaint } from '../../../src/contracts/portal-complaints.ts';

const get = <T>(path: string) => fetchJson<T>('GET', path);

/** Changes carry the portal session's CSRF token, read from the session the portal already holds. */
function post<T>(queryClient: QueryClient, path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
  const session = queryClient.getQueryData<PortalSession | null>(PORTAL_SESSION_KEY);
  return fetchJson<T>('POST', path, { body, headers, csrfToken: session?.csrfToken ?? null });
}

export function usePortalComplaints() {
  return useQuery({ queryKey: ['portal', 'complaints'], queryFn: () => get<PortalComplaintList>('/api/portal/complaints?limit=100').then((r) => r.items) });
}

export function usePortalComplaint(id: number) {
  return useQuery({ queryKey: ['portal', 'complaint', id], queryFn: () => get<PortalComplaintView>(`/api/portal/complaints/${id}`), enabled: Number.isInteger(id) && id > 0, refetchInterval: 60_000 });
}

export function fileComplaint(queryClient: QueryClient, body: FilePortalComplaintBody, idempotencyKey: string): Promise<PortalComplaintView> {
  return post(queryClient, '/api/portal/complaints', body, { 'idempotency-key': idempotencyKey });
}

export function appealComplaint(queryClient: QueryClient, id: number, reason: string, version: number): Promise<PortalComplaintView> {
  return post(queryClient, `/api/portal/complaints/${id}/appeal`, { reason, version });
}
