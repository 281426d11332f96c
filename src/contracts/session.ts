import { Type, type Static } from 'typebox';
import { AUTH_METHODS } from '../domain/auth/auth-methods.ts';
import { Body, IsoDateTime, literals, NullableInteger, NullableString } from './common.ts';
import { Role, StaffClass } from './staff.ts';

export const SignInBody = Body({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type SignInBody = Static<typeof SignInBody>;

export const ChangeOwnPasswordBody = Body({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Type.String({ maxLength: 200 }) });
export type ChangeOwnPasswordBody = Static<typeof ChangeOwnPasswordBody>;

/** The person behind a session or token, as every request knows them. */
export const SessionUser = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  departmentId: NullableInteger,
  staffClass: StaffClass,
  roles: Type.Array(Role),
});
export type SessionUser = Static<typeof SessionUser>;

/** The signed-in person with their department's name, for the web app's header. */
export const SessionUserView = Type.Object({ ...SessionUser.properties, departmentName: NullableString });
export type SessionUserView = Static<typeof SessionUserView>;

export const AuthMethod = literals(AUTH_METHODS);

/** GET /api/session: who is signed in and the CSRF token to send with changes. */
export const SessionView = Type.Object({
  user: SessionUserView,
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: 'Null when the caller uses an API token (no cookie, so no CSRF token)' }),
  via: AuthMethod,
});
export type SessionView = Static<typeof SessionView>;

/** The sign-in answer; the session itself travels in an httpOnly cookie. */
export const SignedIn = Type.Object({ user: SessionUser, csrfToken: Type.String(), expiresAt: IsoDateTime });
export type SignedIn = Static<typeof SignedIn>;
