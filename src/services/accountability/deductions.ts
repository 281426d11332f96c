import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { Database, Severity } from '../../db/schema.ts';
import { proposeDeductions, type ComplaintIncident, type DeductionIncident, type DeductionProposal, type SkippedIncident } from '../../domain/accountability/propose-deductions.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import type { DeductionKind } from '../../domain/accountability/resolve-deduction-rules.ts';
import { DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadDeductionRules } from './deduction-rules.ts';
import { loadAccountabilityViewer, resolvePeriod } from './load-accountability-viewer.ts';
import { loadClockBreachIncidents, loadComplaintIncidents, loadExistingDeductionKeys, loadRoutingIncidents } from './load-deduction-incidents.ts';
import { insertNotice, withdrawNoticeIn } from './notices.ts';

export type DeductionStatus = 'proposed' | 'confirmed' | 'dismissed';

export interface DeductionView {
  id: number;
  key: string;
  personId: number;
  personName: string;
  departmentId: number | null;
  departmentName: string | null;
  ruleId: string;
  kind: string;
  severity: Severity;
  points: number;
  notice: boolean;
  /** Evidence: the ticket, the breached clock, the complaint, the routing events. */
  ticketId: number | null;
  ticketNumber: string | null;
  clockId: number | null;
  complaintId: number | null;
  eventIds: number[];
  occurredAt: string;
  status: DeductionStatus;
  proposedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  noticeId: number | null;
  version: number;
}

function deductionQuery(db: Db) {
  return db
    .selectFrom('deductions')
    .innerJoin('staff as person', 'person.id', 'deductions.person_id')
    .leftJoin('departments', 'departments.id', 'deductions.department_id')
    .leftJoin('tickets', 'tickets.id', 'deductions.ticket_id')
    .leftJoin('staff as decider', 'decider.id', 'deductions.decided_by')
    .selectAll('deductions')
    .select(['person.name as person_name', 'departments.name as department_name', 'tickets.number as ticket_number', 'decider.name as decider_name']);
}

type DeductionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof deductionQuery>['executeTakeFirst']>>>;

function toDeductionView(r: DeductionRow): DeductionView {
  return {
    id: r.id, key: r.key, personId: r.person_id, personName: r.person_name, departmentId: r.department_id, departmentName: r.department_name,
    ruleId: r.rule_id, kind: r.kind, severity: r.severity, points: r.points, notice: r.notice, ticketId: r.ticket_id, ticketNumber: r.ticket_number,
    clockId: r.clock_id, complaintId: r.complaint_id, eventIds: r.event_ids.map(Number), occurredAt: r.occurred_at.toISOString(), status: r.status,
    proposedAt: r.proposed_at.toISOString(), decidedAt: r.decided_at?.toISOString() ?? null, decidedByName: r.decider_name,
    decisionReason: r.decision_reason, noticeId: r.notice_id, version: r.version,
  };
}

const toId = (value: string | undefined) => (value === undefined ? null : Number(value));

/**
 * Writes proposals into the ledger, each with its evidence and the person's department at the time. A key
 * already there (another scan, racing or earlier) is skipped by the unique index, never proposed twice.
 */
