import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { auditSpotCheckItem } from '../../../services/accountability/spot-checks/audit-spot-check-item.ts';
import { drawSpotCheck } from '../../../services/accountability/spot-checks/draw-spot-check.ts';
import { getSpotCheck, listSpotChecks } from '../../../services/accountability/spot-checks/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { AuditSpotCheckItemBody, DrawSpotCheckBody, ListSpotChecksQuery, SpotCheckItemParams, SpotCheckItemView, SpotCheckList, SpotCheckView } from '../../../contracts/spot-checks.ts';

export function registerSpotCheckRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['spot checks'];
  app.get(
    '/api/spot-checks',
    { schema: { tags, summary: 'Spot checks drawn, newest first (office)', querystring: ListSpotChecksQuery, response: withErrors({ 200: SpotCheckList }) } },
    async (request) => listSpotChecks(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/spot-checks',
    {
      schema: {
        tags, summary: "Draw a reproducible random sample of a period's closed tickets: a share or a count, stratified by department (office)",
        body: DrawSpotCheckBody,
        response: withErrors({ 201: SpotCheckView }),
      },
    },
    async (request, reply) => reply.status(201).send(await drawSpotCheck(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.get(
    '/api/spot-checks/:id',
    { schema: { tags, summary: 'A spot check with its sampled tickets and their checklists (office)', params: IdParams, response: withErrors({ 200: SpotCheckView }) } },
    async (request) => getSpotCheck(deps.db, staffContext(request), { id: request.params.id }),
  );
  app.post(
    '/api/spot-checks/:id/items/:ticketId',
    {
      schema: {
        tags, summary: 'Audit one sampled ticket against the checklist (office)',
        params: SpotCheckItemParams,
        body: AuditSpotCheckItemBody,
        response: withErrors({ 200: SpotCheckItemView }),
      },
    },
    async (request) => auditSpotCheckItem(deps.db, staffContext(request), { ...request.body, id: request.params.id, ticketId: request.params.ticketId, nowMs: deps.now() }),
  );
}
