import type { Db } from '../../../db/connect.ts';
import { notFound } from '../../../domain/shared/domain-error.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { getNotice, type NoticeView } from './views.ts';

/**
 * A read receipt: the first reading counts, later ones change nothing. Like reading a notification it
 * alters nobody's record, so it is not audited: the receipt is its own trace.
 */
export async function markNoticeRead(db: Db, ctx: RequestContext, input: { id: number; nowMs: number }): Promise<NoticeView> {
  requireStaff(ctx);
  const { id } = input;
  const exists = await db.selectFrom('notices').select('id').where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
  if (!exists) throw notFound(`No notice with id ${id}`);
  await db.insertInto('notice_reads').values({ notice_id: id, staff_id: ctx.actor.id, read_at: new Date(input.nowMs) }).onConflict((oc) => oc.columns(['notice_id', 'staff_id']).doNothing()).execute();
  return getNotice(db, ctx, { id });
}
