import { Type } from 'typebox';
import type { AppInstance, AppDeps } from '../../app.ts';
import { staffContext } from '../../auth.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../services/auth/api-tokens.ts';
import { Body, IdParams } from '../common.ts';

export function registerTokenRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['API tokens'];
  app.get('/api/tokens', { schema: { tags, summary: 'My API tokens (secrets are never shown again)' } }, async (request) => {
    const ctx = staffContext(request);
    return { items: await listApiTokens(deps.db, ctx.actor.id) };
  });
  app.post(
    '/api/tokens',
    {
      schema: {
        tags, summary: 'Create an API token acting with my rights; the secret is in this answer only',
        body: Body({ name: Type.String({ maxLength: 100 }), expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])) }),
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.delete('/api/tokens/:id', { schema: { tags, summary: 'Revoke a token', params: IdParams } }, async (request, reply) => {
    await revokeApiToken(deps.db, staffContext(request), request.params.id, deps.now());
    return reply.status(204).send();
  });
}
