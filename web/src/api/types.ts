/** The API's shapes as the web app sees them (JSON: dates are ISO strings): the server's contract types, imported type-only. */

export type { Role, StaffClass } from '../../../src/domain/org/roles.ts';
export type { Page } from '../../../src/contracts/common.ts';

export type { SessionUserView as SessionUser, SessionView as Session, SignedIn } from '../../../src/contracts/session.ts';
export type { StaffView as Staff, CreatedStaff } from '../../../src/contracts/staff.ts';
export type { DepartmentView as Department } from '../../../src/contracts/departments.ts';
export type { CategoryView as Category } from '../../../src/contracts/categories.ts';
export type { ApiTokenView as ApiToken, CreatedApiToken } from '../../../src/contracts/api-tokens.ts';
export type { AuditRecord } from '../../../src/contracts/audit.ts';
