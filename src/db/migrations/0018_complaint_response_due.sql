-- Issue #13: the person concerned is asked to respond to a complaint by a deadline, and the office
-- records why when it verifies before they responded and before that deadline.

-- When the person concerned should have responded by: set when they are named on the complaint.
alter table complaints add column response_due_at timestamptz;
-- Why the office verified before the person concerned responded and before the deadline.
alter table complaints add column early_decision_reason text check (length(btrim(early_decision_reason)) between 1 and 2000);

-- Complaints already naming someone and still open get the same 3 days from now: nobody is verified
-- early by surprise the day this lands.
update complaints
set response_due_at = now() + interval '3 days'
where subject_staff_id is not null and responded_at is null and status in ('received', 'investigating', 'appealed');
