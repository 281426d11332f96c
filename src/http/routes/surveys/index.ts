import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { portalContext, staffContext } from '../../auth.ts';
import { listCustomerTicketSurveys, listTicketSurveys } from '../../../services/surveys/get-ticket-surveys.ts';
import { computeIndicatorIndex } from '../../../services/surveys/compute-indicator-index.ts';
import { createSurveyDimension } from '../../../services/surveys/create-survey-dimension.ts';
import { createSurveyTemplate } from '../../../services/surveys/create-survey-template.ts';
import { getSurveyDashboard } from '../../../services/surveys/get-survey-dashboard.ts';
import { getSurveyResults } from '../../../services/surveys/get-survey-results.ts';
import { rankByAhp } from '../../../services/surveys/rank-by-ahp.ts';
import { updateSurveyDimension } from '../../../services/surveys/update-survey-dimension.ts';
import { updateSurveyTemplate } from '../../../services/surveys/update-survey-template.ts';
import { getSurveyTemplate, getSurveyTemplateVersion, listSurveyDimensions, listSurveyTemplates } from '../../../services/surveys/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  AhpBody, AhpResultView, CreateDimensionBody, CreateTemplateBody, CustomerSurveyList, DashboardQuery, DimensionKeyParams, ResultsQuery, SurveyDashboard, SurveyDimensionList,
  SurveyDimensionView, SurveyResults, SurveyTemplateList, SurveyTemplateVersionView, SurveyTemplateView, TicketSurveyList, UpdateDimensionBody, UpdateTemplateBody, VersionParams,
  WeightedIndexBody, WeightedIndexView,
} from '../../../contracts/surveys.ts';

/** Surveys (PRODUCT.md §3): dimensions, versioned templates, a ticket's callback surveys, results and survey science. */
export function registerSurveyRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['surveys'];

  app.get('/api/surveys/dimensions', { schema: { tags, summary: 'The service-quality dimensions questions are scored on, in display order', response: withErrors({ 200: SurveyDimensionList }) } }, async (request) => ({
    items: await listSurveyDimensions(deps.db, staffContext(request)),
  }));
  app.post('/api/surveys/dimensions', { schema: { tags, summary: 'Add a dimension (admin, office); its key is permanent', body: CreateDimensionBody, response: withErrors({ 201: SurveyDimensionView }) } }, async (request, reply) =>
    reply.status(201).send(await createSurveyDimension(deps.db, staffContext(request), request.body)),
  );
  app.patch('/api/surveys/dimensions/:key', { schema: { tags, summary: 'Rename, reorder or (de)activate a dimension (admin, office)', params: DimensionKeyParams, body: UpdateDimensionBody, response: withErrors({ 200: SurveyDimensionView }) } }, async (request) =>
    updateSurveyDimension(deps.db, staffContext(request), { key: request.params.key, changes: request.body }),
  );

  app.get('/api/surveys/templates', { schema: { tags, summary: 'Survey templates with their current questions and versions (admin, office)', response: withErrors({ 200: SurveyTemplateList }) } }, async (request) => ({
    items: await listSurveyTemplates(deps.db, staffContext(request)),
  }));
  app.post('/api/surveys/templates', { schema: { tags, summary: 'Write a survey template: version 1 holds its questions (admin, office)', body: CreateTemplateBody, response: withErrors({ 201: SurveyTemplateView }) } }, async (request, reply) =>
    reply.status(201).send(await createSurveyTemplate(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.get('/api/surveys/templates/:id', { schema: { tags, summary: 'One template with its current questions and every version (admin, office)', params: IdParams, response: withErrors({ 200: SurveyTemplateView }) } }, async (request) =>
    getSurveyTemplate(deps.db, staffContext(request), request.params.id),
  );
  app.patch(
    '/api/surveys/templates/:id',
    { schema: { tags, summary: 'Edit a template; different questions add a version, surveys keep the version they asked (admin, office)', params: IdParams, body: UpdateTemplateBody, response: withErrors({ 200: SurveyTemplateView }) } },
    async (request) => updateSurveyTemplate(deps.db, staffContext(request), { id: request.params.id, changes: request.body, nowMs: deps.now() }),
  );
  app.get('/api/surveys/templates/:id/versions/:version', { schema: { tags, summary: "One version's questions as its surveys asked them (admin, office)", params: VersionParams, response: withErrors({ 200: SurveyTemplateVersionView }) } }, async (request) =>
    getSurveyTemplateVersion(deps.db, staffContext(request), request.params.id, request.params.version),
  );

  app.get(
    '/api/tickets/:id/surveys',
    { schema: { tags: ['tickets', ...tags], summary: "A ticket's callback surveys, newest first: due date, questions, answers and who the rating was credited to", params: IdParams, response: withErrors({ 200: TicketSurveyList }) } },
    async (request) => ({ items: await listTicketSurveys(deps.db, staffContext(request), { ticketId: request.params.id, nowMs: deps.now() }) }),
  );
  app.get(
    '/api/portal/tickets/:id/surveys',
    { schema: { tags: ['portal'], security: [{ portalCookie: [] }], summary: 'The surveys of one of my requests: the questions and my answers', params: IdParams, response: withErrors({ 200: CustomerSurveyList }) } },
    async (request) => ({ items: await listCustomerTicketSurveys(deps.db, portalContext(request), { ticketId: request.params.id, nowMs: deps.now() }) }),
  );

  app.get(
    '/api/surveys/results',
    {
      schema: {
        tags,
        summary: "Survey results for [from, to) by answer time: CSAT (share of 4–5), mean, distribution, per-dimension means and Cronbach's α with n (flagged below 0.70), overall and per group. Admin and office see all; supervisors their subtree; others their own credits.",
        querystring: ResultsQuery,
        response: withErrors({ 200: SurveyResults }),
      },
    },
    async (request) => getSurveyResults(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.get(
    '/api/surveys/dashboard',
    {
      schema: {
        tags,
        summary: "The satisfaction dashboard for [from, to) in the company's time zone: CSAT and mean per ISO week and month, per department, person, category and channel, the dimensions' means, and the low ratings (1–2) with their follow-up. Visibility as for the results.",
        querystring: DashboardQuery,
        response: withErrors({ 200: SurveyDashboard }),
      },
    },
    async (request) => getSurveyDashboard(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.post(
    '/api/surveys/ahp',
    { schema: { tags, summary: 'AHP: pairwise comparison matrix → weights, λmax, CI, CR; CR ≥ 0.10 answers 400 naming the most inconsistent pair', body: AhpBody, response: withErrors({ 200: AhpResultView }) } },
    async (request) => rankByAhp(staffContext(request), request.body),
  );
  app.post(
    '/api/surveys/weighted-index',
    { schema: { tags, summary: 'A weighted index over an indicator tree; a missing score renormalises its siblings and lowers coverage', body: WeightedIndexBody, response: withErrors({ 200: WeightedIndexView }) } },
    async (request) => computeIndicatorIndex(staffContext(request), request.body),
  );
}
