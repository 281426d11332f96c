import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { anonymousContext, staffContext } from '../../auth.ts';
import { requireStaff } from '../../../services/org/require-role.ts';
import { answerScorecardAsStaff } from '../../../services/scorecards/answer-scorecard.ts';
import { getScorecard, getScorecardTrend, listScorecards, readScorecardLink } from '../../../services/scorecards/views.ts';
import { openWeeklyScorecards } from '../../../services/scorecards/open-weekly-scorecards.ts';
import { answerScorecardByLink } from '../../../services/scorecards/answer-scorecard-by-link.ts';
import { createScorecardLink } from '../../../services/scorecards/create-scorecard-link.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  CreatedScorecardLink, LinkAnswerBody, LinkAnswerResult, LinkBody, ListScorecardsQuery, OpenedScorecards, ScorecardAnswerResult, ScorecardLinkView, ScorecardList, ScorecardTrend,
  ScorecardTrendQuery, ScorecardView, StaffAnswerBody, TokenParams,
} from '../../../contracts/scorecards.ts';

/**
 * Weekly B2B scorecards (PRODUCT.md §3): the list and trend for staff, answers entered on a contact's
 * behalf, signed links; `/api/rating/scorecard/:token` is the contact's page without sign-in.
 */
export function registerScorecardRoutes(app: AppInstance, deps: AppDeps, getSecret: () => Promise<string>): void {
  const tags = ['scorecards'];

  app.get('/api/scorecards', { schema: { tags, summary: 'Scorecards I may see (my account teams; supervisors their departments’; admin and office all), newest week first', querystring: ListScorecardsQuery, response: withErrors({ 200: ScorecardList }) } }, async (request) => ({
    items: await listScorecards(deps.db, staffContext(request), request.query),
  }));
  app.get(
    '/api/scorecards/trend',
    { schema: { tags, summary: 'The weekly index (mean area points) per account and for a staff member’s account team, overall and per area', querystring: ScorecardTrendQuery, response: withErrors({ 200: ScorecardTrend }) } },
    async (request) => getScorecardTrend(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );
  app.post('/api/scorecards/open', { schema: { tags, summary: "Open this week's scorecards now (admin); the scheduler does it every week by itself and never twice", response: withErrors({ 200: OpenedScorecards }) } }, async (request) => {
    const ctx = staffContext(request);
    requireStaff(ctx, 'admin');
    return openWeeklyScorecards(deps.db, deps.now());
  });
  app.get('/api/scorecards/:id', { schema: { tags, summary: 'One scorecard with its grades, points, reminders and follow-up ticket', params: IdParams, response: withErrors({ 200: ScorecardView }) } }, async (request) =>
    getScorecard(deps.db, staffContext(request), request.params.id),
  );
  app.post(
    '/api/scorecards/:id/answers',
    { schema: { tags, summary: 'Enter the grades a contact gave (account team, office, admin); a C or D opens a follow-up ticket owned by the account manager', params: IdParams, body: StaffAnswerBody, response: withErrors({ 201: ScorecardAnswerResult }) } },
    async (request, reply) =>
      reply.status(201).send(await answerScorecardAsStaff(deps.db, staffContext(request), { scorecardId: request.params.id, ...request.body, nowMs: deps.now() })),
  );
  app.post(
    '/api/scorecards/:id/links',
    { schema: { tags, summary: 'A signed link (14 days) for a contact with an email to grade the week without signing in', params: IdParams, body: LinkBody, response: withErrors({ 201: CreatedScorecardLink }) } },
    async (request, reply) => {
      const link = await createScorecardLink(deps.db, staffContext(request), { scorecardId: request.params.id, contactId: request.body.contactId, nowMs: deps.now(), secret: await getSecret() });
      const base = deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.status(201).send({ url: `${base}/scorecard/${link.token}`, expiresAt: link.expiresAt, email: link.email });
    },
  );

  app.get(
    '/api/rating/scorecard/:token',
    { schema: { tags, security: [], summary: 'What a scorecard link is about: 404 when it is not valid, 410 when it expired', params: TokenParams, response: withErrors({ 200: ScorecardLinkView }) } },
    async (request) => readScorecardLink(deps.db, { token: request.params.token, nowMs: deps.now(), secret: await getSecret() }),
  );
  app.post(
    '/api/rating/scorecard/:token',
    { schema: { tags, security: [], summary: 'Grade the week through the link (once): every area A … D, a comment per area optional; 409 once answered', params: TokenParams, body: LinkAnswerBody, response: withErrors({ 201: LinkAnswerResult }) } },
    async (request, reply) =>
      reply.status(201).send(await answerScorecardByLink(deps.db, anonymousContext(request), { token: request.params.token, ...request.body, nowMs: deps.now(), secret: await getSecret() })),
  );
}
