import { useQuery, type QueryClient } from '@tanstack/react-query';
import { getPeriodKey, type PeriodKind } from '../../../src/domain/accountability/parse-period.ts';
import { api } from './client.ts';
import type { ComplaintView } from '../../../src/contracts/complaints.ts';
import type { DeductionRuleView } from '../../../src/contracts/deductions.ts';
import type { NoticeList } from '../../../src/contracts/notices.ts';
import type { AccountabilityReach, PersonAssessment } from '../../../src/contracts/ratings.ts';

/** Complaints, the deduction ledger, flags, ratings, notices and spot checks as the web app sees them (see /api/docs). */

// Value lists come from the domain (values the pages iterate); the views are the server's contract types.
export {
  COMPLAINT_ACTION_TYPES as COMPLAINT_ACTIONS,
  COMPLAINT_KINDS,
  COMPLAINT_LIST_VIEWS as COMPLAINT_VIEWS,
  COMPLAINT_STATUSES,
  DEDUCTION_STATUSES,
  EVIDENCE_KINDS,
  FLAG_DECISIONS,
  FLAG_STATUSES,
  NOTICE_KINDS,
  RATING_LEVELS,
  SPOT_CHECK_CHECKS as CHECKS,
  STAFF_COMPLAINT_SOURCES as STAFF_SOURCES,
} from '../../../src/domain/accountability/value-lists.ts';
export type {
  ComplaintActionType,
  ComplaintKind,
  ComplaintListView,
  ComplaintSource,
  ComplaintStatus,
  DeductionSeverity as Severity,
  DeductionStatus,
  EvidenceKind,
  FlagDecision,
  FlagStatus,
  NoticeKind,
  RatingLevel,
  SpotCheckCheck as Check,
} from '../../../src/domain/accountability/value-lists.ts';
export type {
  ComplaintEventView as ComplaintEvent,
  ComplaintEvidenceView as ComplaintEvidence,
  ComplaintFlagView as ComplaintFlag,
  ComplaintListItem,
  ComplaintView as Complaint,
} from '../../../src/contracts/complaints.ts';
export type { DeductionRuleView as DeductionRule, DeductionView as Deduction } from '../../../src/contracts/deductions.ts';
export type { NoticeList, NoticeReceipts, NoticeView as Notice } from '../../../src/contracts/notices.ts';
export type {
  AccountabilityReach,
  DepartmentReportRow,
  PersonAssessment as Assessment,
  PersonReportRow,
  RatedPerson as PersonRef,
  RatingEvidenceView as Evidence,
  RatingSheetRow as SheetRow,
  RatingSuggestionView as Suggestion,
  RatingView as Rating,
} from '../../../src/contracts/ratings.ts';
export type { SpotCheckItemView as SpotCheckItem, SpotCheckView as SpotCheck } from '../../../src/contracts/spot-checks.ts';

/** Periods follow the company's calendar (the built-in China mainland calendar's zone), as the server does. */
export const COMPANY_TIME_ZONE = 'Asia/Shanghai';

export function currentPeriod(kind: PeriodKind = 'month', nowMs = Date.now()): string {
  return getPeriodKey(nowMs, kind, COMPANY_TIME_ZONE);
}

/** The last 12 months and the last 4 quarters, newest first, for period pickers. */
export function recentPeriods(nowMs = Date.now()): { months: string[]; quarters: string[] } {
  const months: string[] = [];
  const quarters: string[] = [];
  const now = new Date(nowMs);
  for (let i = 0; i < 12; i++) {
    const key = currentPeriod('month', Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 15));
    if (!months.includes(key)) months.push(key);
  }
  for (let i = 0; i < 4; i++) {
    const key = currentPeriod('quarter', Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3 * i, 15));
    if (!quarters.includes(key)) quarters.push(key);
  }
  return { months, quarters };
}

export const complaintKey = (id: number) => ['accountability', 'complaint', id] as const;

export function useComplaint(id: number) {
  return useQuery({ queryKey: complaintKey(id), queryFn: () => api.get<ComplaintView>(`/api/complaints/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useAssessment(personId: number | null, period: string) {
  return useQuery({
    queryKey: ['accountability', 'assessment', personId, period],
    queryFn: () => api.get<PersonAssessment>(`/api/ratings/people/${personId}`, { period }),
    enabled: personId !== null,
  });
}

export function useDeductionRules() {
  return useQuery({ queryKey: ['accountability', 'rules'], queryFn: () => api.get<{ items: DeductionRuleView[] }>('/api/deduction-rules').then((r) => r.items), staleTime: 60_000 });
}

export function useUnreadNotices() {
  return useQuery({
    queryKey: ['accountability', 'notices', 'unread'],
    queryFn: () => api.get<NoticeList>('/api/notices', { unread: true, limit: 1 }).then((r) => r.unread),
    refetchInterval: 60_000,
  });
}

export function useAccountabilityReach() {
  return useQuery({ queryKey: ['accountability', 'reach'], queryFn: () => api.get<AccountabilityReach>('/api/ratings/reach'), staleTime: 5 * 60_000 });
}

/** Everything accountability-related is read again after a change. */
export function refreshAccountability(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['accountability'] });
}
