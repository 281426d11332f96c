import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { portalContext } from '../../auth.ts';
import { appealCustomerComplaint, fileCustomerComplaint, getPortalComplaint, listPortalComplaints } from '../../../services/accountability/complaints.ts';
import { Body, IdParams, PageQuery } from '../common.ts';

/** Customers file complaints on the portal and follow them: progress and outcome, never the internal findings. */
export function registerPortalComplaintRoutes(app: AppInstance, deps: AppDeps): void {
  const signedIn = { tags: ['portal'], security: [{ portalCookie: [] }] };
  app.post(
    '/api/portal/complaints',
    {
      schema: {
        ...signedIn, summary: 'Complain about how you were served, optionally naming one of your requests. Send an Idempotency-Key header to make retries safe.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: Body({
          summary: Type.String({ maxLength: 200 }),
          description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
          ticketId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
          subjectDescription: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        }),
      },
    },
    async (request, reply) => {
      const result = await fileCustomerComplaint(deps.db, portalContext(request), request.body, { nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.complaint);
    },
  );
  app.get('/api/portal/complaints', { schema: { ...signedIn, summary: 'My complaints, newest first', querystring: Type.Object({ ...PageQuery }) } }, async (request) =>
    listPortalComplaints(deps.db, portalContext(request), request.query),
  );
  app.get('/api/portal/complaints/:id', { schema: { ...signedIn, summary: 'One of my complaints and how it is progressing', params: IdParams } }, async (request) =>
    getPortalComplaint(deps.db, portalContext(request), request.params.id),
  );
  app.post(
    '/api/portal/complaints/:id/appeal',
    { schema: { ...signedIn, summary: 'Appeal a complaint that was not upheld (once)', params: IdParams, body: Body({ reason: Type.String({ maxLength: 2000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request) => appealCustomerComplaint(deps.db, portalContext(request), request.params.id, request.body, deps.now()),
  );
}
