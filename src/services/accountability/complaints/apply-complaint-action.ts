import { sql, type Selectable } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { ComplaintsTable } from '../../../db/schema.ts';
import type { ComplaintViewer } from '../../../domain/accountability/can-view-complaint.ts';
import { decideComplaintAction, type ComplaintAction, type ComplaintActor, type ComplaintChanges } from '../../../domain/accountability/decide-complaint-action.ts';
import { DomainError, notFound } from '../../../domain/shared/domain-error.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { reviewComplaintFlag } from '../complaint-flags/review-complaint-flag.ts';
import { dismissComplaintDeductions } from '../deductions/dismiss-complaint-deductions.ts';
import { proposeFromIncidents } from '../deductions/propose-from-incidents.ts';
import { reviseComplaintProposal } from '../deductions/revise-complaint-proposal.ts';
import { loadAccountabilityViewer } from '../load-accountability-viewer.ts';
import { toComplaintIncident } from '../load-deduction-incidents.ts';
import { checkStaffExists, checkTicketExists, insertComplaintEvents } from './complaint-records.ts';
import { getComplaint, getRowAccess, toComplaintState, toStaffActor, type ComplaintView } from './views.ts';

type ComplaintRow = Selectable<ComplaintsTable>;

const CHANGE_COLUMNS: Record<keyof ComplaintChanges, keyof ComplaintRow> = {
  status: 'status', investigatorId: 'investigator_id', subjectStaffId: 'subject_staff_id', ticketId: 'ticket_id', kind: 'kind', findings: 'findings',
  response: 'response', respondedAtMs: 'responded_at', severity: 'severity', decisionReason: 'decision_reason', customerMessage: 'customer_message',
  decidedAtMs: 'decided_at', decidedBy: 'decided_by', appealReason: 'appeal_reason', appealedAtMs: 'appealed_at', appealedByKind: 'appealed_by_kind',
  appealedById: 'appealed_by_id', appealDecidedAtMs: 'appeal_decided_at', appealDecidedBy: 'appeal_decided_by', appealDecisionReason: 'appeal_decision_reason',
  verifiedAtMs: 'verified_at', responseDueAtMs: 'response_due_at', earlyDecisionReason: 'early_decision_reason',
};

function toColumns(changes: ComplaintChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    const column = CHANGE_COLUMNS[key as keyof ComplaintChanges];
    out[column] = key.endsWith('AtMs') && typeof value === 'number' ? new Date(value) : value;
  }
  return out;
}

export interface ApplyComplaintActionInput {
  id: number;
  who: ComplaintViewer;
  actor: ComplaintActor;
  action: ComplaintAction;
  nowMs: number;
  /** The version the caller saw; a different one is a stale write. */
  expectedVersion?: number;
}

/**
 * One step of a complaint, by staff or by the customer who made it (the appeal): lock → check access and
 * decide with the pure rules → save the change, its history and its audit record in one transaction.
 * A verification proposes the deduction it warrants and applies the three-complaint rule; an appeal that
 * upholds it at another severity revises the pending proposal; one that overturns it dismisses that
 * deduction, withdraws its notice of criticism and a flag that no longer holds.
 */
export async function applyComplaintAction(db: Db, ctx: RequestContext, input: ApplyComplaintActionInput): Promise<void> {
  const { id, who, actor, action, nowMs } = input;
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || !getRowAccess(row, who)) throw notFound(`No complaint with id ${id}`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new DomainError('stale', `Someone else changed complaint ${id} meanwhile (now version ${row.version}); reload it and try again.`, 'version', 'stale_version');
    }
    const decision = decideComplaintAction(toComplaintState(row), actor, action, nowMs);
    const columns = toColumns(decision.changes);
    if (action.type === 'assign') await checkStaffExists(trx, action.investigatorId, 'investigatorId', true);
    if (decision.changes.subjectStaffId != null) columns.subject_department_id = (await checkStaffExists(trx, decision.changes.subjectStaffId, 'subjectStaffId')).department_id;
    else if (decision.changes.subjectStaffId === null) columns.subject_department_id = null;
    if (decision.changes.ticketId != null) await checkTicketExists(trx, decision.changes.ticketId);
    if (decision.evidence?.ticketId != null) await checkTicketExists(trx, decision.evidence.ticketId);

    await trx.updateTable('complaints').set({ ...columns, updated_at: new Date(nowMs), version: sql`version + 1` }).where('id', '=', id).execute();
    const by = actor.kind === 'customer' ? { kind: 'customer' as const, id: actor.customerId } : { kind: 'staff' as const, id: actor.id };
    await insertComplaintEvents(trx, id, by, nowMs, decision.events);
    if (decision.evidence) {
      await trx.insertInto('complaint_evidence').values({
        complaint_id: id, kind: decision.evidence.kind, description: decision.evidence.description, ticket_id: decision.evidence.ticketId, url: decision.evidence.url,
        added_by: by.id, added_at: new Date(nowMs),
      }).execute();
    }
    const before: Record<string, unknown> = {};
    for (const column of Object.keys(columns)) before[column] = row[column as keyof typeof row];
    await recordAudit(trx, ctx, { action: `complaint.${action.type}`, entity: 'complaint', entityId: id, before, after: { ...columns, ...(decision.evidence ? { evidence: decision.evidence } : {}) } });

    const after = { ...row, ...columns } as typeof row;
    if ((action.type === 'decide' || action.type === 'decide_appeal') && after.subject_staff_id !== null) {
      if (after.status === 'verified') {
        if (after.kind !== 'other') {
          // Re-verified on appeal at another severity (or kind): the pending proposal follows the final judgement.
          if (action.type === 'decide_appeal') await reviseComplaintProposal(trx, ctx, { incident: toComplaintIncident(after) });
          await proposeFromIncidents(trx, ctx, { incidents: [toComplaintIncident(after)], nowMs });
        }
        await reviewComplaintFlag(trx, ctx, { personId: after.subject_staff_id, nowMs, raise: true });
      } else if (row.status === 'appealed' && row.decided_at !== null && row.severity !== null) {
        // Overturned on appeal: what the verification set in motion falls away with it.
        await dismissComplaintDeductions(trx, ctx, { complaintId: id, reason: 'The complaint was overturned on appeal', nowMs });
        await reviewComplaintFlag(trx, ctx, { personId: after.subject_staff_id, nowMs, raise: false });
      }
    }
  });
}

/** Fields every staff action on a complaint carries besides its own. */
export interface StaffComplaintStep {
  id: number;
  nowMs: number;
  version?: number;
}

/** A staff member takes one step on a complaint and reads it back as they may see it now. */
export async function applyStaffComplaintAction(db: Db, ctx: RequestContext, step: StaffComplaintStep, action: ComplaintAction): Promise<ComplaintView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  await applyComplaintAction(db, ctx, {
    id: step.id, who: { kind: 'staff', viewer }, actor: toStaffActor(viewer), action, nowMs: step.nowMs,
    ...(step.version === undefined ? {} : { expectedVersion: step.version }),
  });
  return getComplaint(db, ctx, { id: step.id });
}
