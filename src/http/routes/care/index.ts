import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { closeCareEntry, createCareEntry, getCareEntry, listCareEntries, updateCareEntry } from '../../../services/care/care-entries.ts';
import { getCareVisit, listCareVisits } from '../../../services/care/care-visits.ts';
import { addCareVisitsTo360 } from '../../../services/care/customer-360-visits.ts';
import { generateCareVisits } from '../../../services/care/generate-care-visits.ts';
import { recordCareVisit } from '../../../services/care/record-care-visit.ts';
import { createVisitPlan, updateVisitPlan } from '../../../services/care/visit-plans.ts';
import { IdParams } from '../common.ts';
import { CloseEntryBody, CreateEntryBody, CreatePlanBody, GenerateBody, ListEntriesQuery, ListVisitsQuery, RecordVisitBody, UpdateEntryBody, UpdatePlanBody } from './schema.ts';

/** The special-care register (PRODUCT.md §5): entries, visit plans, generated visits and their records. */
export function registerCareRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['special care'];
  addCareVisitsTo360();
  app.get('/api/care/entries', { schema: { tags, summary: 'The special-care register, filtered by reason, open/closed, visitor or customer', querystring: ListEntriesQuery } }, async (request) =>
    listCareEntries(deps.db, staffContext(request), request.query, deps.now()),
  );
  app.post('/api/care/entries', { schema: { tags, summary: 'Put a customer on the register (office, supervisors, admins)', body: CreateEntryBody } }, async (request, reply) =>
    reply.status(201).send(await createCareEntry(deps.db, staffContext(request), request.body, deps.now())),
  );
  app.get('/api/care/entries/:id', { schema: { tags, summary: 'One entry with its plans and visit history', params: IdParams } }, async (request) =>
    getCareEntry(deps.db, staffContext(request), request.params.id, deps.now()),
  );
  app.patch('/api/care/entries/:id', { schema: { tags, summary: 'Change the reasons, note or since-date', params: IdParams, body: UpdateEntryBody } }, async (request) =>
    updateCareEntry(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.post('/api/care/entries/:id/close', { schema: { tags, summary: 'Take the customer off the register with a reason; its plans stop', params: IdParams, body: CloseEntryBody } }, async (request) =>
    closeCareEntry(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.post('/api/care/entries/:id/plans', { schema: { tags, summary: 'Add a visit plan: every N weeks or months, preferred times, the visitor', params: IdParams, body: CreatePlanBody } }, async (request, reply) =>
    reply.status(201).send(await createVisitPlan(deps.db, staffContext(request), request.params.id, request.body, deps.now())),
  );
  app.patch('/api/care/plans/:id', { schema: { tags, summary: 'Change or pause a visit plan', params: IdParams, body: UpdatePlanBody } }, async (request) =>
    updateVisitPlan(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.post('/api/care/generate', { schema: { tags, summary: 'Register the visit tickets due within the horizon (30 days by default), each exactly once (admin, office)', body: GenerateBody } }, async (request) =>
    generateCareVisits(deps.db, staffContext(request), { nowMs: deps.now(), ...(request.body?.horizonDays === undefined ? {} : { horizonDays: request.body.horizonDays }) }),
  );
  app.get('/api/care/visits', { schema: { tags, summary: 'Visits: upcoming, overdue (with counts per visitor and department), recorded or all', querystring: ListVisitsQuery } }, async (request) =>
    listCareVisits(deps.db, staffContext(request), request.query, deps.now()),
  );
  app.get('/api/care/visits/:id', { schema: { tags, summary: 'One visit', params: IdParams } }, async (request) => getCareVisit(deps.db, staffContext(request), request.params.id, deps.now()));
  app.post('/api/care/visits/:id/record', { schema: { tags, summary: "Record the visit (the visitor): findings, the customer's confirmation on the spot, an optional follow-up request", params: IdParams, body: RecordVisitBody } }, async (request) =>
    recordCareVisit(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
}
