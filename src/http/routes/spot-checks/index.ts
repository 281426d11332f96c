import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { auditSpotCheckItem, drawSpotCheck, getSpotCheck, listSpotChecks } from '../../../services/accountability/spot-checks.ts';
import { Body, IdParams } from '../common.ts';

export function registerSpotCheckRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['spot checks'];
  app.get('/api/spot-checks', { schema: { tags, summary: 'Spot checks drawn, newest first (office)', querystring: Type.Object({ period: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request) =>
    listSpotChecks(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/spot-checks',
    {
      schema: {
        tags, summary: "Draw a reproducible random sample of a period's closed tickets: a share or a count, stratified by department (office)",
        body: Body({
          period: Type.String({ maxLength: 20 }),
          seed: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
          // No null here: the API coerces 0 to null, which would hide a zero share or count behind "give one of them".
          share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
          count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          stratifyByDepartment: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await drawSpotCheck(deps.db, staffContext(request), request.body, deps.now())),
  );
  app.get('/api/spot-checks/:id', { schema: { tags, summary: 'A spot check with its sampled tickets and their checklists (office)', params: IdParams } }, async (request) =>
    getSpotCheck(deps.db, staffContext(request), request.params.id),
  );
  app.post(
    '/api/spot-checks/:id/items/:ticketId',
    {
      schema: {
        tags, summary: 'Audit one sampled ticket against the checklist (office)',
        params: Type.Object({ id: IdParams.properties.id, ticketId: IdParams.properties.id }),
        body: Body({ ownershipKept: Type.Boolean(), resultTold: Type.Boolean(), callbackMade: Type.Boolean(), mannerOk: Type.Boolean(), note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])) }),
      },
    },
    async (request) => auditSpotCheckItem(deps.db, staffContext(request), request.params.id, request.params.ticketId, request.body, deps.now()),
  );
}
