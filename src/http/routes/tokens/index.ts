import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createApiToken } from '../../../services/auth/create-api-token.ts';
import { revokeApiToken } from '../../../services/auth/revoke-api-token.ts';
import { listApiTokens } from '../../../services/auth/views.ts';
import { IdParams, NoContent, withErrors } from '../../../contracts/common.ts';
import { ApiTokenList, CreateApiTokenBody, CreatedApiToken } from '../../../contracts/api-tokens.ts';

export function registerTokenRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['API tokens'];
  app.get('/api/tokens', { schema: { tags, summary: 'My API tokens (secrets are never shown again)', response: withErrors({ 200: ApiTokenList }) } }, async (request) => {
    const ctx = staffContext(request);
    return { items: await listApiTokens(deps.db, ctx.actor.id) };
  });
  app.post(
    '/api/tokens',
    { schema: { tags, summary: 'Create an API token acting with my rights; the secret is in this answer only', body: CreateApiTokenBody, response: withErrors({ 201: CreatedApiToken }) } },
    async (request, reply) => reply.status(201).send(await createApiToken(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.delete('/api/tokens/:id', { schema: { tags, summary: 'Revoke a token', params: IdParams, response: withErrors({ 204: NoContent }) } }, async (request, reply) => {
    await revokeApiToken(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() });
    return reply.status(204).send(null);
  });
}
