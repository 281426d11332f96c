-- Accountability (PRODUCT.md §4, issue #6): complaints and their investigation, the deduction ledger
-- and its rules, three-complaint flags, ratings, company-wide notices with read receipts, spot checks.

-- A complaint about a person and/or a ticket, from a customer or a colleague.
create table complaints (
  id bigint generated always as identity primary key,
  -- portal: filed by the customer; phone/letter/visit/email: registered by staff; colleague: from a staff member.
  source text not null check (source in ('portal', 'phone', 'letter', 'visit', 'email', 'colleague')),
  customer_id bigint references customers (id),
  complainant_staff_id bigint references staff (id),
  -- As told when it was registered (a caller with no customer record still has a name and a number).
  complainant_name text,
  complainant_contact text,
  -- The person concerned; the office may name them during the investigation.
  subject_staff_id bigint references staff (id),
  -- Their department when named, so reports and superiors' views keep it if they move on.
  subject_department_id bigint references departments (id),
  -- The complainant's own words about who it was ("the man on the hotline on Monday").
  subject_description text,
  ticket_id bigint references tickets (id),
  kind text not null default 'other' check (kind in ('cold_treatment', 'not_informed', 'passing_the_buck', 'handover_late', 'handler_no_contact', 'handler_late', 'other')),
  summary text not null check (length(btrim(summary)) between 1 and 200),
  description text not null default '',
  status text not null check (status in ('received', 'investigating', 'verified', 'rejected', 'appealed')),
  received_at timestamptz not null,
  registered_by bigint references staff (id),
  investigator_id bigint references staff (id),
  -- Internal: never shown to the complainant.
  findings text,
  response text,
  responded_at timestamptz,
  severity text check (severity in ('minor', 'serious')),
  decision_reason text,
  -- What the complainant is told about the outcome.
  customer_message text,
  decided_at timestamptz,
  decided_by bigint references staff (id),
  appeal_reason text,
  appealed_at timestamptz,
  appealed_by_kind text check (appealed_by_kind in ('customer', 'staff')),
  appealed_by_id bigint,
  appeal_decided_at timestamptz,
  appeal_decided_by bigint references staff (id),
  appeal_decision_reason text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (customer_id is not null or complainant_staff_id is not null or complainant_name is not null)
);
create index complaints_status_idx on complaints (status, id desc);
create index complaints_subject_idx on complaints (subject_staff_id, status, received_at);
create index complaints_customer_idx on complaints (customer_id, id desc);
create index complaints_complainant_idx on complaints (complainant_staff_id, id desc);
create index complaints_ticket_idx on complaints (ticket_id);

-- The complaint's history; the complainant sees only the entries marked visible to them.
create table complaint_events (
  id bigint generated always as identity primary key,
  complaint_id bigint not null references complaints (id),
  type text not null,
  actor_kind text not null check (actor_kind in ('staff', 'customer', 'system')),
  actor_id bigint,
  at timestamptz not null,
  payload jsonb not null default '{}',
  visible_to_complainant boolean not null default false
);
create index complaint_events_complaint_idx on complaint_events (complaint_id, id);
create trigger complaint_events_no_update_delete before update or delete on complaint_events
  for each row execute function audit_log_refuse_change();

-- What the investigation gathered: a ticket, a statement, a document (e.g. the letter's reference), a link.
create table complaint_evidence (
  id bigint generated always as identity primary key,
  complaint_id bigint not null references complaints (id),
  kind text not null check (kind in ('ticket', 'statement', 'document', 'link')),
  description text not null check (length(btrim(description)) between 1 and 4000),
  ticket_id bigint references tickets (id),
  url text,
  added_by bigint not null references staff (id),
  added_at timestamptz not null
);
create index complaint_evidence_complaint_idx on complaint_evidence (complaint_id, id);

-- Configurable deduction rules: one per kind and severity (ids like 'handler_late.serious').
create table deduction_rules (
  id text primary key,
  kind text not null check (kind in ('handover_late', 'handler_no_contact', 'handler_late', 'cold_treatment', 'not_informed', 'passing_the_buck')),
  severity text not null check (severity in ('minor', 'serious')),
  points integer not null check (points > 0 and points <= 1000),
  notice boolean not null,
  passing_the_buck_threshold integer check (passing_the_buck_threshold >= 0),
  enabled boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by bigint references staff (id),
  unique (kind, severity)
);
insert into deduction_rules (id, kind, severity, points, notice, passing_the_buck_threshold)
select k || '.' || s, k, s, case s when 'minor' then 10 else 30 end, s = 'serious', case k when 'passing_the_buck' then 2 end
from unnest(array['handover_late', 'handler_no_contact', 'handler_late', 'cold_treatment', 'not_informed', 'passing_the_buck']) k
cross join unnest(array['minor', 'serious']) s;

-- Company-wide notices of criticism and commendation.
create table notices (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('criticism', 'commendation')),
  title text not null check (length(btrim(title)) between 1 and 200),
  body text not null check (length(btrim(body)) between 1 and 10000),
  person_id bigint references staff (id),
  department_id bigint references departments (id),
  published_at timestamptz not null,
  published_by bigint not null references staff (id)
);
create index notices_published_idx on notices (published_at desc, id desc);

create table notice_reads (
  notice_id bigint not null references notices (id),
  staff_id bigint not null references staff (id),
  read_at timestamptz not null,
  primary key (notice_id, staff_id)
);
create index notice_reads_staff_idx on notice_reads (staff_id);

-- The ledger: proposals from incidents, confirmed or dismissed by the office. Nothing counts until confirmed.
create table deductions (
  id bigint generated always as identity primary key,
  -- The incident's evidence key (clock_breach:<clock>, complaint:<id>, passing_the_buck:<ticket>:<person>):
  -- the same incident is never proposed twice, however often a scan runs.
  key text not null unique,
  person_id bigint not null references staff (id),
  -- The person's department when proposed, for reports and superiors' views.
  department_id bigint references departments (id),
  rule_id text not null references deduction_rules (id),
  kind text not null,
  severity text not null check (severity in ('minor', 'serious')),
  points integer not null check (points > 0),
  notice boolean not null,
  ticket_id bigint references tickets (id),
  clock_id bigint references clocks (id),
  complaint_id bigint references complaints (id),
  event_ids bigint[] not null default '{}',
  -- When the incident happened: this decides the period it counts in.
  occurred_at timestamptz not null,
  status text not null default 'proposed' check (status in ('proposed', 'confirmed', 'dismissed')),
  proposed_at timestamptz not null,
  decided_at timestamptz,
  decided_by bigint references staff (id),
  decision_reason text,
  notice_id bigint references notices (id),
  version integer not null default 1
);
create index deductions_person_idx on deductions (person_id, occurred_at);
create index deductions_status_idx on deductions (status, occurred_at);
create index deductions_department_idx on deductions (department_id, occurred_at);

alter table notices add column deduction_id bigint references deductions (id);

-- The three-complaint rule: Centric raises a flag, people record what they decided.
create table complaint_flags (
  id bigint generated always as identity primary key,
  person_id bigint not null references staff (id),
  department_id bigint references departments (id),
  -- middle_manager: heads a department when flagged.
  role text not null check (role in ('middle_manager', 'staff')),
  recommended_action text not null check (recommended_action in ('removal_from_post', 'three_months_off_post')),
  complaint_ids bigint[] not null,
  raised_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'decided', 'withdrawn')),
  decision text check (decision in ('removal_from_post', 'three_months_off_post', 'other_measure', 'no_action')),
  decision_note text,
  decided_at timestamptz,
  decided_by bigint references staff (id),
  withdrawn_reason text,
  version integer not null default 1
);
create unique index complaint_flags_open_key on complaint_flags (person_id) where status = 'open';
create index complaint_flags_status_idx on complaint_flags (status, raised_at desc);

