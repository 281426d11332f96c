import type { Db } from '../../../db/connect.ts';
import type { AppealComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** Staff appeal once: the person concerned against a verification, a colleague who complained against a rejection. */
export function appealComplaint(db: Db, ctx: RequestContext, input: AppealComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  return applyStaffComplaintAction(db, ctx, input, { type: 'appeal', reason: input.reason });
}
