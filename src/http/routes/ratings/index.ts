import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { exportAccountabilityReport, getAccountabilityReport, getPersonAssessment, listRatingSheet, saveRating } from '../../../services/accountability/ratings.ts';
import { getAccountabilityReach } from '../../../services/accountability/load-accountability-viewer.ts';
import { Body, IdParams } from '../common.ts';

const PeriodQuery = Type.Object({ period: Type.String({ maxLength: 20 }) });

export function registerStaffRatingRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['ratings'];
  app.get('/api/ratings/reach', { schema: { tags, summary: 'What the accountability screens offer me: office work, and overseeing people (department heads and supervisors)' } }, async (request) =>
    getAccountabilityReach(deps.db, staffContext(request)),
  );
  app.get('/api/ratings/sheet', { schema: { tags, summary: 'The people I rate this period, with the evidence and a suggested score', querystring: PeriodQuery } }, async (request) =>
    listRatingSheet(deps.db, staffContext(request), request.query.period),
  );

  app.get(
    '/api/ratings/people/:id',
    { schema: { tags, summary: "A person's period: evidence, suggested score, rating, ledger (my own; my people's; the office everyone's)", params: IdParams, querystring: PeriodQuery } },
    async (request) => getPersonAssessment(deps.db, staffContext(request), request.params.id, request.query.period),
  );

  app.post(
    '/api/ratings/people/:id',
    {
      schema: {
        tags, summary: 'Rate a person I oversee for a period: 0–10 with up to two decimals and a comment',
        params: IdParams,
        body: Body({ period: Type.String({ maxLength: 20 }), score: Type.Number({ minimum: 0, maximum: 10 }), comment: Type.String({ maxLength: 4000 }), version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      },
    },
    async (request) => saveRating(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );

  app.get('/api/ratings/report', { schema: { tags, summary: 'The period per person and per department, over the people I may see', querystring: PeriodQuery } }, async (request) =>
    getAccountabilityReport(deps.db, staffContext(request), request.query.period),
  );

  app.get(
    '/api/ratings/report.csv',
    { schema: { tags, summary: 'The report as CSV', querystring: Type.Object({ period: Type.String({ maxLength: 20 }), groupBy: Type.Optional(Type.Union([Type.Literal('person'), Type.Literal('department')])) }) } },
    async (request, reply) => {
      const { filename, csv } = await exportAccountabilityReport(deps.db, staffContext(request), request.query.period, request.query.groupBy ?? 'person');
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    },
  );
}
