import type { Db } from '../../../db/connect.ts';
import type { UpdateComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** The office or the investigator records the investigation: the person concerned, the ticket, the kind, the findings. */
export function updateComplaintInvestigation(db: Db, ctx: RequestContext, input: UpdateComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'update', ...fields });
}
