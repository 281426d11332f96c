-- Customer import from CSV and XLSX (issue #7): the uploaded file, the job's steps and progress, and
-- every row's errors. All of it lives here, not in a process, so any instance can serve any step.

create table import_jobs (
  id bigint generated always as identity primary key,
  created_by bigint not null references staff (id),
  file_name text not null check (length(file_name) between 1 and 255),
  format text not null check (format in ('csv', 'xlsx')),
  -- CSV only: the text encoding detected at upload ('utf-8' or 'gb18030', what Excel in China writes).
  encoding text,
  size_bytes bigint not null,
  status text not null default 'uploaded' check (status in ('uploaded', 'validating', 'validated', 'importing', 'done', 'failed')),
  mode text check (mode in ('all_or_nothing', 'valid_only')),
  -- The header row and the first rows, as shown for choosing the columns.
  columns jsonb not null,
  preview jsonb not null,
  -- One customer field (or null: not imported) per file column.
  mapping jsonb,
  total_rows integer,
  valid_rows integer,
  error_rows integer,
  processed_rows integer not null default 0,
  imported_rows integer not null default 0,
  -- Why it failed, or why all-or-nothing imported nothing.
  message text,
  -- Written with the progress: a running job whose heartbeat stopped lost its instance.
  heartbeat_at timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_jobs_created_by_idx on import_jobs (created_by, id desc);

-- The uploaded file in pieces of up to 1 MiB, read back as a stream by whichever instance runs a step.
create table import_job_chunks (
  job_id bigint not null references import_jobs (id) on delete cascade,
  seq integer not null,
  data bytea not null,
  primary key (job_id, seq)
);

create table import_job_errors (
  id bigint generated always as identity primary key,
  job_id bigint not null references import_jobs (id) on delete cascade,
  -- As a spreadsheet shows it: the header is row 1.
  row_number integer not null,
  -- The file's column header (null when the error is about the whole row).
  "column" text,
  field text,
  message text not null
);
create index import_job_errors_job_idx on import_job_errors (job_id, row_number, id);

-- Which customers a job created, so an import can be traced (and undone by hand) without an audit record per row.
create table import_job_customers (
  job_id bigint not null references import_jobs (id) on delete cascade,
  customer_id bigint not null references customers (id),
  row_number integer not null,
  primary key (job_id, customer_id)
);
create index import_job_customers_customer_idx on import_job_customers (customer_id);

-- An import looks up 1,000 rows' phones and emails while inserting 1,000 customers at a time. With
-- GIN's fast update every lookup reads the whole pending list of the rows just inserted (seconds per
-- batch by 20,000 rows); writing these one-element arrays into the index directly costs little.
alter index customers_phones_idx set (fastupdate = off);
alter index customers_emails_idx set (fastupdate = off);
