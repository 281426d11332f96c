import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { closeCareEntry } from '../../../services/care/close-care-entry.ts';
import { createCareEntry } from '../../../services/care/create-care-entry.ts';
import { createVisitPlan } from '../../../services/care/create-visit-plan.ts';
import { addCareVisitsTo360 } from '../../../services/care/customer-360-visits.ts';
import { generateCareVisits } from '../../../services/care/generate-care-visits.ts';
import { recordCareVisit } from '../../../services/care/record-care-visit.ts';
import { updateCareEntry } from '../../../services/care/update-care-entry.ts';
import { updateVisitPlan } from '../../../services/care/update-visit-plan.ts';
import { getCareEntry, getCareVisit, listCareEntries, listCareVisits } from '../../../services/care/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  CareEntryDetail,
  CareEntryPage,
  CareVisitPage,
  CareVisitView,
  CloseCareEntryBody,
  CreateCareEntryBody,
  CreateVisitPlanBody,
  GenerateCareVisitsBody,
  GenerateCareVisitsResult,
  ListCareEntriesQuery,
  ListCareVisitsQuery,
  RecordCareVisitBody,
  UpdateCareEntryBody,
  UpdateVisitPlanBody,
  VisitPlanView,
} from '../../../contracts/care.ts';

/** The special-care register (PRODUCT.md §5): entries, visit plans, generated visits and their records. */
export function registerCareRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['special care'];
  addCareVisitsTo360();
  app.get(
    '/api/care/entries',
    { schema: { tags, summary: 'The special-care register, filtered by reason, open/closed, visitor or customer', querystring: ListCareEntriesQuery, response: withErrors({ 200: CareEntryPage }) } },
    async (request) => listCareEntries(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );
  app.post(
    '/api/care/entries',
    { schema: { tags, summary: 'Put a customer on the register (office, supervisors, admins)', body: CreateCareEntryBody, response: withErrors({ 201: CareEntryDetail }) } },
    async (request, reply) => reply.status(201).send(await createCareEntry(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.get('/api/care/entries/:id', { schema: { tags, summary: 'One entry with its plans and visit history', params: IdParams, response: withErrors({ 200: CareEntryDetail }) } }, async (request) =>
    getCareEntry(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() }),
  );
  app.patch(
    '/api/care/entries/:id',
    { schema: { tags, summary: 'Change the reasons, note or since-date', params: IdParams, body: UpdateCareEntryBody, response: withErrors({ 200: CareEntryDetail }) } },
    async (request) => updateCareEntry(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
  app.post(
    '/api/care/entries/:id/close',
    { schema: { tags, summary: 'Take the customer off the register with a reason; its plans stop', params: IdParams, body: CloseCareEntryBody, response: withErrors({ 200: CareEntryDetail }) } },
    async (request) => closeCareEntry(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
  app.post(
    '/api/care/entries/:id/plans',
    { schema: { tags, summary: 'Add a visit plan: every N weeks or months, preferred times, the visitor', params: IdParams, body: CreateVisitPlanBody, response: withErrors({ 201: VisitPlanView }) } },
    async (request, reply) => reply.status(201).send(await createVisitPlan(deps.db, staffContext(request), { ...request.body, entryId: request.params.id, nowMs: deps.now() })),
  );
  app.patch(
    '/api/care/plans/:id',
    { schema: { tags, summary: 'Change or pause a visit plan', params: IdParams, body: UpdateVisitPlanBody, response: withErrors({ 200: VisitPlanView }) } },
    async (request) => updateVisitPlan(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
  app.post(
    '/api/care/generate',
    {
      schema: {
        tags,
        summary: 'Register the visit tickets due within the horizon (30 days by default), each exactly once (admin, office)',
        body: GenerateCareVisitsBody,
        response: withErrors({ 200: GenerateCareVisitsResult }),
      },
    },
    async (request) =>
      generateCareVisits(deps.db, staffContext(request), { nowMs: deps.now(), ...(request.body?.horizonDays === undefined ? {} : { horizonDays: request.body.horizonDays }) }),
  );
  app.get(
    '/api/care/visits',
    { schema: { tags, summary: 'Visits: upcoming, overdue (with counts per visitor and department), recorded or all', querystring: ListCareVisitsQuery, response: withErrors({ 200: CareVisitPage }) } },
    async (request) => listCareVisits(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );
  app.get('/api/care/visits/:id', { schema: { tags, summary: 'One visit', params: IdParams, response: withErrors({ 200: CareVisitView }) } }, async (request) =>
    getCareVisit(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() }),
  );
  app.post(
    '/api/care/visits/:id/record',
    {
      schema: {
        tags,
        summary: "Record the visit (the visitor): findings, the customer's confirmation on the spot, an optional follow-up request",
        params: IdParams,
        body: RecordCareVisitBody,
        response: withErrors({ 200: CareVisitView }),
      },
    },
    async (request) => recordCareVisit(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
}
