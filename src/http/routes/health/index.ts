import { sql } from 'kysely';
import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { withErrors } from '../../../contracts/common.ts';
import { HealthStatus } from '../../../contracts/health.ts';

export function registerHealthRoutes(app: AppInstance, deps: AppDeps): void {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness and database reachability (503 with the same body when the database does not answer)', response: withErrors({ 200: HealthStatus, 503: HealthStatus }) } },
    async (_request, reply) => {
      try {
        await Promise.race([
          sql`select 1`.execute(deps.db),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
        ]);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
      }
    },
  );
}
