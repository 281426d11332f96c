import type { Db } from '../../../db/connect.ts';
import { applyComplaintAction } from './apply-complaint-action.ts';
import { getPortalComplaint, toCustomerActor, toCustomerViewer, type CustomerContext, type PortalComplaintView } from './views.ts';

/** The customer appeals a complaint that was not upheld, once. */
export async function appealCustomerComplaint(db: Db, ctx: CustomerContext, input: { id: number; reason: string; version?: number; nowMs: number }): Promise<PortalComplaintView> {
  await applyComplaintAction(db, ctx, {
    id: input.id, who: toCustomerViewer(ctx), actor: toCustomerActor(ctx), action: { type: 'appeal', reason: input.reason }, nowMs: input.nowMs,
    ...(input.version === undefined ? {} : { expectedVersion: input.version }),
  });
  return getPortalComplaint(db, ctx, { id: input.id });
}
