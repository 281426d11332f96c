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

export interface Database {
  departments: DepartmentsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  categories: CategoriesTable;
  audit_log: AuditLogTable;
}
