import { useQuery } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import { ticketKey } from './tickets.ts';

/** Business calendars, service commitments, a ticket's clocks and the compliance report (see /api/docs). */

export interface WorkingInterval {
  start: string;
  end: string;
}

/** A holiday or an extra working day (调休); `workingIntervals` makes it a half day / sets its hours. */
export interface DatedDay {
  date: string;
  name?: string;
  workingIntervals?: WorkingInterval[];
}

export interface CalendarDefinition {
  name: string;
  timeZone: string;
  kind: 'business' | '24x7';
  /** 7 entries, Sunday first. */
  weeklyHours: WorkingInterval[][];
  holidays: DatedDay[];
  extraWorkingDays: DatedDay[];
}

export interface BusinessCalendar {
  id: number;
  name: string;
  builtin: 'china_mainland' | '24x7' | null;
  definition: CalendarDefinition;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/calendars/:id?year=: the calendar with the holidays and make-up days in force that year (official ones included). */
export interface CalendarWithYear extends BusinessCalendar {
  year?: number;
  effective?: { holidays: DatedDay[]; extraWorkingDays: DatedDay[] };
}

export const TARGET_UNITS = ['minutes', 'hours', 'working_days'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const STAGE_KINDS = ['handover', 'first_contact', 'resolution', 'callback', 'other'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];
/** Timeline events a clock can start or stop on. */
export const CLOCK_EVENTS = ['registered', 'picked_up', 'taken', 'handed_over', 'assigned', 'accepted', 'contact_logged', 'replied', 'escalated', 'instructed', 'resolved', 'called_back', 'customer_confirmed', 'closed', 'reopened'] as const;
export const CUSTOMER_KINDS = ['person', 'organisation', 'internal'] as const;

export type Responsible = { kind: 'department'; departmentId: number; departmentName?: string | null } | { kind: 'owner' } | { kind: 'handler' };

export interface AppliesTo {
  categoryIds?: number[];
  priorities?: string[];
  channels?: string[];
  customerKinds?: string[];
  /** Customer segments (e.g. key_account); a customer without a segment matches none. */
  customerSegments?: string[];
}

/** What a commitment promises: one version. */
export interface CommitmentFields {
  name: string;
  level: number;
  appliesTo: AppliesTo;
  startEvent: string;
  stopEvent: string;
  pauseOnWait: boolean;
  targetValue: number;
  targetUnit: TargetUnit;
  calendarId: number;
  warnShare: number;
  responsible: Responsible;
  stageKind: StageKind;
  escalateAfterMinutes: number[];
}

export interface Commitment extends CommitmentFields {
  id: number;
  parentId: number | null;
  position: number;
  active: boolean;
  currentVersion: number;
  targetMinutes: number;
  calendarName?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface CommitmentVersion extends CommitmentFields {
  version: number;
  targetMinutes: number;
  createdAt: string;
  createdBy?: number | null;
  createdByName?: string | null;
}

export interface CommitmentDetail extends Commitment {
  versions: CommitmentVersion[];
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface ClockAttribution {
  kind: 'stage_overrun' | 'parent_slack';
  stageClockId: number | null;
  stageCommitmentId: number | null;
  stageName?: string | null;
  budgetMinutes: number | null;
  usedMinutes: number | null;
  overrunMinutes: number | null;
  departmentId: number | null;
  departmentName?: string | null;
  staffId: number | null;
  staffName?: string | null;
}

export interface Clock {
  id: number;
  commitmentId: number;
  commitmentName: string;
  level: number;
  version: number;
  state: ClockState;
  warned: boolean;
  startedAt: string;
  warnAt: string | null;
  dueAt: string | null;
  breachedAt?: string | null;
  stoppedAt: string | null;
  pausedAt?: string | null;
  /** Business minutes used; for a running clock, as of the answer. */
  elapsedMinutes: number | null;
  targetMinutes: number;
  lateMinutes: number | null;
  responsibleDepartmentName: string | null;
  responsibleStaffName: string | null;
  parentClockId: number | null;
  attributions?: ClockAttribution[];
}

export interface ComplianceFigures {
  count: number;
  met: number;
  breaches: number;
  metPercent: number | null;
  medianElapsedMinutes: number | null;
  p90ElapsedMinutes: number | null;
  medianShareOfTarget: number | null;
  p90ShareOfTarget: number | null;
  lateMinutesTotal: number;
}

export const REPORT_GROUP_BYS = ['commitment', 'department', 'person'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BYS)[number];

export interface ReportRow extends ComplianceFigures {
  key: number | null;
  name: string | null;
  level?: number;
  targetMinutes?: number;
  /** With a period: the week (`2026-W10`) or month (`2026-03`). */
  period?: string;
}

export interface ReportAttribution {
  clockId: number;
  ticketId: number;
  ticketNumber: string;
  commitmentId: number;
  /** The version the clock ran on; the names are that version's. */
  commitmentVersion: number;
  commitmentName: string;
  kind: 'stage_overrun' | 'parent_slack';
  stageCommitmentId: number | null;
  stageVersion: number | null;
  stageName: string | null;
  budgetMinutes: number | null;
  usedMinutes: number | null;
  overrunMinutes: number | null;
  departmentId: number | null;
  departmentName: string | null;
  staffId: number | null;
  staffName: string | null;
  breachedAt: string | null;
}

export interface CommitmentReport {
  from: string;
  to: string;
  timeZone: string;
  groupBy: ReportGroupBy;
  level: number | null;
  period: ReportPeriod | null;
  periodTotals?: (ComplianceFigures & { period: string })[];
  scope: 'all' | 'departments';
  totals: ComplianceFigures;
  rows: ReportRow[];
  attributions: ReportAttribution[];
  attributionsTruncated: boolean;
}

export interface ReportQuery {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  timeZone: string;
  level?: number;
  period?: ReportPeriod;
}

export const REPORT_PERIODS = ['week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

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
