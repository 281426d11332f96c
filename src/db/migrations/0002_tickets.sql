-- First-contact ownership: customers (minimal; the CRM issue deepens them), tickets with the fields of
-- the paper registration form, their append-only timeline, in-app notifications and idempotency keys.

create extension if not exists pg_trgm;

-- May approve an exception to a refusal (PRODUCT.md §1: "a senior manager's approval").
alter table staff add column senior_manager boolean not null default false;

create table customers (
  id bigint generated always as identity primary key,
  kind text not null default 'person' check (kind in ('person', 'organisation', 'internal')),
  name text not null check (length(btrim(name)) between 1 and 200),
  organisation text,
  phones text[] not null default '{}',
  emails text[] not null default '{}',
  -- For internal customers: the department that receives the work.
  department_id bigint references departments (id),
  -- Lower-cased name, organisation, phones and emails: one trigram index serves search-as-you-type.
  search_text text not null default '',
  portal_email text,
  portal_password_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index customers_portal_email_key on customers (lower(portal_email)) where portal_email is not null;
create index customers_search_idx on customers using gin (search_text gin_trgm_ops);
create index customers_name_idx on customers (name, id);

create table tickets (
  id bigint generated always as identity primary key,
  -- Human-readable: the year and a sequence, e.g. 2026-000123.
  number text not null unique,
  status text not null check (status in ('new', 'registered', 'in_progress', 'handed_over', 'escalated', 'waiting', 'resolved', 'called_back', 'closed', 'refused')),
  channel text not null,
  category_id bigint references categories (id),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  subject text not null check (length(btrim(subject)) between 1 and 200),
  description text not null default '',
  customer_id bigint references customers (id),
  -- The paper form's customer fields as told at registration, kept even if the record changes later.
  customer_name text,
  customer_organisation text,
  customer_contact text,
  owner_id bigint references staff (id),
  owner_department_id bigint references departments (id),
  handler_id bigint references staff (id),
  handler_department_id bigint references departments (id),
  escalated_to_id bigint references staff (id),
  status_before_wait text,
  waiting_since timestamptz,
  handed_over_at timestamptz,
  accepted_at timestamptz,
  resolved_at timestamptz,
  result text,
  satisfaction smallint check (satisfaction between 1 and 5),
  customer_confirmed_at timestamptz,
  closed_at timestamptz,
  refusal_reason text,
  exception_approved boolean not null default false,
  reopen_count integer not null default 0,
  version integer not null default 1,
  search_text text not null default '',
  created_by_kind text not null check (created_by_kind in ('staff', 'customer')),
  created_by_id bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create sequence ticket_number_seq;
create index tickets_owner_idx on tickets (owner_id, status, id desc);
create index tickets_handler_idx on tickets (handler_id, status, id desc);
create index tickets_handler_dept_idx on tickets (handler_department_id, status, id desc);
create index tickets_owner_dept_idx on tickets (owner_department_id, status, id desc);
create index tickets_escalated_idx on tickets (escalated_to_id, status, id desc);
create index tickets_customer_idx on tickets (customer_id, id desc);
create index tickets_status_idx on tickets (status, id desc);
create index tickets_created_idx on tickets (created_at, id);
create index tickets_search_idx on tickets using gin (search_text gin_trgm_ops);

create table ticket_events (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id),
  type text not null,
  action text,
  actor_kind text not null check (actor_kind in ('staff', 'customer', 'system')),
  actor_id bigint,
  at timestamptz not null,
  payload jsonb not null default '{}',
  visible_to_customer boolean not null default false
);
create index ticket_events_ticket_idx on ticket_events (ticket_id, id);

-- The timeline is history: nothing on it is edited or removed (PRODUCT.md §1).
create trigger ticket_events_no_update_delete before update or delete on ticket_events
  for each row execute function audit_log_refuse_change();

create table notifications (
  id bigint generated always as identity primary key,
  recipient_id bigint not null references staff (id),
  kind text not null,
  ticket_id bigint references tickets (id),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_recipient_idx on notifications (recipient_id, id desc);
create index notifications_unread_idx on notifications (recipient_id) where read_at is null;

-- A retried POST with the same Idempotency-Key returns the first answer instead of acting twice.
create table idempotency_keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  status_code integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
