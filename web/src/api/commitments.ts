import { useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import { ticketKey } from './tickets.ts';

/** Business calendars, service commitments, a ticket's clocks and the compliance report (see /api/docs). */

import type { CalendarDefinitionView, CalendarView, CalendarYearView, DatedDayView, WorkingIntervalView } from '../../../src/contracts/calendars.ts';
import type { ClockAttributionView, ClockView } from '../../../src/contracts/clocks.ts';
import type { AppliesToView, CommitmentDetail as CommitmentDetailView, CreateCommitmentBody, CommitmentVersionView, CommitmentView, ResponsibleView } from '../../../src/contracts/commitments.ts';
import type { AttributionRow, CommitmentReport as CommitmentReportView, CommitmentReportRow, ComplianceFigures as ComplianceFiguresView } from '../../../src/contracts/reports.ts';
import { CLOCK_EVENTS as ALL_CLOCK_EVENTS } from '../../../src/domain/commitments/can-event-follow.ts';
import type { ReportGroupBy, ReportPeriod } from '../../../src/domain/commitments/compliance-report-options.ts';

export type WorkingInterval = WorkingIntervalView;
/** A holiday or an extra working day (调休); `workingIntervals` makes it a half day / sets its hours. */
export type DatedDay = DatedDayView;
export type CalendarDefinition = CalendarDefinitionView;
export type BusinessCalendar = CalendarView;
/** GET /api/calendars/:id?year=: the calendar with the holidays and make-up days in force that year (official ones included). */
export type CalendarWithYear = CalendarYearView;

export { COMMITMENT_TARGET_UNITS as TARGET_UNITS, COMMITMENT_STAGE_KINDS as STAGE_KINDS, CUSTOMER_KINDS } from '../../../src/domain/commitments/commitment-spec.ts';
export type { CommitmentTargetUnit as TargetUnit, CommitmentStageKind as StageKind } from '../../../src/domain/commitments/commitment-spec.ts';
/** Timeline events the admin form offers to start or stop a clock on (customer_rated has no label there yet). */
export const CLOCK_EVENTS = ALL_CLOCK_EVENTS.filter((e) => e !== 'customer_rated');

export type Responsible = ResponsibleView;
export type AppliesTo = AppliesToView;
export type Commitment = CommitmentView;
export type CommitmentVersion = CommitmentVersionView;
export type CommitmentDetail = CommitmentDetailView;
/** What the commitment form sends: the fields of one version. */
export type CommitmentFields = Required<Omit<CreateCommitmentBody, 'parentId' | 'position' | 'active'>>;

export type { ClockState } from '../../../src/domain/commitments/derive-ticket-clocks.ts';
export type ClockAttribution = ClockAttributionView;
export type Clock = ClockView;

export type ComplianceFigures = ComplianceFiguresView;
export { REPORT_GROUP_BYS, REPORT_PERIODS } from '../../../src/domain/commitments/compliance-report-options.ts';
export type { ReportGroupBy, ReportPeriod } from '../../../src/domain/commitments/compliance-report-options.ts';
export type ReportRow = CommitmentReportRow;
export type ReportAttribution = AttributionRow;
export type CommitmentReport = CommitmentReportView;

export interface ReportQuery {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  timeZone: string;
  level?: number;
  period?: ReportPeriod;
}

export const CALENDARS_KEY = ['calendars'] as const;
export const COMMITMENTS_KEY = ['commitments'] as const;
/** Under the ticket's key, so every ticket refresh (actions, live updates) refreshes its clocks too. */
export const clocksKey = (ticketId: number) => [...ticketKey(ticketId), 'clocks'] as const;

/** List answers may be a bare array or a page; both are read. */
const itemsOf = <T>(answer: T[] | { items: T[] }): T[] => (Array.isArray(answer) ? answer : answer.items);

export function useCalendars() {
  return useQuery({ queryKey: CALENDARS_KEY, queryFn: async () => itemsOf(await api.get<BusinessCalendar[] | { items: BusinessCalendar[] }>('/api/calendars')) });
}

export function useCalendarYear(id: number | null, year: number) {
  return useQuery({
    queryKey: [...CALENDARS_KEY, id, 'year', year],
    queryFn: () => api.get<CalendarWithYear>(`/api/calendars/${id}`, { year }),
    enabled: id !== null,
  });
}

export function useCommitments() {
  return useQuery({ queryKey: COMMITMENTS_KEY, queryFn: async () => itemsOf(await api.get<Commitment[] | { items: Commitment[] }>('/api/commitments')) });
}

export function useCommitment(id: number | null) {
  return useQuery({ queryKey: [...COMMITMENTS_KEY, id], queryFn: () => api.get<CommitmentDetail>(`/api/commitments/${id}`), enabled: id !== null });
}

export function useTicketClocks(ticketId: number) {
  return useQuery({
    queryKey: clocksKey(ticketId),
    queryFn: async () => itemsOf(await api.get<Clock[] | { items: Clock[] }>(`/api/tickets/${ticketId}/clocks`)),
    enabled: Number.isInteger(ticketId) && ticketId > 0,
  });
}

export function useCommitmentReport(query: ReportQuery | null) {
  return useQuery({
    queryKey: ['reports', 'commitments', query],
    queryFn: () => api.get<CommitmentReport>('/api/reports/commitments', { ...query! }),
    enabled: query !== null,
  });
}

/** The CSV download link for the same query (the browser sends the session cookie with it). */
export function reportCsvUrl(query: ReportQuery, table: 'summary' | 'attributions', lang: string): string {
  return buildUrl('/api/reports/commitments.csv', { ...query, table, lang: lang === 'zh-CN' ? 'zh-CN' : 'en' });
}
