import type { Db } from '../../../db/connect.ts';
import type { RespondToComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** The person concerned gives their side. */
export function respondToComplaint(db: Db, ctx: RequestContext, input: RespondToComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  return applyStaffComplaintAction(db, ctx, input, { type: 'respond', text: input.text });
}
