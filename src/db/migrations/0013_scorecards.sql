-- Weekly B2B scorecards (PRODUCT.md §3, issue 5): every ISO week of the company's time zone, one
-- scorecard per account with scorecard_enabled; its contacts grade five areas A … D.
--
-- A dedicated table rather than another surveys.kind (as 0008 planned): a survey is about one ticket,
-- and its answered state requires a 1–5 satisfaction (a check constraint) that a scorecard does not
-- have; a scorecard is about an account and a week, opened by the scheduler exactly once per
-- (account, week) — its own unique key — and carries reminders and its follow-up ticket.

create table scorecards (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  -- Monday 00:00 local time of the ISO week, as an instant, and its key (2026-W03) for reading.
  week_start timestamptz not null,
  week_key text not null check (week_key ~ '^\d{4}-W\d{2}$'),
  time_zone text not null,
  status text not null default 'open' check (status in ('open', 'answered')),
  opened_at timestamptz not null,
  answered_at timestamptz,
  -- Who answered: the contact (by link or told to staff), and the staff member who entered it on their behalf.
  answered_by_contact_id bigint references customer_contacts (id),
  entered_by_staff_id bigint references staff (id),
  channel text check (channel in ('link', 'staff')),
  -- Mean of the five areas' points under the grade table in force when answered (frozen).
  mean_points numeric,
  grade_table jsonb,
  reminder_count integer not null default 0,
  last_reminded_at timestamptz,
  follow_up_ticket_id bigint references tickets (id),
  created_at timestamptz not null default now(),
  -- Several instances may open the same week at once: the second insert does nothing.
  unique (customer_id, week_start),
  check ((status = 'answered') = (answered_at is not null and mean_points is not null))
);
create index scorecards_week_idx on scorecards (week_start desc, id);
create index scorecards_open_idx on scorecards (last_reminded_at nulls first) where status = 'open';

create table scorecard_answers (
  scorecard_id bigint not null references scorecards (id),
  area text not null check (area in ('quality', 'on_time_delivery', 'communication', 'service_flexibility', 'technical_support')),
  grade text not null check (grade in ('A', 'A-', 'B+', 'B', 'B-', 'C', 'D')),
  points numeric not null,
  comment text check (length(comment) <= 2000),
  primary key (scorecard_id, area)
);
