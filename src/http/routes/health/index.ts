import { sql } from 'kysely';
import type { AppInstance, AppDeps } from '../../app-deps.ts';

export function registerHealthRoutes(app: AppInstance, deps: AppDeps): void {
  app.get('/api/health', { schema: { tags: ['health'], summary: 'Liveness and database reachability' } }, async (_request, reply) => {
    try {
      await Promise.race([
        sql`select 1`.execute(deps.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
      ]);
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });
}
