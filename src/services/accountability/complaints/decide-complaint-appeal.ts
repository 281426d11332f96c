import type { Db } from '../../../db/connect.ts';
import type { DecideComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/** The office decides an appeal for good; overturning a verification takes its deductions, notice and flag with it. */
export function decideComplaintAppeal(db: Db, ctx: RequestContext, input: DecideComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, earlyDecisionReason: _early, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'decide_appeal', ...fields });
}
