import type { ColumnType, Generated } from 'kysely';

/** A timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface Database {
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
}