export async function saveProposals(trx: Transaction<Database>, ctx: RequestContext, proposals: readonly DeductionProposal[], nowMs: number): Promise<number[]> {
  if (proposals.length === 0) return [];
  const personIds = [...new Set(proposals.map((p) => Number(p.personId)))];
  const people = await trx.selectFrom('staff').select(['id', 'department_id']).where('id', 'in', personIds).execute();
  const departmentOf = new Map(people.map((p) => [p.id, p.department_id]));
  const ids: number[] = [];
  for (const p of proposals) {
    const row = await trx
      .insertInto('deductions')
      .values({
        key: p.key, person_id: Number(p.personId), department_id: departmentOf.get(Number(p.personId)) ?? null, rule_id: p.ruleId, kind: p.kind,
        severity: p.severity, points: p.points, notice: p.notice, ticket_id: toId(p.evidence.ticketId), clock_id: toId(p.evidence.clockId),
        complaint_id: toId(p.evidence.complaintId), event_ids: (p.evidence.eventIds ?? []).map(Number), occurred_at: new Date(p.occurredAtMs),
        proposed_at: new Date(nowMs),
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    ids.push(row.id);
    await recordAudit(trx, ctx, { action: 'deduction.propose', entity: 'deduction', entityId: row.id, after: { key: p.key, personId: Number(p.personId), ruleId: p.ruleId, points: p.points } });
  }
  return ids;
}

/** Proposes the deductions that follow from some incidents (skipping those already in the ledger). */
export async function proposeFromIncidents(trx: Transaction<Database>, ctx: RequestContext, incidents: DeductionIncident[], nowMs: number, period?: { startMs: number; endMs: number }) {
  const rules = await loadDeductionRules(trx);
  const first = proposeDeductions(incidents, rules, []);
  const existing = await loadExistingDeductionKeys(trx, first.proposals.map((p) => p.key));
  const { proposals, skipped } = proposeDeductions(incidents, rules, existing);
  // Passing the buck dates from the moment the threshold was crossed, which may fall in an earlier period.
  const inPeriod = period ? proposals.filter((p) => p.occurredAtMs >= period.startMs && p.occurredAtMs < period.endMs) : proposals;
  const ids = await saveProposals(trx, ctx, inPeriod, nowMs);
  return { ids, skipped };
}

export interface ScanResult {
  period: string;
  proposed: DeductionView[];
  /** Incidents that proposed nothing, and why (already proposed, no rule, nobody responsible, below the threshold). */
  skipped: { reason: SkippedIncident['reason']; count: number }[];
}

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
  const { ids, skipped } = await db.transaction().execute((trx) => proposeFromIncidents(trx, ctx, incidents, input.nowMs, period));
  const counts = new Map<SkippedIncident['reason'], number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const proposed = ids.length ? (await deductionQuery(db).where('deductions.id', 'in', ids).orderBy('deductions.occurred_at').orderBy('deductions.id').execute()).map(toDeductionView) : [];
  return { period: period.key, proposed, skipped: [...counts].map(([reason, count]) => ({ reason, count })) };
}

export interface ListDeductionsQuery {
  status?: DeductionStatus;
  personId?: number;
  departmentId?: number;
  period?: string;
  limit?: number;
  cursor?: string;
}

/** The ledger as the viewer may see it: their own entries; a superior's subtree; the office everything. */
export async function listDeductions(db: Db, ctx: RequestContext, query: ListDeductionsQuery): Promise<Page<DeductionView>> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const limit = query.limit ?? 50;
  let q = deductionQuery(db);
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

export async function getDeduction(db: Db, ctx: RequestContext, id: number): Promise<DeductionView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const row = await deductionQuery(db).where('deductions.id', '=', id).executeTakeFirst();
  const visible = row && (viewer.isOffice || row.person_id === viewer.id || (row.department_id !== null && viewer.overseenDepartmentIds.includes(row.department_id)));
  if (!row || !visible) throw notFound(`No deduction with id ${id}`);
  return toDeductionView(row);
}

export interface DecideDeductionInput {
  decision: 'confirm' | 'dismiss';
  reason: string;
  /** Confirm as another severity than proposed (the office's judgement); the rule for it sets the points. */
  severity?: Severity;
  /** The notice of criticism, required when the confirmed rule carries one. */
  notice?: { title: string; body: string };
  version?: number;
}

/**
 * The office confirms or dismisses a proposal, always with a reason: nothing is punished automatically.
 * Confirming under a rule that carries a notice publishes the notice of criticism in the same transaction.
 */
