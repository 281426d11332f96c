-- Knowing the customer (PRODUCT.md §5, issue #7): the full customer record (parent organisation,
-- several addresses, segment, tags, preferences, consents), merged duplicates, optimistic locking,
-- B2B contacts with their decision roles and organisation chart, and the account team from our staff.

alter table customers
  -- For an organisation its parent organisation; for a person the organisation they belong to.
  add column parent_id bigint references customers (id),
  add column addresses text[] not null default '{}',
  -- A lower-case key commitments can match on ('residential', 'vip', 'key_account', …).
  add column segment text check (segment ~ '^[a-z0-9_]{1,40}$'),
  add column tags text[] not null default '{}',
  add column preferred_language text check (preferred_language in ('zh-CN', 'en')),
  add column preferred_channel text check (preferred_channel in ('phone', 'visit', 'letter', 'email', 'meeting', 'chat', 'web', 'other')),
  add column consent_contact boolean not null default true,
  add column consent_surveys boolean not null default true,
  add column consent_marketing boolean not null default false,
  add column notes text not null default '',
  add column is_account boolean not null default false,
  add column scorecard_enabled boolean not null default false,
  -- A duplicate merged away: its tickets, surveys, complaints … now belong to merged_into_id.
  add column merged_into_id bigint references customers (id),
  add column merged_at timestamptz,
  add column active boolean not null default true,
  add column revision integer not null default 1,
  add constraint customers_not_own_parent check (parent_id is distinct from id),
  add constraint customers_not_merged_into_self check (merged_into_id is distinct from id),
  add constraint customers_merged_at check ((merged_into_id is null) = (merged_at is null));

-- The same pairs as tickets (0004_ticket_search.sql): a 1–2 character Chinese query uses this GIN
-- index instead of reading every customer; Latin text and digits stay with the trigram index.
alter table customers add column search_bigrams text[] generated always as (ticket_search_bigrams(search_text)) stored;
create index customers_search_bigrams_idx on customers using gin (search_bigrams);
alter table customers alter column search_text set statistics 1000;

-- Duplicate checks look phones and emails up exactly (normalised on write).
create index customers_phones_idx on customers using gin (phones);
create index customers_emails_idx on customers using gin (emails);
create index customers_tags_idx on customers using gin (tags);
create index customers_parent_idx on customers (parent_id) where parent_id is not null;
create index customers_segment_idx on customers (segment, name, id) where segment is not null;
create index customers_merged_into_idx on customers (merged_into_id) where merged_into_id is not null;

-- The 360 page lists a customer's surveys; the merge moves them.
create index if not exists surveys_customer_idx on surveys (customer_id, id desc);

-- People at a B2B account and their part in its decisions.
create table customer_contacts (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers (id),
  name text not null check (length(btrim(name)) between 1 and 200),
  title text,
  phones text[] not null default '{}',
  emails text[] not null default '{}',
  decision_role text not null check (decision_role in ('decision_maker', 'user', 'technical_influencer', 'business_influencer', 'other_stakeholder')),
  goals text not null default '',
  pain_points text not null default '',
  -- The organisation chart; the service refuses cycles.
  reports_to_id bigint references customer_contacts (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (reports_to_id is distinct from id)
);
create index customer_contacts_customer_idx on customer_contacts (customer_id, id);
create index customer_contacts_reports_to_idx on customer_contacts (reports_to_id) where reports_to_id is not null;

-- Our staff serving a B2B account.
create table account_team_members (
  customer_id bigint not null references customers (id),
  staff_id bigint not null references staff (id),
  role text not null check (role in ('account_manager', 'planner', 'project_engineer', 'quality_engineer', 'test_engineer', 'materials_controller', 'sales')),
  created_at timestamptz not null default now(),
  primary key (customer_id, role, staff_id)
);
-- One account manager per account.
create unique index account_team_one_manager_key on account_team_members (customer_id) where role = 'account_manager';
create index account_team_staff_idx on account_team_members (staff_id);
