import type { CalendarDefinition } from '../domain/calendar/index.ts';
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz with a default: Generated<Timestamp> would nest ColumnTypes and read back as one instead of a Date. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type StaffClass = 'dedicated' | 'support' | 'functional';
export type Role = 'admin' | 'supervisor' | 'office' | 'agent';

export interface DepartmentsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  head_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface StaffTable {
  id: Generated<number>;
  email: string;
  name: string;
  phone: string | null;
  password_hash: string | null;
  department_id: number | null;
  staff_class: Generated<StaffClass>;
  roles: Generated<Role[]>;
  active: Generated<boolean>;
  senior_manager: Generated<boolean>;
  password_changed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  id: string;
  staff_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  staff_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  description: string | null;
  department_id: number | null;
  default_handler_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor_kind: 'staff' | 'customer' | 'system';
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
  request_id: string | null;
  client_ip: string | null;
}

export type CustomerKind = 'person' | 'organisation' | 'internal';

export interface CustomersTable {
  id: Generated<number>;
  kind: Generated<CustomerKind>;
  name: string;
  organisation: string | null;
  phones: Generated<string[]>;
  emails: Generated<string[]>;
  department_id: number | null;
  search_text: Generated<string>;
  portal_email: string | null;
  portal_password_hash: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TicketsTable {
  id: Generated<number>;
  number: string;
  status: string;
  channel: string;
  category_id: number | null;
  priority: Generated<'low' | 'normal' | 'high' | 'urgent'>;
  subject: string;
  description: Generated<string>;
  customer_id: number | null;
  customer_name: string | null;
  customer_organisation: string | null;
  customer_contact: string | null;
  owner_id: number | null;
  owner_department_id: number | null;
  handler_id: number | null;
  handler_department_id: number | null;
  escalated_to_id: number | null;
  status_before_wait: string | null;
  waiting_since: Timestamp | null;
  handed_over_at: Timestamp | null;
  accepted_at: Timestamp | null;
  resolved_at: Timestamp | null;
  result: string | null;
  satisfaction: number | null;
  customer_confirmed_at: Timestamp | null;
  closed_at: Timestamp | null;
  refusal_reason: string | null;
  exception_approved: Generated<boolean>;
  reopen_count: Generated<number>;
  version: Generated<number>;
  search_text: Generated<string>;
  created_by_kind: 'staff' | 'customer';
  created_by_id: number;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TicketEventsTable {
  id: Generated<number>;
  ticket_id: number;
  type: string;
  action: string | null;
  actor_kind: 'staff' | 'customer' | 'system';
  actor_id: number | null;
  at: Timestamp;
  payload: ColumnType<Record<string, unknown>, string, never>;
  visible_to_customer: boolean;
  /** The inserting transaction (xid8, as text): the clock engine finds new events by it. */
  tx: Generated<string>;
}

export interface NotificationsTable {
  id: Generated<number>;
  recipient_id: number;
  kind: string;
  ticket_id: number | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export interface PortalSessionsTable {
  id: string;
  customer_id: number;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  created_at: CreatedAt;
}

export interface RatingLinkUsesTable {
  nonce: string;
  ticket_id: number;
  used_at: Timestamp;
}

export interface CalendarsTable {
  id: Generated<number>;
  name: string;
  builtin: 'china_mainland' | '24x7' | null;
  /** A CalendarDefinition (src/domain/calendar); for builtin 'china_mainland' only hours and local additions. */
  definition: ColumnType<CalendarDefinition, string, string>;
  version: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CommitmentsTable {
  id: Generated<number>;
  parent_id: number | null;
  position: Generated<number>;
  current_version: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type CommitmentTargetUnit = 'minutes' | 'hours' | 'working_days';
export type CommitmentStageKind = 'handover' | 'first_contact' | 'resolution' | 'callback' | 'other';
export type CommitmentResponsible = { kind: 'department'; departmentId: number } | { kind: 'owner' } | { kind: 'handler' };
export interface CommitmentAppliesTo {
  categoryIds?: number[];
  priorities?: string[];
  channels?: string[];
  customerKinds?: string[];
}

export interface CommitmentVersionsTable {
  commitment_id: number;
  version: number;
  name: string;
  level: number;
  applies_to: ColumnType<CommitmentAppliesTo, string, string>;
  start_event: string;
  stop_event: string;
  pause_on_wait: boolean;
  target_value: number;
  target_unit: CommitmentTargetUnit;
  target_minutes: number;
  calendar_id: number;
  warn_share: ColumnType<number, number | undefined, number>;
  responsible: ColumnType<CommitmentResponsible, string, string>;
  stage_kind: Generated<CommitmentStageKind>;
  escalate_after_minutes: Generated<number[]>;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export interface ClocksTable {
  id: Generated<number>;
  ticket_id: number;
  commitment_id: number;
  commitment_version: number;
  parent_clock_id: number | null;
  state: ClockState;
  warned: Generated<boolean>;
  started_at: Timestamp;
  elapsed_ms_before: Generated<number>;
  running_since: Timestamp | null;
  paused_at: Timestamp | null;
  warn_at: Timestamp | null;
  due_at: Timestamp | null;
  breached_at: Timestamp | null;
  stopped_at: Timestamp | null;
  elapsed_minutes: number | null;
  late_minutes: number | null;
  calendar_id: number;
  calendar_version: number;
  responsible_department_id: number | null;
  responsible_staff_id: number | null;
  escalation_step: Generated<number>;
  next_fire_at: Timestamp | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ClockFiringsTable {
  clock_id: number;
  kind: 'warning' | 'breach' | 'escalation';
  step: Generated<number>;
  due_at: Timestamp;
  fired_at: Timestamp;
  delay_ms: number;
  notified_staff_id: number | null;
}

export interface ClockAttributionsTable {
  id: Generated<number>;
  clock_id: number;
  kind: 'stage_overrun' | 'parent_slack';
  stage_clock_id: number | null;
  stage_commitment_id: number | null;
  budget_minutes: number | null;
  used_minutes: number | null;
  overrun_minutes: number | null;
  department_id: number | null;
  staff_id: number | null;
  created_at: GeneratedTimestamp;
}

export interface ClockEngineCursorTable {
  id: Generated<boolean>;
  /** xid8 as text. */
  watermark: string;
  updated_at: GeneratedTimestamp;
}

// ---- Accountability (0010_accountability.sql) ----

export type ComplaintSource = 'portal' | 'phone' | 'letter' | 'visit' | 'email' | 'colleague';
export type ComplaintStatus = 'received' | 'investigating' | 'verified' | 'rejected' | 'appealed';
export type ComplaintKind = 'cold_treatment' | 'not_informed' | 'passing_the_buck' | 'handover_late' | 'handler_no_contact' | 'handler_late' | 'other';
export type Severity = 'minor' | 'serious';

export interface ComplaintsTable {
  id: Generated<number>;
  source: ComplaintSource;
  customer_id: number | null;
  complainant_staff_id: number | null;
  complainant_name: string | null;
  complainant_contact: string | null;
  subject_staff_id: number | null;
  subject_department_id: number | null;
  subject_description: string | null;
  ticket_id: number | null;
  kind: Generated<ComplaintKind>;
  summary: string;
  description: Generated<string>;
  status: ComplaintStatus;
  received_at: Timestamp;
  registered_by: number | null;
  investigator_id: number | null;
  findings: string | null;
  response: string | null;
  responded_at: Timestamp | null;
  severity: Severity | null;
  decision_reason: string | null;
  customer_message: string | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  appeal_reason: string | null;
  appealed_at: Timestamp | null;
  appealed_by_kind: 'customer' | 'staff' | null;
  appealed_by_id: number | null;
  appeal_decided_at: Timestamp | null;
  appeal_decided_by: number | null;
  appeal_decision_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ComplaintEventsTable {
  id: Generated<number>;
  complaint_id: number;
  type: string;
  actor_kind: 'staff' | 'customer' | 'system';
  actor_id: number | null;
  at: Timestamp;
  payload: ColumnType<Record<string, unknown>, string, never>;
  visible_to_complainant: boolean;
}

export interface ComplaintEvidenceTable {
  id: Generated<number>;
  complaint_id: number;
  kind: 'ticket' | 'statement' | 'document' | 'link';
  description: string;
  ticket_id: number | null;
  url: string | null;
  added_by: number;
  added_at: Timestamp;
}

export interface DeductionRulesTable {
  id: string;
  kind: Exclude<ComplaintKind, 'other'>;
  severity: Severity;
  points: number;
  notice: boolean;
  passing_the_buck_threshold: number | null;
  enabled: Generated<boolean>;
  updated_at: UpdatedAt;
  updated_by: number | null;
}

export interface DeductionsTable {
  id: Generated<number>;
  key: string;
  person_id: number;
  department_id: number | null;
  rule_id: string;
  kind: string;
  severity: Severity;
  points: number;
  notice: boolean;
  ticket_id: number | null;
  clock_id: number | null;
  complaint_id: number | null;
  event_ids: Generated<number[]>;
  occurred_at: Timestamp;
  status: Generated<'proposed' | 'confirmed' | 'dismissed'>;
  proposed_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  notice_id: number | null;
  version: Generated<number>;
}

export interface NoticesTable {
  id: Generated<number>;
  kind: 'criticism' | 'commendation';
  title: string;
  body: string;
  person_id: number | null;
  department_id: number | null;
  deduction_id: number | null;
  published_at: Timestamp;
  published_by: number;
}

export interface NoticeReadsTable {
  notice_id: number;
  staff_id: number;
  read_at: Timestamp;
}

export interface ComplaintFlagsTable {
  id: Generated<number>;
  person_id: number;
  department_id: number | null;
  role: 'middle_manager' | 'staff';
  recommended_action: 'removal_from_post' | 'three_months_off_post';
  complaint_ids: number[];
  raised_at: Timestamp;
  status: Generated<'open' | 'decided' | 'withdrawn'>;
  decision: 'removal_from_post' | 'three_months_off_post' | 'other_measure' | 'no_action' | null;
  decision_note: string | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  withdrawn_reason: string | null;
  version: Generated<number>;
}

export interface RatingsTable {
  id: Generated<number>;
  person_id: number;
  department_id: number | null;
  period: string;
  score: number;
  level: 'outstanding' | 'excellent' | 'good' | 'basic' | 'failed';
  comment: string;
  suggested_score: number | null;
  evidence: ColumnType<Record<string, unknown>, string, string>;
  rated_by: number;
  rated_at: Timestamp;
  version: Generated<number>;
}

export interface SpotChecksTable {
  id: Generated<number>;
  period: string;
  seed: string;
  share: number | null;
  count: number | null;
  stratify: boolean;
  population: number;
  strata: ColumnType<{ departmentId: string | null; population: number; sampled: number }[], string, string>;
  drawn_at: Timestamp;
  drawn_by: number;
}

export interface SpotCheckItemsTable {
  spot_check_id: number;
  ticket_id: number;
  department_id: number | null;
  owner_id: number | null;
  handler_id: number | null;
  ownership_kept: boolean | null;
  result_told: boolean | null;
  callback_made: boolean | null;
  manner_ok: boolean | null;
  passed: boolean | null;
  note: string | null;
  audited_at: Timestamp | null;
  audited_by: number | null;
}

// ---- Surveys (0008_surveys.sql) ----

export type SurveyAnswerKindColumn = 'scale' | 'grade' | 'yes_no' | 'text';

export interface SurveyDimensionsTable {
  key: string;
  name_zh: string;
  name_en: string;
  description: Generated<string>;
  position: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SurveyTemplatesTable {
  id: Generated<number>;
  name: string;
  current_version: Generated<number>;
  active: Generated<boolean>;
  for_callback: Generated<boolean>;
  revision: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One question of a template version, as stored in `survey_template_versions.questions`. */
export interface SurveyQuestionRow {
  key: string;
  text: { zh: string; en: string };
  dimension: string | null;
  kind: SurveyAnswerKindColumn;
}

export interface SurveyTemplateVersionsTable {
  template_id: number;
  version: number;
  questions: ColumnType<SurveyQuestionRow[], string, never>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface SurveysTable {
  id: Generated<number>;
  kind: Generated<'callback'>;
  ticket_id: number | null;
  customer_id: number | null;
  template_id: number | null;
  template_version: number | null;
  resolved_at: Timestamp | null;
  due_at: Timestamp;
  status: Generated<'due' | 'answered' | 'expired'>;
  answered_at: Timestamp | null;
  satisfaction: number | null;
  comment: string | null;
  channel: string | null;
  collected_by: number | null;
  created_at: CreatedAt;
}

export interface SurveyAnswersTable {
  survey_id: number;
  question_key: string;
  kind: SurveyAnswerKindColumn;
  dimension: string | null;
  value: ColumnType<unknown, string, never>;
  score: ColumnType<number | null, number | null, never>;
}

export interface SurveyCreditsTable {
  survey_id: number;
  role: 'owner' | 'handler' | 'department';
  staff_id: number | null;
  department_id: number | null;
  satisfaction: number;
  credited_at: Timestamp;
}

export interface Database {
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_evidence: ComplaintEvidenceTable;
  deduction_rules: DeductionRulesTable;
  deductions: DeductionsTable;
  notices: NoticesTable;
  notice_reads: NoticeReadsTable;
  complaint_flags: ComplaintFlagsTable;
  ratings: RatingsTable;
  spot_checks: SpotChecksTable;
  spot_check_items: SpotCheckItemsTable;
  calendars: CalendarsTable;
  commitments: CommitmentsTable;
  commitment_versions: CommitmentVersionsTable;
  clocks: ClocksTable;
  clock_firings: ClockFiringsTable;
  clock_attributions: ClockAttributionsTable;
  clock_engine_cursor: ClockEngineCursorTable;
  customers: CustomersTable;
  portal_sessions: PortalSessionsTable;
  settings: SettingsTable;
  rating_link_uses: RatingLinkUsesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  departments: DepartmentsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  categories: CategoriesTable;
  audit_log: AuditLogTable;
  survey_dimensions: SurveyDimensionsTable;
  survey_templates: SurveyTemplatesTable;
  survey_template_versions: SurveyTemplateVersionsTable;
  surveys: SurveysTable;
  survey_answers: SurveyAnswersTable;
  survey_credits: SurveyCreditsTable;
}
