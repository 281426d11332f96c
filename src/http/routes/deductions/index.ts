import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { listDeductionRules, updateDeductionRule } from '../../../services/accountability/deduction-rules.ts';
import { decideDeduction, getDeduction, listDeductions, proposeDeductionsForPeriod } from '../../../services/accountability/deductions.ts';
import { Body, IdParams, PageQuery } from '../common.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Period = Type.String({ maxLength: 20 });

export function registerDeductionRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['deductions'];
  app.get(
    '/api/deductions',
    {
      schema: {
        tags, summary: 'The deduction ledger: my own entries; a superior\'s people; the office everything',
        querystring: Type.Object({
          status: Type.Optional(literals(['proposed', 'confirmed', 'dismissed'] as const)),
          personId: Type.Optional(Type.Integer({ minimum: 1 })),
          departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
          period: Type.Optional(Period),
          ...PageQuery,
        }),
      },
    },
    async (request) => listDeductions(deps.db, staffContext(request), request.query),
  );

  app.post(
    '/api/deductions/scan',
    { schema: { tags, summary: 'Turn a period\'s breaches, verified complaints and routing histories into proposals (office); running it again proposes nothing twice', body: Body({ period: Period }) } },
    async (request) => proposeDeductionsForPeriod(deps.db, staffContext(request), { period: request.body.period, nowMs: deps.now() }),
  );

  app.get('/api/deductions/:id', { schema: { tags, summary: 'One ledger entry with its evidence', params: IdParams } }, async (request) => getDeduction(deps.db, staffContext(request), request.params.id));

  app.post(
    '/api/deductions/:id/decision',
    {
      schema: {
        tags, summary: 'Confirm or dismiss a proposal with a reason (office); a rule with a notice needs the notice of criticism',
        params: IdParams,
        body: Body({
          version: Type.Optional(Type.Integer({ minimum: 1 })),
          decision: literals(['confirm', 'dismiss'] as const),
          reason: Type.String({ maxLength: 2000 }),
          severity: Type.Optional(literals(['minor', 'serious'] as const)),
          notice: Type.Optional(Body({ title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }) })),
        }),
      },
    },
    async (request) => decideDeduction(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );

  app.get('/api/deduction-rules', { schema: { tags, summary: 'The deduction rules: points, notice and threshold per kind and severity' } }, async (request) => ({
    items: await listDeductionRules(deps.db, staffContext(request)),
  }));

  app.patch(
    '/api/deduction-rules/:id',
    {
      schema: {
        tags, summary: 'Edit a rule (office or admin)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Body({
          points: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          notice: Type.Optional(Type.Boolean()),
          enabled: Type.Optional(Type.Boolean()),
          passingTheBuckThreshold: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
        }),
      },
    },
    async (request) => updateDeductionRule(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
}
