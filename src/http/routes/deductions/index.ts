import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { decideDeduction } from '../../../services/accountability/deductions/decide-deduction.ts';
import { proposeDeductionsForPeriod } from '../../../services/accountability/deductions/propose-deductions-for-period.ts';
import { updateDeductionRule } from '../../../services/accountability/deductions/update-deduction-rule.ts';
import { getDeduction, listDeductionRules, listDeductions } from '../../../services/accountability/deductions/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  DecideDeductionBody,
  DeductionList,
  DeductionRuleList,
  DeductionRuleParams,
  DeductionRuleView,
  DeductionView,
  ListDeductionsQuery,
  ScanDeductionsBody,
  ScanResult,
  UpdateDeductionRuleBody,
} from '../../../contracts/deductions.ts';

export function registerDeductionRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['deductions'];
  app.get(
    '/api/deductions',
    { schema: { tags, summary: 'The deduction ledger: my own entries; a superior\'s people; the office everything', querystring: ListDeductionsQuery, response: withErrors({ 200: DeductionList }) } },
    async (request) => listDeductions(deps.db, staffContext(request), request.query),
  );

  app.post(
    '/api/deductions/scan',
    {
      schema: {
        tags, summary: 'Turn a period\'s breaches, verified complaints and routing histories into proposals (office); running it again proposes nothing twice',
        body: ScanDeductionsBody,
        response: withErrors({ 200: ScanResult }),
      },
    },
    async (request) => proposeDeductionsForPeriod(deps.db, staffContext(request), { period: request.body.period, nowMs: deps.now() }),
  );

  app.get(
    '/api/deductions/:id',
    { schema: { tags, summary: 'One ledger entry with its evidence', params: IdParams, response: withErrors({ 200: DeductionView }) } },
    async (request) => getDeduction(deps.db, staffContext(request), { id: request.params.id }),
  );

  app.post(
    '/api/deductions/:id/decision',
    {
      schema: {
        tags, summary: 'Confirm or dismiss a proposal with a reason (office); a rule with a notice needs the notice of criticism',
        params: IdParams,
        body: DecideDeductionBody,
        response: withErrors({ 200: DeductionView }),
      },
    },
    async (request) => decideDeduction(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );

  app.get(
    '/api/deduction-rules',
    { schema: { tags, summary: 'The deduction rules: points, notice and threshold per kind and severity', response: withErrors({ 200: DeductionRuleList }) } },
    async (request) => ({ items: await listDeductionRules(deps.db, staffContext(request)) }),
  );

  app.patch(
    '/api/deduction-rules/:id',
    { schema: { tags, summary: 'Edit a rule (office or admin)', params: DeductionRuleParams, body: UpdateDeductionRuleBody, response: withErrors({ 200: DeductionRuleView }) } },
    async (request) => updateDeductionRule(deps.db, staffContext(request), { ...request.body, id: request.params.id, nowMs: deps.now() }),
  );
}