export async function decideDeduction(db: Db, ctx: RequestContext, id: number, input: DecideDeductionInput, nowMs: number): Promise<DeductionView> {
  requireStaff(ctx, 'office');
  const staffCtx: RequestContext & { actor: StaffActor } = ctx;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('deductions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound(`No deduction with id ${id}`);
    if (input.version !== undefined && input.version !== row.version) {
      throw new DomainError('stale', `Someone else decided this deduction meanwhile (now version ${row.version}); reload it.`, 'version', 'stale_version');
    }
    if (row.status !== 'proposed') throw new DomainError('wrong_state', `This deduction was ${row.status} already.`, undefined, 'wrong_state');
    if (input.decision !== 'confirm' && input.decision !== 'dismiss') throw invalid('The decision must be confirm or dismiss', 'decision');
    const reason = readText(input.reason, 'reason', 2000) as string;
    let next = { rule_id: row.rule_id, severity: row.severity, points: row.points, notice: row.notice };
    if (input.decision === 'confirm' && input.severity && input.severity !== row.severity) {
      const rule = (await loadDeductionRules(trx)).find((r) => r.enabled && r.kind === (row.kind as DeductionKind) && r.severity === input.severity);
      if (!rule) throw invalid(`No enabled ${input.severity} rule for ${row.kind}; enable one first`, 'severity');
      next = { rule_id: rule.id, severity: rule.severity, points: rule.points, notice: rule.notice };
    }
    let noticeId: number | null = null;
    if (input.decision === 'confirm' && next.notice) {
      if (!input.notice) throw invalid('This deduction comes with a company-wide notice of criticism: write its title and text', 'notice.title');
      noticeId = await insertNotice(trx, staffCtx, { kind: 'criticism', title: input.notice.title, body: input.notice.body, personId: row.person_id, deductionId: row.id }, nowMs, 'notice.');
    }
    const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await trx
      .updateTable('deductions')
      .set({ ...next, status, decided_at: new Date(nowMs), decided_by: ctx.actor.id, decision_reason: reason, notice_id: noticeId, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, ctx, {
      action: `deduction.${input.decision}`, entity: 'deduction', entityId: id,
      before: { status: row.status, severity: row.severity, points: row.points, ruleId: row.rule_id },
      after: { status, severity: next.severity, points: next.points, ruleId: next.rule_id, reason, noticeId },
    });
  });
  return getDeduction(db, ctx, id);
}

/**
 * A complaint overturned on appeal takes its deductions with it: they are dismissed, with the reason, and
 * the notice of criticism a confirmed one published is withdrawn from the board (kept in the office's history).
 */
export async function dismissComplaintDeductions(trx: Transaction<Database>, ctx: RequestContext, complaintId: number, reason: string, nowMs: number): Promise<void> {
  const rows = await trx.selectFrom('deductions').select(['id', 'status', 'notice_id']).where('complaint_id', '=', complaintId).where('status', '<>', 'dismissed').forUpdate().execute();
  for (const r of rows) {
    await trx.updateTable('deductions').set({ status: 'dismissed', decided_at: new Date(nowMs), decided_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null, decision_reason: reason, version: sql`version + 1` }).where('id', '=', r.id).execute();
    await recordAudit(trx, ctx, { action: 'deduction.dismiss', entity: 'deduction', entityId: r.id, before: { status: r.status }, after: { status: 'dismissed', reason } });
    if (r.notice_id !== null) await withdrawNoticeIn(trx, ctx, r.notice_id, reason, nowMs);
  }
}

/**
 * An appeal that upholds a complaint at another severity (or kind) revises its still-pending proposal to the
 * rule the final judgement calls for, with an audit record. A proposal the office already decided stays as
 * decided: changing a confirmed deduction is the office's call, not a side effect.
 */
export async function reviseComplaintProposal(trx: Transaction<Database>, ctx: RequestContext, incident: ComplaintIncident): Promise<number | null> {
  const row = await trx.selectFrom('deductions').selectAll().where('key', '=', `complaint:${incident.complaintId}`).where('status', '=', 'proposed').forUpdate().executeTakeFirst();
  if (!row) return null;
  const [next] = proposeDeductions([incident], await loadDeductionRules(trx), []).proposals;
  if (!next || (next.ruleId === row.rule_id && next.points === row.points && next.notice === row.notice)) return null;
  await trx.updateTable('deductions')
    .set({ rule_id: next.ruleId, kind: next.kind, severity: next.severity, points: next.points, notice: next.notice, version: sql`version + 1` })
    .where('id', '=', row.id).execute();
  await recordAudit(trx, ctx, {
    action: 'deduction.revise', entity: 'deduction', entityId: row.id,
    before: { ruleId: row.rule_id, severity: row.severity, points: row.points, notice: row.notice },
    after: { ruleId: next.ruleId, severity: next.severity, points: next.points, notice: next.notice, reason: 'The appeal upheld the complaint at another severity' },
  });
  return row.id;
}
