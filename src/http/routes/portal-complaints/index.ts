import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { portalContext } from '../../auth.ts';
import { appealCustomerComplaint } from '../../../services/accountability/complaints/appeal-customer-complaint.ts';
import { fileCustomerComplaint } from '../../../services/accountability/complaints/file-customer-complaint.ts';
import { getPortalComplaint, listPortalComplaints } from '../../../services/accountability/complaints/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { IdempotencyHeaders } from '../../../contracts/complaints.ts';
import { AppealPortalComplaintBody, FilePortalComplaintBody, PortalComplaintList, PortalComplaintListQuery, PortalComplaintView } from '../../../contracts/portal-complaints.ts';

/** Customers file complaints on the portal and follow them: progress and outcome, never the internal findings. */
export function registerPortalComplaintRoutes(app: AppInstance, deps: AppDeps): void {
  const signedIn = { tags: ['portal'], security: [{ portalCookie: [] }] };
  app.post(
    '/api/portal/complaints',
    {
      schema: {
        ...signedIn, summary: 'Complain about how you were served, optionally naming one of your requests. Send an Idempotency-Key header to make retries safe.',
        headers: IdempotencyHeaders,
        body: FilePortalComplaintBody,
        response: withErrors({ 200: PortalComplaintView, 201: PortalComplaintView }),
      },
    },
    async (request, reply) => {
      const result = await fileCustomerComplaint(deps.db, portalContext(request), { ...request.body, nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.complaint);
    },
  );
  app.get(
    '/api/portal/complaints',
    { schema: { ...signedIn, summary: 'My complaints, newest first', querystring: PortalComplaintListQuery, response: withErrors({ 200: PortalComplaintList }) } },
    async (request) => listPortalComplaints(deps.db, portalContext(request), request.query),
  );
  app.get(
    '/api/portal/complaints/:id',
    { schema: { ...signedIn, summary: 'One of my complaints and how it is progressing', params: IdParams, response: withErrors({ 200: PortalComplaintView }) } },
    async (request) => getPortalComplaint(deps.db, portalContext(request), { id: request.params.id }),
  );
  app.post(
    '/api/portal/complaints/:id/appeal',
    { schema: { ...signedIn, summary: 'Appeal a complaint that was not upheld (once)', params: IdParams, body: AppealPortalComplaintBody, response: withErrors({ 200: PortalComplaintView }) } },
    async (request) => appealCustomerComplaint(deps.db, portalContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
}
