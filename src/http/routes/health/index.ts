import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { withErrors } from '../../../contracts/common.ts';
import { HealthStatus } from '../../../contracts/health.ts';
import { checkDatabase } from '../../../services/health/check-database.ts';

export function registerHealthRoutes(app: AppInstance, deps: AppDeps): void {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness and database reachability (503 with the same body when the database does not answer)', response: withErrors({ 200: HealthStatus, 503: HealthStatus }) } },
    async (_request, reply) => {
      if (await checkDatabase(deps.db, { timeoutMs: 3000 })) return { status: 'ok' as const, database: 'ok' as const };
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    },
  );
}
