import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** The satisfaction dashboard and the company settings it needs (see /api/docs). */

export interface DashboardFigures {
  n: number;
  csat: number | null;
  mean: number | null;
}

export interface DashboardGroup extends DashboardFigures {
  key: string | number | null;
  label: string | null;
}

export interface DashboardDimension {
  key: string;
  nameZh: string;
  nameEn: string;
  mean: number | null;
  answers: number;
}

export interface LowRating {
  surveyId: number;
  answeredAt: string;
  satisfaction: number;
  comment: string | null;
  channel: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  subject: string | null;
  ticketStatus: string | null;
  ownerId: number | null;
  ownerName: string | null;
  customerName: string | null;
  complaints: number;
  complaintStatus: string | null;
  reopenedAfter: boolean;
}

export interface SurveyDashboard {
  from: string;
  to: string;
  timeZone: string;
  scope: 'all' | 'departments' | 'own';
  departmentId: number | null;
  overall: DashboardFigures;
  byWeek: DashboardGroup[];
  byMonth: DashboardGroup[];
  byDepartment: DashboardGroup[];
  byPerson: DashboardGroup[];
  byCategory: DashboardGroup[];
  byChannel: DashboardGroup[];
  dimensions: DashboardDimension[];
  lowRatings: LowRating[];
  lowRatingsTruncated: boolean;
}

export interface DashboardQuery {
  from: string;
  to: string;
  departmentId?: number;
}

export const GRADE_KEYS = ['A', 'A-', 'B+', 'B', 'B-', 'C', 'D'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];

export interface CompanySettings {
  timeZone: string;
  scorecardGradePoints: Record<GradeKey, number>;
}

export const COMPANY_SETTINGS_KEY = ['settings', 'company'] as const;

export function useCompanySettings() {
  return useQuery({ queryKey: COMPANY_SETTINGS_KEY, queryFn: () => api.get<CompanySettings>('/api/settings/company'), staleTime: 300_000 });
}

export const updateCompanySettings = (body: { timeZone?: string; scorecardGradePoints?: Partial<Record<GradeKey, number>> }) => api.patch<CompanySettings>('/api/settings/company', body);

export function useSurveyDashboard(query: DashboardQuery | null) {
  return useQuery({
    queryKey: ['surveys', 'dashboard', query],
    queryFn: () => api.get<SurveyDashboard>('/api/surveys/dashboard', { ...query }),
    enabled: query !== null,
    retry: false,
  });
}
