/** The API's shapes as the web app sees them (JSON: dates are ISO strings). */

export type Role = 'admin' | 'supervisor' | 'office' | 'agent';
export type StaffClass = 'dedicated' | 'support' | 'functional';

export const ROLES: readonly Role[] = ['admin', 'supervisor', 'office', 'agent'];
export const STAFF_CLASSES: readonly StaffClass[] = ['dedicated', 'support', 'functional'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  staffClass: StaffClass;
  roles: Role[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string | null;
  via?: 'session' | 'token';
  expiresAt?: string;
}

export interface Staff {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  departmentId: number | null;
  departmentName: string | null;
  staffClass: StaffClass;
  roles: Role[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Department {
  id: number;
  parentId: number | null;
  name: string;
  headId: number | null;
  headName: string | null;
  active: boolean;
  staffCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Category {
  id: number;
  parentId: number | null;
  name: string;
  description: string | null;
  departmentId: number | null;
  responsibleDepartmentId: number | null;
  responsibleDepartmentName: string | null;
  defaultHandlerId: number | null;
  defaultHandlerName: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type { ApiTokenView as ApiToken, CreatedApiToken } from '../../../src/contracts/api-tokens.ts';

export interface AuditRecord {
  id: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  clientIp: string | null;
}
