import type { Db } from '../../../db/connect.ts';
import type { DeductionIncident, SkippedIncident } from '../../../domain/accountability/propose-deductions.ts';
import type { ScanResult } from '../../../contracts/deductions.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { resolvePeriod } from '../load-accountability-viewer.ts';
import { loadClockBreachIncidents, loadComplaintIncidents, loadRoutingIncidents } from '../load-deduction-incidents.ts';
import { proposeFromIncidents } from './propose-from-incidents.ts';
import { selectDeductions, toDeductionView } from './views.ts';

export type { ScanResult } from '../../../contracts/deductions.ts';

/**
 * The office's on-demand scan of one period: breached stage clocks, verified complaints and routing
 * histories become proposals. Idempotent: every proposal carries its incident's evidence key, unique in
 * the ledger, so scanning again (or two people scanning at once) proposes nothing twice.
 */
export async function proposeDeductionsForPeriod(db: Db, ctx: RequestContext, input: { period: string; nowMs: number }): Promise<ScanResult> {
  requireStaff(ctx, 'office');
  const period = resolvePeriod(input.period);
  const incidents: DeductionIncident[] = [
    ...(await loadClockBreachIncidents(db, period)),
    ...(await loadComplaintIncidents(db, period)),
    ...(await loadRoutingIncidents(db, period)),
  ];
  const { ids, skipped } = await db.transaction().execute((trx) => proposeFromIncidents(trx, ctx, { incidents, nowMs: input.nowMs, period }));
  const counts = new Map<SkippedIncident['reason'], number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const proposed = ids.length ? (await selectDeductions(db).where('deductions.id', 'in', ids).orderBy('deductions.occurred_at').orderBy('deductions.id').execute()).map(toDeductionView) : [];
  return { period: period.key, proposed, skipped: [...counts].map(([reason, count]) => ({ reason, count })) };
}