-- A supervisor's 0–10 rating of one person for one month (2026-05) or quarter (2026-Q2).
create table ratings (
  id bigint generated always as identity primary key,
  person_id bigint not null references staff (id),
  department_id bigint references departments (id),
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  score numeric(4, 2) not null check (score between 0 and 10),
  level text not null check (level in ('outstanding', 'excellent', 'good', 'basic', 'failed')),
  comment text not null check (length(btrim(comment)) between 1 and 4000),
  suggested_score numeric(4, 2),
  -- The evidence as shown to the rater when they rated.
  evidence jsonb not null,
  rated_by bigint not null references staff (id),
  rated_at timestamptz not null,
  version integer not null default 1,
  unique (person_id, period)
);
create index ratings_period_idx on ratings (period, department_id);

-- A reproducible random sample of one period's closed tickets, audited against a checklist.
create table spot_checks (
  id bigint generated always as identity primary key,
  period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  seed text not null check (length(seed) between 1 and 200),
  share numeric(5, 4) check (share > 0 and share <= 1),
  count integer check (count >= 1),
  stratify boolean not null,
  population integer not null,
  strata jsonb not null,
  drawn_at timestamptz not null,
  drawn_by bigint not null references staff (id),
  check ((share is null) <> (count is null))
);
create index spot_checks_period_idx on spot_checks (period, id desc);

create table spot_check_items (
  spot_check_id bigint not null references spot_checks (id),
  ticket_id bigint not null references tickets (id),
  department_id bigint references departments (id),
  owner_id bigint references staff (id),
  handler_id bigint references staff (id),
  ownership_kept boolean,
  result_told boolean,
  callback_made boolean,
  manner_ok boolean,
  passed boolean,
  note text,
  audited_at timestamptz,
  audited_by bigint references staff (id),
  primary key (spot_check_id, ticket_id)
);
create index spot_check_items_owner_idx on spot_check_items (owner_id);
create index spot_check_items_handler_idx on spot_check_items (handler_id);
