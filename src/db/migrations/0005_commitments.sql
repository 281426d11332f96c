-- Service commitments (PRODUCT.md §2): business calendars, commitment trees with versions, one clock
-- per commitment per ticket, the scheduler's firing record and breach attribution.

-- A business calendar. `definition` is a CalendarDefinition (src/domain/calendar) as JSON; for the
-- built-in China mainland calendar (`builtin = 'china_mainland'`) it holds only the working hours
-- and the local additions, and the official holidays and make-up days come from `chinese-days`.
create table calendars (
  id bigint generated always as identity primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  builtin text check (builtin in ('china_mainland', '24x7')),
  definition jsonb not null,
  -- Bumped on every change; clocks remember the version their due times were computed on.
  version integer not null default 1,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index calendars_name_key on calendars (lower(name));

-- A commitment's identity and place in the tree; what it promises lives in its versions.
create table commitments (
  id bigint generated always as identity primary key,
  parent_id bigint references commitments (id),
  -- Order among siblings: stages of a parent run in this order (sequential stages).
  position integer not null default 0,
  current_version integer not null default 1,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index commitments_parent_idx on commitments (parent_id, position);

-- Editing a commitment adds a version; running clocks stay on the version they started with.
create table commitment_versions (
  commitment_id bigint not null references commitments (id),
  version integer not null,
  name text not null check (length(btrim(name)) between 1 and 200),
  -- 1 customer-facing; 2 and 3 internal stages.
  level smallint not null check (level between 1 and 3),
  -- Which tickets: {"categoryIds": [..subtree roots..], "priorities": [..], "channels": [..], "customerKinds": [..]}; an absent or empty list matches all.
  applies_to jsonb not null default '{}',
  -- Ticket timeline event types (TICKET_EVENT_TYPES) that start and stop the clock.
  start_event text not null,
  stop_event text not null,
  pause_on_wait boolean not null default true,
  target_value integer not null check (target_value > 0),
  target_unit text not null check (target_unit in ('minutes', 'hours', 'working_days')),
  -- The target in business minutes on the calendar (working days are converted with the calendar's Monday hours).
  target_minutes integer not null check (target_minutes > 0),
  calendar_id bigint not null references calendars (id),
  -- Warn when this share of the target has elapsed (0 < share < 1).
  warn_share numeric(4, 3) not null default 0.8 check (warn_share > 0 and warn_share < 1),
  -- {"kind": "department", "departmentId": n} | {"kind": "owner"} | {"kind": "handler"}.
  responsible jsonb not null,
  -- What the stage measures, for the accountability ledger: handover, first_contact, resolution, callback, other.
  stage_kind text not null default 'other' check (stage_kind in ('handover', 'first_contact', 'resolution', 'callback', 'other')),
  -- Escalation beyond the breach: minutes after the breach at which the next superior up is told, e.g. [60, 240].
  escalate_after_minutes integer[] not null default '{}',
  created_by bigint references staff (id),
  created_at timestamptz not null default now(),
  primary key (commitment_id, version)
);

-- One clock per applicable commitment per ticket.
create table clocks (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references tickets (id),
  commitment_id bigint not null references commitments (id),
  commitment_version integer not null,
  -- The level-1 clock this stage clock belongs under (null for level 1).
  parent_clock_id bigint references clocks (id),
  state text not null check (state in ('running', 'paused', 'met', 'breached')),
  warned boolean not null default false,
  started_at timestamptz not null,
  -- Business milliseconds counted before `running_since` (the clock's pauses are excluded).
  elapsed_ms_before bigint not null default 0,
  -- When the current running stretch began; null while paused or stopped.
  running_since timestamptz,
  paused_at timestamptz,
  warn_at timestamptz,
  due_at timestamptz,
  breached_at timestamptz,
  stopped_at timestamptz,
  -- Business minutes counted when stopped (met or met late); how late a breached clock was met.
  elapsed_minutes integer,
  late_minutes integer,
  calendar_id bigint not null references calendars (id),
  calendar_version integer not null,
  -- Who answers for it, resolved when it started and kept up to date until it stops.
  responsible_department_id bigint references departments (id),
  responsible_staff_id bigint references staff (id),
  -- Escalation steps taken after the breach (0 = none yet).
  escalation_step integer not null default 0,
  -- The next instant the scheduler must act on this clock (warn, breach, next escalation); null when nothing is left to do.
  next_fire_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (ticket_id, commitment_id)
);
create index clocks_next_fire_idx on clocks (next_fire_at) where next_fire_at is not null;
create index clocks_ticket_idx on clocks (ticket_id);
create index clocks_calendar_running_idx on clocks (calendar_id) where state in ('running', 'paused');
create index clocks_due_idx on clocks (due_at) where state in ('running', 'paused');
create index clocks_commitment_started_idx on clocks (commitment_id, started_at);

-- Every warning, breach and escalation step the scheduler fired: the unique key makes each happen once,
-- whatever the number of instances, and `delay_ms` (fired_at − due) is what the firing-delay figure reads.
create table clock_firings (
  clock_id bigint not null references clocks (id),
  kind text not null check (kind in ('warning', 'breach', 'escalation')),
  step integer not null default 0,
  due_at timestamptz not null,
  fired_at timestamptz not null,
  delay_ms integer not null,
  notified_staff_id bigint references staff (id),
  primary key (clock_id, kind, step)
);
create index clock_firings_fired_idx on clock_firings (fired_at);

-- "Who made us break the promise": written when a level-1 clock breaches. One row per stage that used
-- more than its budget, with who answered for it then; or one `parent_slack` row when none did.
create table clock_attributions (
  id bigint generated always as identity primary key,
  clock_id bigint not null references clocks (id),
  kind text not null check (kind in ('stage_overrun', 'parent_slack')),
  stage_clock_id bigint references clocks (id),
  stage_commitment_id bigint references commitments (id),
  budget_minutes integer,
  used_minutes integer,
  overrun_minutes integer,
  department_id bigint references departments (id),
  staff_id bigint references staff (id),
  created_at timestamptz not null default now()
);
create index clock_attributions_clock_idx on clock_attributions (clock_id);
create index clock_attributions_staff_idx on clock_attributions (staff_id);
create index clock_attributions_department_idx on clock_attributions (department_id);

-- Clocks are a projection of the ticket timeline: a ticket's clocks are derived again from its whole
-- timeline whenever it has new events. Which tickets have new events is read by transaction id, not
-- by event id: ids are handed out before commit, so a smaller id can become visible after a larger
-- one, but every transaction below the oldest one still running (the snapshot's xmin) has ended.
-- The engine takes the events with watermark <= tx < xmin, then moves the watermark to xmin.
alter table ticket_events add column tx xid8 not null default pg_current_xact_id();
create index ticket_events_tx_idx on ticket_events (tx);

create table clock_engine_cursor (
  id boolean primary key default true check (id),
  watermark xid8 not null,
  updated_at timestamptz not null default now()
);
insert into clock_engine_cursor (id, watermark) values (true, '0'::xid8);

-- Built-in calendars: China mainland (official holidays and 调休 from chinese-days) and around the clock.
insert into calendars (name, builtin, definition) values
  ('China mainland', 'china_mainland', '{"name": "China mainland", "timeZone": "Asia/Shanghai", "kind": "business", "weeklyHours": [[], [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}], [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}], [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}], [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}], [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}], []], "holidays": [], "extraWorkingDays": []}'),
  ('Around the clock (24x7)', '24x7', '{"name": "Around the clock (24x7)", "timeZone": "Asia/Shanghai", "kind": "24x7", "weeklyHours": [[], [], [], [], [], [], []], "holidays": [], "extraWorkingDays": []}');
