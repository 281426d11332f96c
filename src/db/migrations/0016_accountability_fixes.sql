-- Accountability after the audit of issue #6: the three-complaint rule counts verified complaints by when
-- they were verified (PRODUCT.md: "three verified complaints within a year"), and a notice of criticism
-- can be withdrawn (its complaint overturned on appeal, or by the office) without erasing it.

-- When the verification that stands was made: the office's decision, or the appeal that reversed a rejection.
alter table complaints add column verified_at timestamptz;
update complaints
set verified_at = case
  when appeal_decided_at is not null and (appealed_by_kind = 'customer' or appealed_by_id = complainant_staff_id) then appeal_decided_at
  else coalesce(decided_at, received_at)
end
where status = 'verified';
create index complaints_subject_verified_idx on complaints (subject_staff_id, verified_at) where status = 'verified';

-- A withdrawn notice leaves everyone's board; the office still sees it, with who withdrew it and why.
alter table notices add column withdrawn_at timestamptz;
alter table notices add column withdrawn_by bigint references staff (id);
alter table notices add column withdrawn_reason text check (length(btrim(withdrawn_reason)) between 1 and 2000);
alter table notices add constraint notices_withdrawn_check check ((withdrawn_at is null) = (withdrawn_reason is null));
