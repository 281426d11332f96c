import type { Db } from '../../../db/connect.ts';
import type { DecideComplaintBody } from '../../../contracts/complaints.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

/**
 * The office verifies or rejects a complaint with a reason, a message for the complainant and the severity
 * of a verified one; a verification proposes its deduction and applies the three-complaint rule.
 */
export function decideComplaint(db: Db, ctx: RequestContext, input: DecideComplaintBody & StaffComplaintStep): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'decide', ...fields });
}
