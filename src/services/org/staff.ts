// The staff use cases live one per file; the CLI, the bench and the test factories import these two from here.
export { insertStaff, type CreateStaffInput } from './create-staff.ts';
export { resetStaffPassword } from './reset-staff-password.ts';
