import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { getAccountabilityReach } from '../../../services/accountability/load-accountability-viewer.ts';
import { exportAccountabilityReport } from '../../../services/accountability/ratings/export-accountability-report.ts';
import { saveRating } from '../../../services/accountability/ratings/save-rating.ts';
import { getAccountabilityReport, getPersonAssessment, listRatingSheet } from '../../../services/accountability/ratings/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  AccountabilityReach,
  AccountabilityReport,
  AccountabilityReportCsv,
  PeriodQuery,
  PersonAssessment,
  RatingSheet,
  RatingView,
  ReportCsvQuery,
  SaveRatingBody,
} from '../../../contracts/ratings.ts';

export function registerStaffRatingRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['ratings'];
  app.get(
    '/api/ratings/reach',
    { schema: { tags, summary: 'What the accountability screens offer me: office work, and overseeing people (department heads and supervisors)', response: withErrors({ 200: AccountabilityReach }) } },
    async (request) => getAccountabilityReach(deps.db, staffContext(request)),
  );
  app.get(
    '/api/ratings/sheet',
    { schema: { tags, summary: 'The people I rate this period, with the evidence and a suggested score', querystring: PeriodQuery, response: withErrors({ 200: RatingSheet }) } },
    async (request) => listRatingSheet(deps.db, staffContext(request), { period: request.query.period }),
  );

  app.get(
    '/api/ratings/people/:id',
    {
      schema: {
        tags, summary: "A person's period: evidence, suggested score, rating, ledger (my own; my people's; the office everyone's)",
        params: IdParams, querystring: PeriodQuery, response: withErrors({ 200: PersonAssessment }),
      },
    },
    async (request) => getPersonAssessment(deps.db, staffContext(request), { personId: request.params.id, period: request.query.period }),
  );

  app.post(
    '/api/ratings/people/:id',
    {
      schema: {
        tags, summary: 'Rate a person I oversee for a period: 0–10 with up to two decimals and a comment',
        params: IdParams, body: SaveRatingBody, response: withErrors({ 200: RatingView }),
      },
    },
    async (request) => saveRating(deps.db, staffContext(request), { ...request.body, personId: request.params.id, nowMs: deps.now() }),
  );

  app.get(
    '/api/ratings/report',
    { schema: { tags, summary: 'The period per person and per department, over the people I may see', querystring: PeriodQuery, response: withErrors({ 200: AccountabilityReport }) } },
    async (request) => getAccountabilityReport(deps.db, staffContext(request), { period: request.query.period }),
  );

  app.get(
    '/api/ratings/report.csv',
    { schema: { tags, summary: 'The report as CSV', querystring: ReportCsvQuery, response: withErrors({ 200: AccountabilityReportCsv }) } },
    async (request, reply) => {
      const { filename, csv } = await exportAccountabilityReport(deps.db, staffContext(request), { period: request.query.period, groupBy: request.query.groupBy ?? 'person' });
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    },
  );
}
