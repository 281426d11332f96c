import type { Db } from '../../../db/connect.ts';
import { decodeCursor, toPage } from '../../../db/queries/keyset.ts';
import type { DeductionRulesTable } from '../../../db/schema.ts';
import type { DeductionRule } from '../../../domain/accountability/resolve-deduction-rules.ts';
import type { DeductionKind } from '../../../domain/accountability/value-lists.ts';
import { notFound } from '../../../domain/shared/domain-error.ts';
import type { DeductionList, DeductionRuleView, DeductionView, ListDeductionsQuery } from '../../../contracts/deductions.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { loadAccountabilityViewer, resolvePeriod } from '../load-accountability-viewer.ts';

export type { DeductionRuleView, DeductionView, ListDeductionsQuery } from '../../../contracts/deductions.ts';

/** A ledger entry with the names it shows. */
export function selectDeductions(db: Db) {
  return db
    .selectFrom('deductions')
    .innerJoin('staff as person', 'person.id', 'deductions.person_id')
    .leftJoin('departments', 'departments.id', 'deductions.department_id')
    .leftJoin('tickets', 'tickets.id', 'deductions.ticket_id')
    .leftJoin('staff as decider', 'decider.id', 'deductions.decided_by')
    .selectAll('deductions')
    .select(['person.name as person_name', 'departments.name as department_name', 'tickets.number as ticket_number', 'decider.name as decider_name']);
}

type DeductionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectDeductions>['executeTakeFirst']>>>;

export function toDeductionView(r: DeductionRow): DeductionView {
  return {
    // Every entry is proposed from a rule, so its kind is one of the rules' kinds.
    id: r.id, key: r.key, personId: r.person_id, personName: r.person_name, departmentId: r.department_id, departmentName: r.department_name,
    ruleId: r.rule_id, kind: r.kind as DeductionKind, severity: r.severity, points: r.points, notice: r.notice, ticketId: r.ticket_id, ticketNumber: r.ticket_number,
    clockId: r.clock_id, complaintId: r.complaint_id, eventIds: r.event_ids.map(Number), occurredAt: r.occurred_at.toISOString(), status: r.status,
    proposedAt: r.proposed_at.toISOString(), decidedAt: r.decided_at?.toISOString() ?? null, decidedByName: r.decider_name,
    decisionReason: r.decision_reason, noticeId: r.notice_id, version: r.version,
  };
}

/** The ledger as the viewer may see it: their own entries; a superior's subtree; the office everything. */
export async function listDeductions(db: Db, ctx: RequestContext, query: ListDeductionsQuery): Promise<DeductionList> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const limit = query.limit ?? 50;
  let q = selectDeductions(db);
  if (!viewer.isOffice) {
    q = q.where((eb) => eb.or([
      eb('deductions.person_id', '=', viewer.id),
      ...(viewer.overseenDepartmentIds.length ? [eb('deductions.department_id', 'in', viewer.overseenDepartmentIds)] : []),
    ]));
  }
  if (query.status) q = q.where('deductions.status', '=', query.status);
  if (query.personId) q = q.where('deductions.person_id', '=', query.personId);
  if (query.departmentId) q = q.where('deductions.department_id', '=', query.departmentId);
  if (query.period) {
    const period = resolvePeriod(query.period);
    q = q.where('deductions.occurred_at', '>=', new Date(period.startMs)).where('deductions.occurred_at', '<', new Date(period.endMs));
  }
  const after = decodeCursor(query.cursor, 2);
  if (after) q = q.where((eb) => eb(eb.refTuple('deductions.occurred_at', 'deductions.id'), '<', eb.tuple(new Date(String(after[0])), Number(after[1]))));
  const rows = await q.orderBy('deductions.occurred_at', 'desc').orderBy('deductions.id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map(toDeductionView), limit, (d) => [d.occurredAt, d.id]);
}

/** One ledger entry, for its person, their superiors and the office; 404 for anyone else. */
export async function getDeduction(db: Db, ctx: RequestContext, input: { id: number }): Promise<DeductionView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const row = await selectDeductions(db).where('deductions.id', '=', input.id).executeTakeFirst();
  const visible = row && (viewer.isOffice || row.person_id === viewer.id || (row.department_id !== null && viewer.overseenDepartmentIds.includes(row.department_id)));
  if (!row || !visible) throw notFound(`No deduction with id ${input.id}`);
  return toDeductionView(row);
}

// ---- the rules ----

type RuleRow = Pick<DeductionRulesTable, 'id' | 'kind' | 'severity' | 'points' | 'notice' | 'passing_the_buck_threshold'> & { enabled: boolean; updated_at: Date };

export function toDeductionRule(r: RuleRow): DeductionRule {
  return { id: r.id, kind: r.kind, severity: r.severity, points: r.points, notice: r.notice, passingTheBuckThreshold: r.passing_the_buck_threshold, enabled: r.enabled };
}

/** The configured rules as the pure proposal rules take them. */
export async function loadDeductionRules(db: Db): Promise<DeductionRule[]> {
  const rows = await db.selectFrom('deduction_rules').selectAll().orderBy('kind').orderBy('severity').execute();
  return rows.map(toDeductionRule);
}

/** Every staff member may read the rules they are measured by. */
export async function listDeductionRules(db: Db, ctx: RequestContext): Promise<DeductionRuleView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('deduction_rules').selectAll().orderBy('kind').orderBy('severity').execute();
  return rows.map((r) => ({ ...toDeductionRule(r), updatedAt: r.updated_at.toISOString() }));
}
