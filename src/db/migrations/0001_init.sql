-- Foundation: organisation (departments, staff), sign-in (sessions, API tokens, throttling),
-- the duty catalog (categories of matters → responsible department) and the append-only audit trail.

create table departments (
  id bigint generated always as identity primary key,
  parent_id bigint references departments (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  head_id bigint,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Names are unique among siblings (case-insensitively); roots are siblings of each other.
create unique index departments_sibling_name_key on departments (coalesce(parent_id, 0), lower(name));
create index departments_parent_idx on departments (parent_id);

create table staff (
  id bigint generated always as identity primary key,
  email text not null check (email ~ '^[^[:space:]@]+@[^[:space:]@]+$'),
  name text not null check (length(btrim(name)) between 1 and 200),
  phone text,
  password_hash text,
  department_id bigint references departments (id),
  staff_class text not null default 'functional' check (staff_class in ('dedicated', 'support', 'functional')),
  roles text[] not null default '{agent}' check (roles <@ array['admin', 'supervisor', 'office', 'agent']::text[]),
  active boolean not null default true,
  password_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index staff_email_key on staff (lower(email));
create index staff_department_idx on staff (department_id);
create index staff_name_idx on staff (name, id);

alter table departments add constraint departments_head_fk foreign key (head_id) references staff (id);

create table sessions (
  -- sha256 of the cookie's token: a leaked table cannot be replayed as cookies.
  id text primary key,
  staff_id bigint not null references staff (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  client_ip text,
  user_agent text
);
create index sessions_staff_idx on sessions (staff_id);
create index sessions_expires_idx on sessions (expires_at);

create table api_tokens (
  id bigint generated always as identity primary key,
  staff_id bigint not null references staff (id),
  name text not null check (length(btrim(name)) between 1 and 100),
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_staff_idx on api_tokens (staff_id);

-- Failed sign-ins per email (and per client address): shared by every instance, so lockout holds
-- behind a load balancer.
create table sign_in_throttle (
  key text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

create table categories (
  id bigint generated always as identity primary key,
  parent_id bigint references categories (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  description text,
  -- null: the responsible department is inherited from the nearest ancestor that has one.
  department_id bigint references departments (id),
  default_handler_id bigint references staff (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index categories_sibling_name_key on categories (coalesce(parent_id, 0), lower(name));
create index categories_parent_idx on categories (parent_id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  actor_kind text not null check (actor_kind in ('staff', 'customer', 'system')),
  actor_id bigint,
  action text not null,
  entity text not null,
  entity_id text,
  -- Only the fields that changed: {"field": value} before and after.
  before jsonb,
  after jsonb,
  request_id text,
  client_ip text
);
create index audit_log_entity_idx on audit_log (entity, entity_id, id);
create index audit_log_actor_idx on audit_log (actor_id, id);
create index audit_log_at_idx on audit_log (at, id);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_delete before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
