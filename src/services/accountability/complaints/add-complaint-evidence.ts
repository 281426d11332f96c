import type { Db } from '../../../db/connect.ts';
import type { AddComplaintEvidenceBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** The office or the investigator attaches evidence: a ticket, a statement, a document reference or a link. */
export function addComplaintEvidence(db: Db, ctx: RequestContext, input: AddComplaintEvidenceBody & StaffComplaintStep): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'add_evidence', ...fields });
}
