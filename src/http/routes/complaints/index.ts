import type { TSchema } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import type { Db } from '../../../db/connect.ts';
import type { RequestContext } from '../../../services/context.ts';
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
  DecideComplaintAppealBody,
  DecideComplaintBody,
  FlagDecisionBody,
  FlagListQuery,
  IdempotencyHeaders,
  ListComplaintsQuery,
  RegisterComplaintBody,
  RespondToComplaintBody,
  UpdateComplaintBody,
} from '../../../contracts/complaints.ts';

type ComplaintStep = (db: Db, ctx: RequestContext, input: { id: number; nowMs: number; version?: number }) => Promise<ComplaintView>;

/** Each complaint action: its path segment, its body and the use case it runs. */
const COMPLAINT_ACTIONS: { segment: string; summary: string; body: TSchema; run: ComplaintStep }[] = [
  { segment: 'assign', summary: 'Name the investigator; a received complaint goes under investigation (office)', body: AssignComplaintBody, run: assignComplaint as ComplaintStep },
  {
    segment: 'update', summary: 'Record the investigation: the person concerned, the ticket, the kind, the findings (office or investigator)',
    body: UpdateComplaintBody, run: updateComplaintInvestigation as ComplaintStep,
  },
  {
    segment: 'evidence', summary: 'Attach evidence: a ticket, a statement, a document reference or a link (office or investigator)',
    body: AddComplaintEvidenceBody, run: addComplaintEvidence as ComplaintStep,
  },
  { segment: 'respond', summary: 'The person concerned responds', body: RespondToComplaintBody, run: respondToComplaint as ComplaintStep },
  {
    segment: 'decide', summary: 'Verify or reject with a reason; a message for the complainant; the severity of a verified one (office)',
    body: DecideComplaintBody, run: decideComplaint as ComplaintStep,
  },
  { segment: 'appeal', summary: 'Appeal once: the person concerned against a verification, the complainant against a rejection', body: AppealComplaintBody, run: appealComplaint as ComplaintStep },
  { segment: 'decide-appeal', summary: 'Decide the appeal for good (office)', body: DecideComplaintAppealBody, run: decideComplaintAppeal as ComplaintStep },
];

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

  for (const { segment, summary, body, run } of COMPLAINT_ACTIONS) {
    app.post(`/api/complaints/:id/${segment}`, { schema: { tags, summary, params: IdParams, body, response: withErrors({ 200: ComplaintView }) } }, async (request) => {
      const fields = (request.body ?? {}) as Record<string, unknown>;
      return run(deps.db, staffContext(request), { ...fields, id: (request.params as { id: number }).id, nowMs: deps.now() });
    });
  }

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
