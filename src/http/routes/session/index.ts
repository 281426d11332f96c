import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { anonymousContext, SESSION_COOKIE, setSessionCookie, staffContext } from '../../auth.ts';
import { NoContent, withErrors } from '../../../contracts/common.ts';
import { ChangeOwnPasswordBody, SessionView, SignedIn, SignInBody } from '../../../contracts/session.ts';
import { signIn } from '../../../services/auth/sign-in.ts';
import { signOut } from '../../../services/auth/sign-out.ts';
import { changeOwnPassword } from '../../../services/org/change-own-password.ts';
import { getStaff } from '../../../services/org/views.ts';

export function registerSessionRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['session'];
  app.post('/api/session', { schema: { tags, summary: 'Sign in with email and password', body: SignInBody, response: withErrors({ 200: SignedIn }) } }, async (request, reply) => {
    const result = await signIn(deps.db, anonymousContext(request), {
      email: request.body.email,
      password: request.body.password,
      userAgent: request.headers['user-agent'] ?? null,
      ttlHours: deps.config.sessionTtlHours,
      nowMs: deps.now(),
    });
    setSessionCookie(reply, request, result.token, result.expiresAt, deps.config.secureCookies);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
  });

  app.get(
    '/api/session',
    { schema: { tags, summary: 'Who is signed in (and the CSRF token to send with changes)', response: withErrors({ 200: SessionView }) } },
    async (request) => {
      const ctx = staffContext(request);
      const staff = await getStaff(deps.db, ctx.actor.id);
      return { user: { ...request.auth!.user, departmentName: staff.departmentName }, csrfToken: request.auth!.csrfToken, via: request.auth!.via };
    },
  );

  app.delete('/api/session', { schema: { tags, summary: 'Sign out', response: withErrors({ 204: NoContent }) } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token && request.auth) await signOut(deps.db, staffContext(request), { token });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(
    '/api/session/password',
    { schema: { tags, summary: 'Change my password (ends my other sessions)', body: ChangeOwnPasswordBody, response: withErrors({ 204: NoContent }) } },
    async (request, reply) => {
      await changeOwnPassword(deps.db, staffContext(request), { ...request.body, keepSessionId: request.auth?.sessionId ?? null });
      return reply.status(204).send(null);
    },
  );
}
