import type { Db } from '../db/connect.ts';
import { decodeCursor, toPage } from '../db/queries/keyset.ts';
import type { NotificationListQuery, NotificationPage } from '../contracts/notifications.ts';
import type { RequestContext } from './context.ts';
import { requireStaff } from './org/require-role.ts';

export type { NotificationView } from '../contracts/notifications.ts';

/** My in-app notifications, newest first. */
export async function listNotifications(db: Db, ctx: RequestContext, query: NotificationListQuery): Promise<NotificationPage> {
  requireStaff(ctx);
  const staffId = ctx.actor.id;
  const limit = query.limit ?? 20;
  let q = db.selectFrom('notifications').leftJoin('tickets', 'tickets.id', 'notifications.ticket_id')
    .select(['notifications.id', 'notifications.kind', 'notifications.ticket_id', 'tickets.number', 'tickets.subject', 'notifications.created_at', 'notifications.read_at'])
    .where('notifications.recipient_id', '=', staffId);
  if (query.unread) q = q.where('notifications.read_at', 'is', null);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('notifications.id', '<', Number(after[0]));
  const [rows, unread] = await Promise.all([
    q.orderBy('notifications.id', 'desc').limit(limit + 1).execute(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('recipient_id', '=', staffId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(
    rows.map((r) => ({ id: r.id, kind: r.kind, ticketId: r.ticket_id, ticketNumber: r.number, ticketSubject: r.subject, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
    limit,
    (n) => [n.id],
  );
  return { ...page, unread: unread.n };
}

/** Marks mine read (the given ones, or all). Reading is not a change to audit: it alters nobody's record. */
export async function markNotificationsRead(db: Db, ctx: RequestContext, input: { ids: number[] | null; nowMs: number }): Promise<number> {
  requireStaff(ctx);
  const staffId = ctx.actor.id;
  const { ids, nowMs } = input;
  let q = db.updateTable('notifications').set({ read_at: new Date(nowMs) }).where('recipient_id', '=', staffId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * In-app notifications about something other than a ticket change (e.g. a three-complaint flag), inside
 * the caller's transaction; each recipient once. `ticketId` null: the kind says where to look.
 */
export async function notifyStaff(db: Db, recipientIds: readonly number[], kind: string, ticketId: number | null = null): Promise<number> {
  const recipients = [...new Set(recipientIds)];
  if (recipients.length === 0) return 0;
  await db.insertInto('notifications').values(recipients.map((id) => ({ recipient_id: id, kind, ticket_id: ticketId }))).execute();
  return recipients.length;
}
