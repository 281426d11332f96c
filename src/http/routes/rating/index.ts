import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { anonymousContext, staffContext } from '../../auth.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { CreatedRatingLink, LinkRatingBody, RatedByLink, RatingLinkParams, RatingLinkView } from '../../../contracts/rating-links.ts';
import { createRatingLink } from '../../../services/tickets/create-rating-link.ts';
import { rateByLink } from '../../../services/tickets/rate-by-link.ts';
import { readRatingLink } from '../../../services/tickets/read-rating-link.ts';

/**
 * Rating links: the owner makes a signed, expiring link; the customer opens `/rate/<token>` and
 * rates without signing in. `getSecret` loads the server secret on first use.
 */
export function registerRatingRoutes(app: AppInstance, deps: AppDeps, getSecret: () => Promise<string>): void {
  const tags = ['rating'];

  app.post(
    '/api/tickets/:id/rating-link',
    {
      schema: {
        tags: ['tickets', ...tags], summary: 'The owner makes a link for the customer to rate the result without signing in', params: IdParams,
        response: withErrors({ 201: CreatedRatingLink }),
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await createRatingLink(deps.db, staffContext(request), { ticketId: request.params.id, nowMs: deps.now(), secret: await getSecret() });
      // The configured address when there is one: the Host header is the caller's to choose.
      const base = deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.status(201).send({ url: `${base}/rate/${token}`, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/api/rating/:token',
    {
      schema: {
        tags, security: [], summary: "What a rating link is about, with the survey's questions: 404 when it is not valid, 410 when it expired", params: RatingLinkParams,
        response: withErrors({ 200: RatingLinkView }),
      },
    },
    async (request) => readRatingLink(deps.db, anonymousContext(request), { token: request.params.token, nowMs: deps.now(), secret: await getSecret() }),
  );

  app.post(
    '/api/rating/:token',
    {
      schema: {
        tags, security: [], summary: "Rate through the link (once): satisfaction 1–5, a comment, and the survey's answers", params: RatingLinkParams, body: LinkRatingBody,
        response: withErrors({ 201: RatedByLink }),
      },
    },
    async (request, reply) => {
      const result = await rateByLink(deps.db, anonymousContext(request), { token: request.params.token, ...request.body, nowMs: deps.now(), secret: await getSecret() });
      return reply.status(201).send(result);
    },
  );
}
