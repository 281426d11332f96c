import type { Db } from '../../../db/connect.ts';
import type { ReportGrouping } from '../../../domain/accountability/value-lists.ts';
import type { RequestContext } from '../../context.ts';
import { toCsv } from '../to-csv.ts';
import { getAccountabilityReport } from './views.ts';

/** The report as CSV, per person or per department. */
export async function exportAccountabilityReport(db: Db, ctx: RequestContext, input: { period: string; groupBy: ReportGrouping }): Promise<{ filename: string; csv: string }> {
  const report = await getAccountabilityReport(db, ctx, { period: input.period });
  if (input.groupBy === 'department') {
    const header = ['period', 'department', 'people', 'commitments_met', 'commitments_breached', 'verified_complaints', 'confirmed_deductions', 'confirmed_points', 'average_score', 'rated', 'average_rating'];
    const rows = report.departments.map((d) => [report.period, d.departmentName, d.people, d.commitmentsMet, d.commitmentsBreached, d.verifiedComplaints, d.confirmedDeductions, d.confirmedPoints, d.averageScore, d.rated, d.averageRating]);
    return { filename: `accountability-${report.period}-departments.csv`, csv: toCsv(header, rows) };
  }
  const header = ['period', 'person_id', 'name', 'department', 'commitments_met', 'commitments_breached', 'satisfaction_mean', 'satisfaction_count', 'verified_complaints', 'confirmed_deductions', 'confirmed_points', 'score', 'spot_checks_audited', 'spot_checks_passed', 'suggested_score', 'rating', 'level'];
  const rows = report.people.map((p) => [report.period, p.personId, p.name, p.departmentName, p.commitmentsMet, p.commitmentsBreached, p.satisfactionMean, p.satisfactionCount, p.verifiedComplaints, p.confirmedDeductions, p.confirmedPoints, p.score, p.spotChecksAudited, p.spotChecksPassed, p.suggestedScore, p.ratingScore, p.ratingLevel]);
  return { filename: `accountability-${report.period}-people.csv`, csv: toCsv(header, rows) };
}
