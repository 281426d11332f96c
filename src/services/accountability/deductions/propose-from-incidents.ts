import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { proposeDeductions, type DeductionIncident, type DeductionProposal } from '../../../domain/accountability/propose-deductions.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { loadExistingDeductionKeys } from '../load-deduction-incidents.ts';
import { loadDeductionRules } from './views.ts';

const toId = (value: string | undefined) => (value === undefined ? null : Number(value));

/**
 * Writes proposals into the ledger, each with its evidence and the person's department at the time. A key
 * already there (another scan, racing or earlier) is skipped by the unique index, never proposed twice.
 */
async function saveProposals(trx: Transaction<Database>, ctx: RequestContext, proposals: readonly DeductionProposal[], nowMs: number): Promise<number[]> {
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

/** Proposes, inside the caller's transaction, the deductions that follow from some incidents (skipping those already in the ledger). */
export async function proposeFromIncidents(trx: Transaction<Database>, ctx: RequestContext, input: { incidents: DeductionIncident[]; nowMs: number; period?: { startMs: number; endMs: number } }) {
  const { incidents, period } = input;
  const rules = await loadDeductionRules(trx);
  const first = proposeDeductions(incidents, rules, []);
  const existing = await loadExistingDeductionKeys(trx, first.proposals.map((p) => p.key));
  const { proposals, skipped } = proposeDeductions(incidents, rules, existing);
  // Passing the buck dates from the moment the threshold was crossed, which may fall in an earlier period.
  const inPeriod = period ? proposals.filter((p) => p.occurredAtMs >= period.startMs && p.occurredAtMs < period.endMs) : proposals;
  const ids = await saveProposals(trx, ctx, inPeriod, input.nowMs);
  return { ids, skipped };
}
