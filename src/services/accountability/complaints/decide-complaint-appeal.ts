import type { Db } from '../../../db/connect.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction } from './apply-complaint-action.ts';
import type { ComplaintDecisionInput } from './decide-complaint.ts';
import type { ComplaintView } from './views.ts';

/** The office decides an appeal for good; overturning a verification takes its deductions, notice and flag with it. */
export function decideComplaintAppeal(db: Db, ctx: RequestContext, input: ComplaintDecisionInput): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'decide_appeal', ...fields });
}
