import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { decideComplaintFlag } from '../../../services/accountability/complaint-flags/decide-complaint-flag.ts';
import { listComplaintFlags } from '../../../services/accountability/complaint-flags/views.ts';
import { addComplaintEvidence } from '../../../services/accountability/complaints/add-complaint-evidence.ts';
import { appealComplaint } from '../../../services/accountability/complaints/appeal-complaint.ts';
import { assignComplaint } from '../../../services/accountability/complaints/assign-complaint.ts';
import { decideComplaintAppeal } from '../../../services/accountability/complaints/decide-complaint-appeal.ts';
import { decideComplaint } from '../../../services/accountability/complaints/decide-complaint.ts';
import { registerComplaint } from '../../../services/accountability/complaints/register-complaint.ts';
import { respondToComplaint } from '../../../services/accountability/complaints/respond-to-complaint.ts';
import { updateComplaintInvestigation } from '../../../services/accountability/complaints/update-complaint-investigation.ts';
import { getComplaint, listComplaints } from '../../../services/accountability/complaints/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  AddComplaintEvidenceBody,
  AppealComplaintBody,
  AssignComplaintBody,
  ComplaintFlagList,
  ComplaintFlagView,
  ComplaintList,
  ComplaintView,
  DecideComplaintBody,
  FlagDecisionBody,
  FlagListQuery,
  IdempotencyHeaders,
  ListComplaintsQuery,
  RegisterComplaintBody,
  RespondToComplaintBody,
  UpdateComplaintBody,
} from '../../../contracts/complaints.ts';

export function registerComplaintRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['complaints'];
  app.post(
    '/api/complaints',
    {
      schema: {
        tags, summary: "Register a customer's complaint (phone, letter, visit, email) or your own about a colleague. Send an Idempotency-Key header to make retries safe.",
        headers: IdempotencyHeaders,
        body: RegisterComplaintBody,
        response: withErrors({ 200: ComplaintView, 201: ComplaintView }),
      },
    },
    async (request, reply) => {
      const result = await registerComplaint(deps.db, staffContext(request), { ...request.body, nowMs: deps.now(), idempotencyKey: request.headers['idempotency-key'] ?? null });
      return reply.status(result.status).send(result.complaint);
    },
  );

  app.get(
    '/api/complaints',
    { schema: { tags, summary: 'Complaints I may see: the office all; others those they filed, investigate, are about them or their people', querystring: ListComplaintsQuery, response: withErrors({ 200: ComplaintList }) } },
    async (request) => listComplaints(deps.db, staffContext(request), request.query),
  );

  app.get(
    '/api/complaints/:id',
    { schema: { tags, summary: 'One complaint with its history, evidence and what I may do now', params: IdParams, response: withErrors({ 200: ComplaintView }) } },
    async (request) => getComplaint(deps.db, staffContext(request), { id: request.params.id }),
  );

  // One route per step of the investigation; each body names only what its step takes.
  const step = { tags, params: IdParams, response: withErrors({ 200: ComplaintView }) };
  const at = (request: { params: { id: number } }) => ({ id: request.params.id, nowMs: deps.now() });
  app.post('/api/complaints/:id/assign', { schema: { ...step, summary: 'Name the investigator; a received complaint goes under investigation (office)', body: AssignComplaintBody } }, async (request) =>
    assignComplaint(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post(
    '/api/complaints/:id/update',
    { schema: { ...step, summary: 'Record the investigation: the person concerned, the ticket, the kind, the findings (office or investigator)', body: UpdateComplaintBody } },
    async (request) => updateComplaintInvestigation(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post(
    '/api/complaints/:id/evidence',
    { schema: { ...step, summary: 'Attach evidence: a ticket, a statement, a document reference or a link (office or investigator)', body: AddComplaintEvidenceBody } },
    async (request) => addComplaintEvidence(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post('/api/complaints/:id/respond', { schema: { ...step, summary: 'The person concerned responds', body: RespondToComplaintBody } }, async (request) =>
    respondToComplaint(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post(
    '/api/complaints/:id/decide',
    { schema: { ...step, summary: 'Verify or reject with a reason; a message for the complainant; the severity of a verified one (office)', body: DecideComplaintBody } },
    async (request) => decideComplaint(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post(
    '/api/complaints/:id/appeal',
    { schema: { ...step, summary: 'Appeal once: the person concerned against a verification, the complainant against a rejection', body: AppealComplaintBody } },
    async (request) => appealComplaint(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );
  app.post('/api/complaints/:id/decide-appeal', { schema: { ...step, summary: 'Decide the appeal for good (office)', body: DecideComplaintBody } }, async (request) =>
    decideComplaintAppeal(deps.db, staffContext(request), { ...request.body, ...at(request) }),
  );

  app.get(
    '/api/complaint-flags',
    { schema: { tags, summary: 'Three verified complaints in 365 days: the flags for the office and the person\'s superiors', querystring: FlagListQuery, response: withErrors({ 200: ComplaintFlagList }) } },
    async (request) => listComplaintFlags(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.post(
    '/api/complaint-flags/:id/decision',
    { schema: { tags, summary: 'Record what people decided about a flag', params: IdParams, body: FlagDecisionBody, response: withErrors({ 200: ComplaintFlagView }) } },
    async (request) => decideComplaintFlag(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
}
