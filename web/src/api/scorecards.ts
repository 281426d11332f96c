import { useQuery } from '@tanstack/react-query';
import { api, fetchJson } from './client.ts';

/** Weekly B2B scorecards: the staff list and trend, answers on a contact's behalf, signed links (see /api/docs). */

export const SCORECARD_AREAS = ['quality', 'on_time_delivery', 'communication', 'service_flexibility', 'technical_support'] as const;
export type ScorecardArea = (typeof SCORECARD_AREAS)[number];
export const SCORECARD_GRADES = ['A', 'A-', 'B+', 'B', 'B-', 'C', 'D'] as const;
export type ScorecardGrade = (typeof SCORECARD_GRADES)[number];

export interface Scorecard {
  id: number;
  customerId: number;
  accountName: string;
  weekKey: string;
  weekStart: string;
  status: 'open' | 'answered';
  openedAt: string;
  answeredAt: string | null;
  channel: 'link' | 'staff' | null;
  contactId: number | null;
  contactName: string | null;
  enteredByName: string | null;
  meanPoints: number | null;
  reminderCount: number;
  lastRemindedAt: string | null;
  followUpTicketId: number | null;
  accountManagerId: number | null;
  accountManagerName: string | null;
  answers: { area: ScorecardArea; grade: ScorecardGrade; points: number; comment: string | null }[];
  contacts: { id: number; name: string; hasEmail: boolean }[];
}

export interface ScorecardTrendPoint {
  weekKey: string;
  weekStart: string;
  index: number;
  areas: Partial<Record<ScorecardArea, number>>;
  n: number;
}

export interface ScorecardTrend {
  from: string;
  to: string;
  timeZone: string;
  accounts: { customerId: number; accountName: string; points: ScorecardTrendPoint[] }[];
  team: { staffId: number; points: ScorecardTrendPoint[] };
}

export interface ScorecardAnswerBody {
  grades: Record<ScorecardArea, ScorecardGrade>;
  comments?: Partial<Record<ScorecardArea, string>>;
}

export const SCORECARDS_KEY = ['scorecards'] as const;

export function useScorecards(query: { week?: string; status?: 'open' | 'answered'; customerId?: number }) {
  return useQuery({ queryKey: [...SCORECARDS_KEY, 'list', query], queryFn: async () => (await api.get<{ items: Scorecard[] }>('/api/scorecards', { ...query })).items });
}

export function useScorecardTrend(query: { from?: string; to?: string; customerId?: number } | null) {
  return useQuery({
    queryKey: [...SCORECARDS_KEY, 'trend', query],
    queryFn: () => api.get<ScorecardTrend>('/api/scorecards/trend', { ...query }),
    enabled: query !== null,
    retry: false,
  });
}

export const answerScorecard = (id: number, body: ScorecardAnswerBody & { contactId: number }) =>
  api.post<{ meanPoints: number; followUpTicketId: number | null }>(`/api/scorecards/${id}/answers`, body);
export const createScorecardLink = (id: number, contactId: number) => api.post<{ url: string; expiresAt: string; email: string }>(`/api/scorecards/${id}/links`, { contactId });
export const openScorecardsNow = () => api.post<{ weekKey: string; opened: number[] }>('/api/scorecards/open');

export interface ScorecardLinkInfo {
  accountName: string;
  contactName: string;
  weekKey: string;
  weekStart: string;
  alreadyAnswered: boolean;
  expiresAt: string;
}

/** The public link page: no session, so no CSRF token; the signature in the link is the credential. */
export const readScorecardLink = (token: string) => fetchJson<ScorecardLinkInfo>('GET', `/api/rating/scorecard/${encodeURIComponent(token)}`);
export const answerScorecardLink = (token: string, body: ScorecardAnswerBody) =>
  fetchJson<{ weekKey: string; meanPoints: number }>('POST', `/api/rating/scorecard/${encodeURIComponent(token)}`, { body });
