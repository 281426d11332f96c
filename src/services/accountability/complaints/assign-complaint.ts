import type { Db } from '../../../db/connect.ts';
import type { AssignComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** The office names the investigator; a received complaint goes under investigation. */
export function assignComplaint(db: Db, ctx: RequestContext, input: AssignComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  return applyStaffComplaintAction(db, ctx, input, { type: 'assign', investigatorId: input.investigatorId });
}
