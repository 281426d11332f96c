import { useQuery, type QueryClient } from '@tanstack/react-query';
import { getPeriodKey, type PeriodKind } from '../../../src/domain/accountability/parse-period.ts';
import { api } from './client.ts';
import type { Page } from './types.ts';

/** Complaints, the deduction ledger, flags, ratings, notices and spot checks as the web app sees them (see /api/docs). */

export const COMPLAINT_KINDS = ['cold_treatment', 'not_informed', 'passing_the_buck', 'handover_late', 'handler_no_contact', 'handler_late', 'other'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_STATUSES = ['received', 'investigating', 'verified', 'rejected', 'appealed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const STAFF_SOURCES = ['phone', 'letter', 'visit', 'email', 'colleague'] as const;
export type ComplaintSource = (typeof STAFF_SOURCES)[number] | 'portal';
export const EVIDENCE_KINDS = ['ticket', 'statement', 'document', 'link'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const COMPLAINT_ACTIONS = ['assign', 'update', 'add_evidence', 'respond', 'decide', 'appeal', 'decide_appeal'] as const;
export type ComplaintActionType = (typeof COMPLAINT_ACTIONS)[number];
export const COMPLAINT_VIEWS = ['all', 'about_me', 'filed_by_me', 'assigned_to_me'] as const;
export type ComplaintListView = (typeof COMPLAINT_VIEWS)[number];
export type Severity = 'minor' | 'serious';
export const RATING_LEVELS = ['outstanding', 'excellent', 'good', 'basic', 'failed'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const FLAG_DECISIONS = ['removal_from_post', 'three_months_off_post', 'other_measure', 'no_action'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];
export const DEDUCTION_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;
export type DeductionStatus = (typeof DEDUCTION_STATUSES)[number];
export const CHECKS = ['ownershipKept', 'resultTold', 'callbackMade', 'mannerOk'] as const;
export type Check = (typeof CHECKS)[number];

export interface ComplaintEvent {
  id: number;
  type: string;
  at: string;
  actorKind: string;
  actorName: string | null;
  payload: Record<string, unknown>;
}

export interface ComplaintEvidence {
  id: number;
  kind: EvidenceKind;
  description: string;
  ticketId: number | null;
  ticketNumber: string | null;
  url: string | null;
  addedByName: string | null;
  addedAt: string;
}

export interface Complaint {
  id: number;
  access: 'full' | 'complainant';
  source: ComplaintSource;
  status: ComplaintStatus;
  kind: ComplaintKind;
  summary: string;
  description: string;
  receivedAt: string;
  customerId: number | null;
  customerName: string | null;
  complainantStaffId: number | null;
  complainantStaffName: string | null;
  complainantName: string | null;
  complainantContact: string | null;
  subjectStaffId: number | null;
  subjectName: string | null;
  subjectDepartmentId: number | null;
  subjectDepartmentName: string | null;
  subjectDescription: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  registeredByName: string | null;
  investigatorId: number | null;
  investigatorName: string | null;
  findings: string | null;
  response: string | null;
  respondedAt: string | null;
  severity: Severity | null;
  decisionReason: string | null;
  customerMessage: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  verifiedAt: string | null;
  appealReason: string | null;
  appealedAt: string | null;
  appealedByKind: 'customer' | 'staff' | null;
  appealDecisionReason: string | null;
  appealDecidedAt: string | null;
  version: number;
  actions: ComplaintActionType[];
  events: ComplaintEvent[];
  evidence: ComplaintEvidence[];
}

export interface ComplaintListItem {
  id: number;
  source: ComplaintSource;
  status: ComplaintStatus;
  kind: ComplaintKind;
  summary: string;
  complainant: string | null;
  subjectStaffId: number | null;
  subjectName: string | null;
  subjectDepartmentName: string | null;
  ticketNumber: string | null;
  investigatorName: string | null;
  receivedAt: string;
}

export interface Deduction {
  id: number;
  key: string;
  personId: number;
  personName: string;
  departmentId: number | null;
  departmentName: string | null;
  ruleId: string;
  kind: string;
  severity: Severity;
  points: number;
  notice: boolean;
  ticketId: number | null;
  ticketNumber: string | null;
  clockId: number | null;
  complaintId: number | null;
  eventIds: number[];
  occurredAt: string;
  status: DeductionStatus;
  proposedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  noticeId: number | null;
  version: number;
}

export interface DeductionRule {
  id: string;
  kind: string;
  severity: Severity;
  points: number;
  notice: boolean;
  passingTheBuckThreshold: number | null;
  enabled: boolean;
  updatedAt: string;
}

export interface ComplaintFlag {
  id: number;
  personId: number;
  personName: string;
  departmentId: number | null;
  departmentName: string | null;
  role: 'middle_manager' | 'staff';
  recommendedAction: 'removal_from_post' | 'three_months_off_post';
  complaints: { id: number; summary: string; receivedAt: string; verifiedAt: string | null; status: string }[];
  raisedAt: string;
  status: 'open' | 'decided' | 'withdrawn';
  countNow: number;
  flaggedUntil: string | null;
  decision: FlagDecision | null;
  decisionNote: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  withdrawnReason: string | null;
  canDecide: boolean;
  version: number;
}

export interface Evidence {
  commitments: { met: number; breached: number; share: number | null };
  satisfaction: { count: number; mean: number | null };
  verifiedComplaints: number;
  deductions: { confirmedPoints: number; confirmedCount: number; proposedCount: number };
  spotChecks: { audited: number; passed: number; share: number | null };
  score: number;
}

export interface Suggestion {
  score: number | null;
  level: RatingLevel | null;
  base: number | null;
  signalsUsed: string[];
  complaintPenalty: number;
  deductionPenalty: number;
}

export interface Rating {
  id: number;
  personId: number;
  personName: string;
  period: string;
  score: number;
  level: RatingLevel;
  comment: string;
  suggestedScore: number | null;
  ratedByName: string | null;
  ratedAt: string;
  version: number;
}

export interface PersonRef {
  id: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
}

export interface Assessment {
  person: PersonRef;
  period: string;
  evidence: Evidence;
  suggestion: Suggestion;
  rating: Rating | null;
  canRate: boolean;
  ledger: Deduction[];
  complaints: { id: number; summary: string; status: string; receivedAt: string }[];
}

export interface SheetRow {
  person: PersonRef;
  evidence: Evidence;
  suggestion: Suggestion;
  rating: Rating | null;
}

export interface PersonReportRow {
  personId: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  commitmentsMet: number;
  commitmentsBreached: number;
  satisfactionMean: number | null;
  satisfactionCount: number;
  verifiedComplaints: number;
  confirmedPoints: number;
  confirmedDeductions: number;
  score: number;
  spotChecksAudited: number;
  spotChecksPassed: number;
  suggestedScore: number | null;
  ratingScore: number | null;
  ratingLevel: RatingLevel | null;
}

export interface DepartmentReportRow {
  departmentId: number | null;
  departmentName: string | null;
  people: number;
  commitmentsMet: number;
  commitmentsBreached: number;
  verifiedComplaints: number;
  confirmedPoints: number;
  confirmedDeductions: number;
  averageScore: number;
  rated: number;
  averageRating: number | null;
}

export interface Notice {
  id: number;
  kind: 'criticism' | 'commendation';
  title: string;
  body: string;
  personId: number | null;
  personName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  deductionId: number | null;
  publishedAt: string;
  publishedByName: string | null;
  readAt: string | null;
  readCount: number;
  /** Withdrawn notices are off the board; only the office's history shows them. */
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
}

export interface NoticeReceipts {
  noticeId: number;
  readCount: number;
  staffCount: number;
  items: { staffId: number; name: string; departmentName: string | null; readAt: string | null }[];
}

export interface SpotCheckItem {
  ticketId: number;
  ticketNumber: string;
  subject: string;
  closedAt: string | null;
  departmentId: number | null;
  departmentName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  handlerName: string | null;
  ownershipKept: boolean | null;
  resultTold: boolean | null;
  callbackMade: boolean | null;
  mannerOk: boolean | null;
  passed: boolean | null;
  note: string | null;
  auditedAt: string | null;
  auditedByName: string | null;
}

export interface SpotCheck {
  id: number;
  period: string;
  seed: string;
  share: number | null;
  count: number | null;
  stratify: boolean;
  population: number;
  strata: { departmentId: number | null; departmentName: string | null; population: number; sampled: number }[];
  drawnAt: string;
  drawnByName: string | null;
  audited: number;
  passed: number;
  items: SpotCheckItem[];
}

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
  return useQuery({ queryKey: complaintKey(id), queryFn: () => api.get<Complaint>(`/api/complaints/${id}`), enabled: Number.isInteger(id) && id > 0 });
}

export function useAssessment(personId: number | null, period: string) {
  return useQuery({
    queryKey: ['accountability', 'assessment', personId, period],
    queryFn: () => api.get<Assessment>(`/api/ratings/people/${personId}`, { period }),
    enabled: personId !== null,
  });
}

export function useDeductionRules() {
  return useQuery({ queryKey: ['accountability', 'rules'], queryFn: () => api.get<{ items: DeductionRule[] }>('/api/deduction-rules').then((r) => r.items), staleTime: 60_000 });
}

export function useUnreadNotices() {
  return useQuery({
    queryKey: ['accountability', 'notices', 'unread'],
    queryFn: () => api.get<Page<Notice> & { unread: number }>('/api/notices', { unread: true, limit: 1 }).then((r) => r.unread),
    refetchInterval: 60_000,
  });
}

/** Whether I do the office's work and whether I oversee people (a department head or a supervisor): what the navigation offers. */
export interface AccountabilityReach {
  office: boolean;
  overseesPeople: boolean;
}

export function useAccountabilityReach() {
  return useQuery({ queryKey: ['accountability', 'reach'], queryFn: () => api.get<AccountabilityReach>('/api/ratings/reach'), staleTime: 5 * 60_000 });
}

/** Everything accountability-related is read again after a change. */
export function refreshAccountability(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['accountability'] });
}
