import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { checkDatabase } from '../../../services/health/check-database.ts';

export function registerHealthRoutes(app: AppInstance, deps: AppDeps): void {
  app.get('/api/health', { schema: { tags: ['health'], summary: 'Liveness and database reachability' } }, async (_request, reply) => {
    if (await checkDatabase(deps.db, { timeoutMs: 3000 })) return { status: 'ok', database: 'ok' };
    return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
  });
}
