import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { invalid } from '../../../domain/shared/domain-error.ts';
import { listAuditTrail } from '../../../services/list-audit-trail.ts';
import { requireStaff } from '../../../services/org/require-role.ts';
import { AuditPage, ListAuditQuery } from '../../../contracts/audit.ts';
import { withErrors } from '../../../contracts/common.ts';

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(`"${value}" is not a date or time (use e.g. 2026-01-31 or 2026-01-31T08:00:00Z)`, field);
  return d;
}

export function registerAuditRoutes(app: AppInstance, deps: AppDeps): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'], summary: 'The audit trail (admin): who changed what, when, from where',
        querystring: ListAuditQuery,
        response: withErrors({ 200: AuditPage }),
      },
    },
    async (request) => {
      const ctx = staffContext(request);
      requireStaff(ctx, 'admin');
      const { from, to, ...rest } = request.query;
      return listAuditTrail(deps.db, { ...rest, from: parseDate(from, 'from'), to: parseDate(to, 'to') });
    },
  );
}
