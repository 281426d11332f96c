-- Customer portal: customers' own sign-in sessions (apart from staff sessions), the server secret that
-- signs rating links, and the rating links already used.

create table portal_sessions (
  -- sha256 of the cookie's token, as for staff sessions: a leaked table cannot be replayed as cookies.
  id text primary key,
  customer_id bigint not null references customers (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  client_ip text,
  user_agent text
);
create index portal_sessions_customer_idx on portal_sessions (customer_id);
create index portal_sessions_expires_idx on portal_sessions (expires_at);

-- Server-wide values generated once and shared by every instance (e.g. 'secret' when CENTRIC_SECRET
-- is unset). The first instance to start inserts; the others read what it wrote.
create table settings (
  key text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- A rating link works once: its nonce is stored when the customer rates through it.
create table rating_link_uses (
  nonce text primary key,
  ticket_id bigint not null references tickets (id),
  used_at timestamptz not null
);
create index rating_link_uses_ticket_idx on rating_link_uses (ticket_id);
