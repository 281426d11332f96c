import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** Surveys: dimensions, versioned templates, a ticket's callback surveys and the results (see /api/docs). */

export const ANSWER_KINDS = ['scale', 'grade', 'yes_no', 'text'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
export const GRADES = ['A', 'A-', 'B+', 'B', 'B-', 'C', 'D'] as const;

export interface SurveyQuestion {
  key: string;
  text: { zh: string; en: string };
  dimension: string | null;
  kind: AnswerKind;
}

/** What a form collects: question key → 1–5, a grade, true/false or text. */
export type SurveyAnswers = Record<string, number | string | boolean>;

export interface SurveyDimension {
  key: string;
  nameZh: string;
  nameEn: string;
  description: string;
  position: number;
  active: boolean;
}

export interface SurveyTemplate {
  id: number;
  name: string;
  active: boolean;
  forCallback: boolean;
  currentVersion: number;
  revision: number;
  questions: SurveyQuestion[];
  versions: { version: number; createdAt: string; createdById: number | null; createdByName: string | null }[];
  surveyCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface TicketSurvey {
  id: number;
  ticketId: number;
  status: 'due' | 'answered' | 'expired';
  resolvedAt: string | null;
  dueAt: string;
  overdue: boolean;
  answeredAt: string | null;
  satisfaction: number | null;
  comment: string | null;
  channel: string | null;
  collectedById: number | null;
  collectedByName: string | null;
  template: { id: number; name: string; version: number } | null;
  questions: SurveyQuestion[];
  answers: { key: string; kind: string; dimension: string | null; value: unknown }[];
  credits: { role: 'owner' | 'handler' | 'department'; staffId: number | null; staffName: string | null; departmentId: number | null; departmentName: string | null; satisfaction: number }[];
}

export const SURVEY_GROUP_BYS = ['department', 'person', 'category', 'channel', 'week', 'month'] as const;
export type SurveyGroupBy = (typeof SURVEY_GROUP_BYS)[number];

export interface DimensionSummary {
  dimension: string;
  answers: number;
  mean: number | null;
  yesShare: number | null;
  gradePoints: number | null;
  alpha: number | null;
  alphaN: number;
  alphaK: number;
  flag: 'reliable' | 'below_threshold' | 'insufficient_data';
}

export interface SurveySummary {
  n: number;
  csat: number | null;
  mean: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  dimensions: DimensionSummary[];
}

export interface SurveyResults {
  from: string;
  to: string;
  timeZone: string;
  groupBy: SurveyGroupBy | null;
  scope: 'all' | 'departments' | 'own';
  dimensions: SurveyDimension[];
  overall: SurveySummary;
  groups: (SurveySummary & { key: number | string | null; label: string | null })[];
}

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
export function questionText(question: SurveyQuestion, language: string): string {
  return /^zh/i.test(language) ? question.text.zh : question.text.en;
}

/** A dimension's name in the reader's language (its key when unknown). */
export function dimensionName(dimensions: readonly SurveyDimension[] | undefined, key: string, language: string): string {
  const found = dimensions?.find((d) => d.key === key);
  if (!found) return key;
  return /^zh/i.test(language) ? found.nameZh : found.nameEn;
}
