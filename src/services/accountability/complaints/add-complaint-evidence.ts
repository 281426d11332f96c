import type { Db } from '../../../db/connect.ts';
import type { EvidenceKind } from '../../../domain/accountability/decide-complaint-action.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

export interface AddComplaintEvidenceInput extends StaffComplaintStep {
  kind: EvidenceKind;
  description: string;
  ticketId?: number | null;
  url?: string | null;
}

/** The office or the investigator attaches evidence: a ticket, a statement, a document reference or a link. */
export function addComplaintEvidence(db: Db, ctx: RequestContext, input: AddComplaintEvidenceInput): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'add_evidence', ...fields });
}
