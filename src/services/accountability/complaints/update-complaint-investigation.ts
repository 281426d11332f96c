import type { Db } from '../../../db/connect.ts';
import type { ComplaintKind } from '../../../domain/accountability/decide-complaint-action.ts';
import type { RequestContext } from '../../context.ts';
import { applyStaffComplaintAction, type StaffComplaintStep } from './apply-complaint-action.ts';
import type { ComplaintView } from './views.ts';

export interface UpdateComplaintInvestigationInput extends StaffComplaintStep {
  subjectStaffId?: number | null;
  ticketId?: number | null;
  kind?: ComplaintKind;
  findings?: string | null;
}

/** The office or the investigator records the investigation: the person concerned, the ticket, the kind, the findings. */
export function updateComplaintInvestigation(db: Db, ctx: RequestContext, input: UpdateComplaintInvestigationInput): Promise<ComplaintView> {
  const { id: _id, nowMs: _nowMs, version: _version, ...fields } = input;
  return applyStaffComplaintAction(db, ctx, input, { type: 'update', ...fields });
}
