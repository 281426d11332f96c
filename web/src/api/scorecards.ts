import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** Weekly B2B scorecards: the staff list and trend, answers on a contact's behalf, signed links (see /api/docs). */

import type { CreatedScorecardLink, OpenedScorecards, ScorecardAnswerResult, ScorecardLinkView, ScorecardTrend as ScorecardTrendView, ScorecardTrendPoint as ScorecardTrendPointView, ScorecardView } from '../../../src/contracts/scorecards.ts';
import type { Grade } from '../../../src/domain/surveys/grade-to-points.ts';
import type { ScorecardArea } from '../../../src/domain/surveys/score-scorecard.ts';

export { SCORECARD_AREAS } from '../../../src/domain/surveys/score-scorecard.ts';
export type { ScorecardArea } from '../../../src/domain/surveys/score-scorecard.ts';
export { GRADES as SCORECARD_GRADES } from '../../../src/domain/surveys/grade-to-points.ts';
export type ScorecardGrade = Grade;

export type Scorecard = ScorecardView;
export type ScorecardTrendPoint = ScorecardTrendPointView;
export type ScorecardTrend = ScorecardTrendView;

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
  api.post<ScorecardAnswerResult>(`/api/scorecards/${id}/answers`, body);
export const createScorecardLink = (id: number, contactId: number) => api.post<CreatedScorecardLink>(`/api/scorecards/${id}/links`, { contactId });
export const openScorecardsNow = () => api.post<OpenedScorecards>('/api/scorecards/open');

export type ScorecardLinkInfo = ScorecardLinkView;

// The public link page's calls live in a light module of their own (plain fetch, no query library).
export { answerScorecardLink, readScorecardLink } from './scorecard-links.ts';
