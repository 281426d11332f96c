import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { formatCommitmentReportCsv } from '../../../services/reports/format-commitment-report-csv.ts';
import { getCommitmentReport } from '../../../services/reports/get-commitment-report.ts';
import { withErrors } from '../../../contracts/common.ts';
import { CommitmentReport, CommitmentReportCsv, CommitmentReportCsvQuery, CommitmentReportQuery } from '../../../contracts/reports.ts';

export function registerReportRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['reports'];
  app.get(
    '/api/reports/commitments',
    {
      schema: {
        tags, querystring: CommitmentReportQuery, response: withErrors({ 200: CommitmentReport }),
        summary: 'Commitment compliance over the clocks decided in [from, to), per commitment, department or person, with the attribution of level-1 breaches',
      },
    },
    async (request) => getCommitmentReport(deps.db, staffContext(request), { ...request.query, nowMs: deps.now() }),
  );

  app.get(
    '/api/reports/commitments.csv',
    {
      schema: {
        tags, querystring: CommitmentReportCsvQuery, response: withErrors({ 200: CommitmentReportCsv }),
        summary: 'The same report as CSV (UTF-8 with BOM): table=summary (default) or attributions; lang=en|zh-CN for the headers',
      },
    },
    async (request, reply) => {
      const { table = 'summary', lang = 'en', ...query } = request.query;
      const report = await getCommitmentReport(deps.db, staffContext(request), { ...query, nowMs: deps.now() });
      const name = `commitments-${table}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
        .send(formatCommitmentReportCsv(report, table, lang));
    },
  );
}
