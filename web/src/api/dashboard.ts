import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

/** The satisfaction dashboard and the company settings it needs (see /api/docs). */

import type { DashboardDimension as DashboardDimensionView, DashboardFigures as DashboardFiguresView, DashboardGroup as DashboardGroupView, LowRating as LowRatingView, SurveyDashboard as SurveyDashboardView } from '../../../src/contracts/surveys.ts';
import type { CompanySettings as CompanySettingsView } from '../../../src/contracts/settings.ts';
import type { Grade } from '../../../src/domain/surveys/grade-to-points.ts';

export type DashboardFigures = DashboardFiguresView;
export type DashboardGroup = DashboardGroupView;
export type DashboardDimension = DashboardDimensionView;
export type LowRating = LowRatingView;
export type SurveyDashboard = SurveyDashboardView;

export interface DashboardQuery {
  from: string;
  to: string;
  departmentId?: number;
}

export { GRADES as GRADE_KEYS } from '../../../src/domain/surveys/grade-to-points.ts';
export type GradeKey = Grade;

export type CompanySettings = CompanySettingsView;

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
