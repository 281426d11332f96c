import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { anonymousContext, PORTAL_COOKIE_PATH, PORTAL_SESSION_COOKIE, portalContext, setPortalSessionCookie } from '../../auth.ts';
import type { TicketAction } from '../../../domain/tickets/index.ts';
import { IdParams, NoContent, withErrors } from '../../../contracts/common.ts';
import {
  PORTAL_ACTION_BODIES,
  PortalCategoryList,
  PortalRatingBody,
  PortalSession,
  PortalTicketListQuery,
  PortalTicketPage,
  PortalTicketView,
  PortalTimeline,
  SignInBody,
  SignUpAnswer,
  SignUpBody,
  SubmitPortalTicketBody,
} from '../../../contracts/portal.ts';
import { IdempotencyHeaders } from '../../../contracts/tickets.ts';
import { signInCustomer, signOutCustomer } from '../../../services/auth/portal-sessions.ts';
import { getPortalTicket } from '../../../services/portal/get-portal-ticket.ts';
import { getPortalTimeline } from '../../../services/portal/get-portal-timeline.ts';
import { listPortalCategories } from '../../../services/portal/list-portal-categories.ts';
import { listPortalTickets } from '../../../services/portal/list-portal-tickets.ts';
import { performPortalAction } from '../../../services/portal/perform-portal-action.ts';
import { registerPortalTicket } from '../../../services/portal/register-portal-ticket.ts';
import { signUpCustomer } from '../../../services/portal/sign-up-customer.ts';

/** The same words whether the email was free or taken: sign-up never tells whether an email has an account. */
const SIGN_UP_ANSWER = 'If this email can be used, its account is ready: sign in with it. If you already had an account, sign in with your existing password.';

/** The customer portal: customers' own accounts, their requests, replies, confirmations and ratings. */
export function registerPortalRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['portal'];
  const open = { tags, security: [] };
  const signedIn = { tags, security: [{ portalCookie: [] }] };

  app.post(
    '/api/portal/account',
    { schema: { ...open, summary: 'Open a portal account, then sign in. The answer is the same when the email already has one.', body: SignUpBody, response: withErrors({ 202: SignUpAnswer }) } },
    async (request, reply) => {
      await signUpCustomer(deps.db, anonymousContext(request), request.body);
      return reply.status(202).send({ message: SIGN_UP_ANSWER });
    },
  );

  app.post('/api/portal/session', { schema: { ...open, summary: 'Sign in to the portal', body: SignInBody, response: withErrors({ 200: PortalSession }) } }, async (request, reply) => {
    const result = await signInCustomer(deps.db, anonymousContext(request), {
      email: request.body.email,
      password: request.body.password,
      userAgent: request.headers['user-agent'] ?? null,
      ttlHours: deps.config.sessionTtlHours,
      nowMs: deps.now(),
    });
    setPortalSessionCookie(reply, request, result.token, result.expiresAt, deps.config.secureCookies);
    return { customer: result.customer, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
  });

  app.get('/api/portal/session', { schema: { ...signedIn, summary: 'Who is signed in on the portal (and the CSRF token to send with changes)', response: withErrors({ 200: PortalSession }) } }, async (request) => {
    portalContext(request);
    const auth = request.portalAuth!;
    return { customer: auth.customer, csrfToken: auth.csrfToken, expiresAt: auth.expiresAt.toISOString() };
  });

  app.delete('/api/portal/session', { schema: { ...signedIn, summary: 'Sign out of the portal', response: withErrors({ 204: NoContent }) } }, async (request, reply) => {
    const token = request.cookies[PORTAL_SESSION_COOKIE];
    if (token && request.portalAuth) await signOutCustomer(deps.db, portalContext(request), { token });
    reply.clearCookie(PORTAL_SESSION_COOKIE, { path: PORTAL_COOKIE_PATH });
    return reply.status(204).send(null);
  });

  app.get('/api/portal/categories', { schema: { ...signedIn, summary: 'The kinds of matter a request can be filed under', response: withErrors({ 200: PortalCategoryList }) } }, async (request) => {
    return { items: await listPortalCategories(deps.db, portalContext(request)) };
  });

  app.post(
    '/api/portal/tickets',
    {
      schema: {
        ...signedIn,
        summary: 'Submit a request; it waits in the staff intake queue until someone picks it up. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: SubmitPortalTicketBody,
        response: withErrors({ 200: PortalTicketView, 201: PortalTicketView }),
      },
    },
    async (request, reply) => {
      const result = await registerPortalTicket(deps.db, portalContext(request), { ticket: request.body, nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.ticket);
    },
  );

  app.get('/api/portal/tickets', { schema: { ...signedIn, summary: 'My requests, newest first, keyset pages', querystring: PortalTicketListQuery, response: withErrors({ 200: PortalTicketPage }) } }, async (request) =>
    listPortalTickets(deps.db, portalContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.get('/api/portal/tickets/:id', { schema: { ...signedIn, summary: 'One of my requests, with what I may do now', params: IdParams, response: withErrors({ 200: PortalTicketView }) } }, async (request) =>
    getPortalTicket(deps.db, portalContext(request), { ticketId: request.params.id, nowMs: deps.now() }),
  );

  app.get('/api/portal/tickets/:id/timeline', { schema: { ...signedIn, summary: 'What happened on my request (replies, results; never internal notes)', params: IdParams, response: withErrors({ 200: PortalTimeline }) } }, async (request) => ({
    items: await getPortalTimeline(deps.db, portalContext(request), { ticketId: request.params.id }),
  }));

  for (const [name, { summary, body }] of Object.entries(PORTAL_ACTION_BODIES)) {
    app.post(`/api/portal/tickets/:id/${name}`, { schema: { ...signedIn, summary, params: IdParams, body, response: withErrors({ 200: PortalTicketView }) } }, async (request) => {
      const { version, ...fields } = (request.body ?? {}) as { version?: number } & Record<string, unknown>;
      return performPortalAction(deps.db, portalContext(request), {
        ticketId: (request.params as { id: number }).id,
        action: { type: name, ...fields } as TicketAction,
        ...(version === undefined ? {} : { expectedVersion: version }),
        nowMs: deps.now(),
      });
    });
  }

  app.post(
    '/api/portal/tickets/:id/rating',
    { schema: { ...signedIn, summary: "Rate the result (1–5, a comment, and the survey's answers): records my satisfaction and confirms the result", params: IdParams, body: PortalRatingBody, response: withErrors({ 201: PortalTicketView }) } },
    async (request, reply) => {
      const { version, satisfaction, comment, answers } = request.body;
      const ticket = await performPortalAction(deps.db, portalContext(request), {
        ticketId: request.params.id,
        action: { type: 'rate', satisfaction, ...(comment === undefined ? {} : { comment }), via: 'portal', ...(answers === undefined ? {} : { answers }) },
        ...(version === undefined ? {} : { expectedVersion: version }),
        nowMs: deps.now(),
      });
      return reply.status(201).send(ticket);
    },
  );
}
