import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** Surveys: dimensions, versioned templates, a ticket's callback surveys and the results (see /api/docs). */

import type {
  DimensionSummaryView, SurveyDimensionView, SurveyQuestionView, SurveyResults as SurveyResultsView, SurveySummaryView, SurveyTemplateView, TicketSurveyView,
} from '../../../src/contracts/surveys.ts';
import type { SurveyGroupBy } from '../../../src/domain/surveys/survey-value-lists.ts';

export { SURVEY_ANSWER_KINDS as ANSWER_KINDS } from '../../../src/domain/surveys/parse-survey-answer.ts';
export type { SurveyAnswerKind as AnswerKind } from '../../../src/domain/surveys/parse-survey-answer.ts';
export { GRADES } from '../../../src/domain/surveys/grade-to-points.ts';

export type SurveyQuestion = SurveyQuestionView;

// The answers' shape and the question's text live in a light module the rating link page shares.
export { questionText, type SurveyAnswers } from './survey-answers.ts';

export type SurveyDimension = SurveyDimensionView;
export type SurveyTemplate = SurveyTemplateView;
export type TicketSurvey = TicketSurveyView;

export { SURVEY_GROUP_BYS } from '../../../src/domain/surveys/survey-value-lists.ts';
export type { SurveyGroupBy } from '../../../src/domain/surveys/survey-value-lists.ts';

export type DimensionSummary = DimensionSummaryView;
export type SurveySummary = SurveySummaryView;
export type SurveyResults = SurveyResultsView;

export interface SurveyResultsQuery {
  from: string;
  to: string;
  groupBy?: SurveyGroupBy;
  timeZone?: string;
}

export const SURVEY_DIMENSIONS_KEY = ['surveys', 'dimensions'] as const;
export const SURVEY_TEMPLATES_KEY = ['surveys', 'templates'] as const;
export const ticketSurveysKey = (ticketId: number) => ['tickets', 'one', ticketId, 'surveys'] as const;

export function useSurveyDimensions() {
  return useQuery({ queryKey: SURVEY_DIMENSIONS_KEY, queryFn: async () => (await api.get<{ items: SurveyDimension[] }>('/api/surveys/dimensions')).items, staleTime: 60_000 });
}

export function useSurveyTemplates() {
  return useQuery({ queryKey: SURVEY_TEMPLATES_KEY, queryFn: async () => (await api.get<{ items: SurveyTemplate[] }>('/api/surveys/templates')).items });
}

/** The ticket's callback surveys, newest first. */
export function useTicketSurveys(ticketId: number, enabled = true) {
  return useQuery({ queryKey: ticketSurveysKey(ticketId), queryFn: async () => (await api.get<{ items: TicketSurvey[] }>(`/api/tickets/${ticketId}/surveys`)).items, enabled });
}

export function useSurveyResults(query: SurveyResultsQuery | null) {
  return useQuery({
    queryKey: ['surveys', 'results', query],
    queryFn: () => api.get<SurveyResults>('/api/surveys/results', { ...query }),
    enabled: query !== null,
    retry: false,
  });
}

export const createSurveyTemplate = (body: { name: string; questions: SurveyQuestion[]; forCallback?: boolean }) => api.post<SurveyTemplate>('/api/surveys/templates', body);
export const updateSurveyTemplate = (id: number, body: { revision: number; name?: string; questions?: SurveyQuestion[]; active?: boolean; forCallback?: boolean }) =>
  api.patch<SurveyTemplate>(`/api/surveys/templates/${id}`, body);
export const createSurveyDimension = (body: { key: string; nameZh: string; nameEn: string; description?: string; position?: number }) => api.post<SurveyDimension>('/api/surveys/dimensions', body);
export const updateSurveyDimension = (key: string, body: Partial<Omit<SurveyDimension, 'key'>>) => api.patch<SurveyDimension>(`/api/surveys/dimensions/${encodeURIComponent(key)}`, body);

/** The question in the reader's language. */

/** A dimension's name in the reader's language (its key when unknown). */
export function dimensionName(dimensions: readonly SurveyDimension[] | undefined, key: string, language: string): string {
  const found = dimensions?.find((d) => d.key === key);
  if (!found) return key;
  return /^zh/i.test(language) ? found.nameZh : found.nameEn;
}
