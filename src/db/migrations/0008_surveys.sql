-- Surveys (PRODUCT.md §3): editable service-quality dimensions, versioned survey templates, the
-- callback survey made when a ticket is resolved, its answers, and who it is credited to.
-- Later phases add weekly B2B scorecards as another `surveys.kind` on the same tables.

create table survey_dimensions (
  -- Stable machine key, stored on every answer so results survive renames.
  key text primary key check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  name_zh text not null check (length(btrim(name_zh)) between 1 and 100),
  name_en text not null check (length(btrim(name_en)) between 1 and 100),
  description text not null default '' check (length(description) <= 500),
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

insert into survey_dimensions (key, name_zh, name_en, description, position) values
  ('tangibles', '有形性', 'Tangibles', 'manner, voice, appearance', 1),
  ('empathy', '移情性', 'Empathy', 'the customer''s point of view', 2),
  ('professionalism', '专业性', 'Professionalism', 'reliability, speed', 3),
  ('responsiveness', '响应性', 'Responsiveness', 'prompt feedback, smooth communication', 4),
  ('trust', '信任', 'Trust', 'the most important dimension', 5);

create table survey_templates (
  id bigint generated always as identity primary key,
  name text not null check (length(btrim(name)) between 1 and 200),
  current_version integer not null default 1,
  active boolean not null default true,
  -- The template a callback survey asks; at most one at a time.
  for_callback boolean not null default false,
  -- Optimistic locking for edits, apart from the questions' version.
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (active or not for_callback)
);
create unique index survey_templates_callback_key on survey_templates ((true)) where for_callback;

-- Questions never change in place: an edit adds a version, and each survey keeps the one it asked.
create table survey_template_versions (
  template_id bigint not null references survey_templates (id),
  version integer not null check (version >= 1),
  -- [{ key, text: { zh, en }, dimension (a survey_dimensions key, null for text), kind: scale|grade|yes_no|text }]
  questions jsonb not null check (jsonb_typeof(questions) = 'array'),
  created_by bigint references staff (id),
  created_at timestamptz not null default now(),
  primary key (template_id, version)
);

create table surveys (
  id bigint generated always as identity primary key,
  kind text not null default 'callback' check (kind in ('callback')),
  ticket_id bigint references tickets (id),
  customer_id bigint references customers (id),
  template_id bigint,
  template_version integer,
  -- The resolution asked about, and when the callback is due (1 working day later).
  resolved_at timestamptz,
  due_at timestamptz not null,
  status text not null default 'due' check (status in ('due', 'answered', 'expired')),
  answered_at timestamptz,
  -- The overall 1–5 satisfaction, the same value the ticket stores.
  satisfaction smallint check (satisfaction between 1 and 5),
  comment text,
  -- How it was answered: a ticket channel for a callback by phone, visit …; 'link' or 'portal' by the customer.
  channel text,
  -- The staff member who recorded answers given by phone; null when the customer answered.
  collected_by bigint references staff (id),
  created_at timestamptz not null default now(),
  foreign key (template_id, template_version) references survey_template_versions (template_id, version),
  check ((status = 'answered') = (answered_at is not null and satisfaction is not null))
);
-- One open callback survey per ticket; a new resolution expires the old one first.
create unique index surveys_ticket_due_key on surveys (ticket_id) where status = 'due';
create index surveys_ticket_idx on surveys (ticket_id, id desc);
create index surveys_answered_idx on surveys (answered_at) where status = 'answered';
create index surveys_due_idx on surveys (due_at) where status = 'due';

create table survey_answers (
  survey_id bigint not null references surveys (id),
  question_key text not null,
  kind text not null check (kind in ('scale', 'grade', 'yes_no', 'text')),
  -- Copied from the template version when answered, so statistics need no join to the versions.
  dimension text references survey_dimensions (key),
  value jsonb not null,
  -- For statistics: scale 1–5, grade points (C 0, D −100), yes 1 / no 0; null for text.
  score numeric,
  primary key (survey_id, question_key)
);
create index survey_answers_dimension_idx on survey_answers (dimension) where dimension is not null;

-- Who a rating counts for, frozen when it is given: later moves between departments or handlers
-- never rewrite an old rating.
create table survey_credits (
  survey_id bigint not null references surveys (id),
  role text not null check (role in ('owner', 'handler', 'department')),
  staff_id bigint references staff (id),
  -- For owner and handler: their department at the time; for department: the department credited.
  department_id bigint references departments (id),
  satisfaction smallint not null check (satisfaction between 1 and 5),
  credited_at timestamptz not null,
  check ((role = 'department') = (staff_id is null)),
  check (role <> 'department' or department_id is not null),
  unique nulls not distinct (survey_id, role, staff_id, department_id)
);
create index survey_credits_staff_idx on survey_credits (staff_id, credited_at) where staff_id is not null;
create index survey_credits_department_idx on survey_credits (department_id, credited_at);
