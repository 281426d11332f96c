-- Issue 4's gaps. Commitments match customer segments through `applies_to.customerSegments` (the jsonb
-- already holds the matching lists, so no column is needed); customers.segment comes from 0011_crm.sql.

-- Queues sort by the due time of every clock still open — running, paused, or breached and not yet
-- met — so an overdue ticket sorts first. clocks_due_idx leaves breached clocks out; this one holds them.
create index clocks_open_due_idx on clocks (due_at) where stopped_at is null and due_at is not null;
