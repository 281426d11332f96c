import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import type { ComplaintAction } from '../../../domain/accountability/decide-complaint-action.ts';
import { decideComplaintFlag, listComplaintFlags } from '../../../services/accountability/complaint-flags.ts';
import { getComplaint, listComplaints, performComplaintAction, registerComplaint } from '../../../services/accountability/complaints.ts';
import { IdParams } from '../common.ts';
import { COMPLAINT_ACTION_BODIES, FlagDecisionBody, FlagListQuery, ListComplaintsQuery, RegisterComplaintBody } from './schema.ts';

export function registerComplaintRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['complaints'];
  app.post(
    '/api/complaints',
    {
      schema: {
        tags, summary: "Register a customer's complaint (phone, letter, visit, email) or your own about a colleague. Send an Idempotency-Key header to make retries safe.",
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: RegisterComplaintBody,
      },
    },
    async (request, reply) => {
      const result = await registerComplaint(deps.db, staffContext(request), request.body, { nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.complaint);
    },
  );

  app.get('/api/complaints', { schema: { tags, summary: 'Complaints I may see: the office all; others those they filed, investigate, are about them or their people', querystring: ListComplaintsQuery } }, async (request) =>
    listComplaints(deps.db, staffContext(request), request.query),
  );

  app.get('/api/complaints/:id', { schema: { tags, summary: 'One complaint with its history, evidence and what I may do now', params: IdParams } }, async (request) =>
    getComplaint(deps.db, staffContext(request), request.params.id),
  );

  for (const [segment, { type, summary, body }] of Object.entries(COMPLAINT_ACTION_BODIES)) {
    app.post(`/api/complaints/:id/${segment}`, { schema: { tags, summary, params: IdParams, body } }, async (request) => {
      const { version, ...fields } = (request.body ?? {}) as { version?: number } & Record<string, unknown>;
      return performComplaintAction(deps.db, staffContext(request), (request.params as { id: number }).id, { type, ...fields } as ComplaintAction, {
        nowMs: deps.now(),
        ...(version === undefined ? {} : { expectedVersion: version }),
      });
    });
  }

  app.get('/api/complaint-flags', { schema: { tags, summary: 'Three verified complaints in 365 days: the flags for the office and the person\'s superiors', querystring: FlagListQuery } }, async (request) =>
    listComplaintFlags(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.post('/api/complaint-flags/:id/decision', { schema: { tags, summary: 'Record what people decided about a flag', params: IdParams, body: FlagDecisionBody } }, async (request) =>
    decideComplaintFlag(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
}
