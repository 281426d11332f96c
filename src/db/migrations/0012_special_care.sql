-- The special-care register (PRODUCT.md §5, issue #7): customers we visit proactively (elderly,
-- disabled, living alone), their visit plans, and the visits generated ahead as tickets of kind 'visit'.

-- A visit is a ticket like any request (number, owner, timeline, clocks), told apart by its kind.
alter table tickets add column kind text not null default 'request' check (kind in ('request', 'visit'));

create table care_entries (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  reasons text[] not null check (cardinality(reasons) between 1 and 4 and reasons <@ array['elderly', 'disabled', 'living_alone', 'other']),
  note text not null default '',
  since date not null,
  registered_by bigint references staff (id),
  active boolean not null default true,
  closed_reason text,
  closed_at timestamptz,
  closed_by bigint references staff (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (active = (closed_at is null))
);
-- One open entry per customer; closed ones stay as history and a new one may be opened later.
create unique index care_entries_open_customer_key on care_entries (customer_id) where active;
create index care_entries_customer_idx on care_entries (customer_id, id desc);

create table care_visit_plans (
  id bigint generated always as identity primary key,
  entry_id bigint not null references care_entries (id),
  interval_unit text not null check (interval_unit in ('weeks', 'months')),
  interval_count integer not null check (interval_count between 1 and 104),
  starts_on date not null,
  -- Preferences shown to the visitor (ISO weekday 1 = Monday; a local time window; free text).
  preferred_weekday smallint check (preferred_weekday between 1 and 7),
  preferred_from time,
  preferred_until time,
  preferred_note text not null default '',
  -- Who visits: a person, or a department whose head owns the visit ticket and may hand it on.
  visitor_staff_id bigint references staff (id),
  visitor_department_id bigint references departments (id),
  active boolean not null default true,
  created_by bigint references staff (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((visitor_staff_id is null) <> (visitor_department_id is null))
);
create index care_visit_plans_entry_idx on care_visit_plans (entry_id);
create index care_visit_plans_active_idx on care_visit_plans (id) where active;

-- One row per (plan, planned date): the unique key makes generation happen exactly once however many
-- generators run. The row is claimed first and its ticket registered in the same transaction, so
-- ticket_id is set whenever the row is visible to others.
create table care_visits (
  id bigint generated always as identity primary key,
  plan_id bigint not null references care_visit_plans (id),
  entry_id bigint not null references care_entries (id),
  customer_id bigint not null references customers (id),
  planned_for date not null,
  ticket_id bigint unique references tickets (id),
  visitor_staff_id bigint references staff (id),
  visitor_department_id bigint references departments (id),
  created_at timestamptz not null default now(),
  -- The visit record: who went, when, what they found, the customer's confirmation on the spot.
  recorded_at timestamptz,
  recorded_by bigint references staff (id),
  visited_at timestamptz,
  findings text,
  follow_up_ticket_id bigint references tickets (id),
  customer_confirmed boolean,
  customer_comment text,
  unique (plan_id, planned_for),
  check ((recorded_at is null) = (findings is null))
);
create index care_visits_open_idx on care_visits (planned_for, id) where recorded_at is null;
create index care_visits_entry_idx on care_visits (entry_id, planned_for desc);
create index care_visits_visitor_idx on care_visits (visitor_staff_id, planned_for) where recorded_at is null;

-- The duty-catalog category visit tickets are filed under, and a commitment on it so each visit
-- has its own clock. Generated visits are registered about 30 days before their day, so "done
-- within 31 days of registration" on the 24x7 calendar means "by its planned day" in steady state.
with cat as (
  insert into categories (name, description)
  values ('Special-care visit / 关怀探访', 'Proactive visits to customers on the special-care register')
  returning id
), c as (
  insert into commitments (active) values (true) returning id
), v as (
  insert into commitment_versions (commitment_id, version, name, level, applies_to, start_event, stop_event, pause_on_wait,
    target_value, target_unit, target_minutes, calendar_id, warn_share, responsible, stage_kind)
  select c.id, 1, 'Special-care visit done by its planned day / 关怀探访按计划日完成', 1, jsonb_build_object('categoryIds', jsonb_build_array(cat.id)),
    'registered', 'resolved', false, 31, 'working_days', 31 * 1440, (select id from calendars where builtin = '24x7'), 0.9, '{"kind": "owner"}', 'other'
  from c, cat
  returning commitment_id
)
insert into settings (key, value)
select 'care.visit_category_id', cat.id::text from cat
union all select 'care.visit_commitment_id', v.commitment_id::text from v;
