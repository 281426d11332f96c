import type { Db } from '../../../db/connect.ts';
import { decodeCursor, toPage } from '../../../db/queries/keyset.ts';
import { forbidden, notFound } from '../../../domain/shared/domain-error.ts';
import type { ListNoticesQuery, NoticeList, NoticeReceipts, NoticeView } from '../../../contracts/notices.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';

export type { NoticeReceipts, NoticeView } from '../../../contracts/notices.ts';

function selectNotices(db: Db, viewerId: number) {
  return db
    .selectFrom('notices')
    .leftJoin('staff as person', 'person.id', 'notices.person_id')
    .leftJoin('departments', 'departments.id', 'notices.department_id')
    .leftJoin('staff as publisher', 'publisher.id', 'notices.published_by')
    .leftJoin('staff as withdrawer', 'withdrawer.id', 'notices.withdrawn_by')
    .leftJoin('notice_reads as mine', (j) => j.onRef('mine.notice_id', '=', 'notices.id').on('mine.staff_id', '=', viewerId))
    .select((eb) => [
      'notices.id', 'notices.kind', 'notices.title', 'notices.body', 'notices.person_id', 'person.name as person_name', 'notices.department_id',
      'departments.name as department_name', 'notices.deduction_id', 'notices.published_at', 'publisher.name as publisher_name', 'mine.read_at',
      'notices.withdrawn_at', 'withdrawer.name as withdrawer_name', 'notices.withdrawn_reason',
      eb.selectFrom('notice_reads').select((e) => e.fn.countAll<number>().as('n')).whereRef('notice_reads.notice_id', '=', 'notices.id').as('read_count'),
    ]);
}

type NoticeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectNotices>['executeTakeFirst']>>>;

function toNoticeView(r: NoticeRow): NoticeView {
  return {
    id: r.id, kind: r.kind, title: r.title, body: r.body, personId: r.person_id, personName: r.person_name, departmentId: r.department_id,
    departmentName: r.department_name, deductionId: r.deduction_id, publishedAt: r.published_at.toISOString(), publishedByName: r.publisher_name,
    readAt: r.read_at?.toISOString() ?? null, readCount: Number(r.read_count ?? 0),
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null, withdrawnByName: r.withdrawer_name, withdrawnReason: r.withdrawn_reason,
  };
}

const isOffice = (ctx: RequestContext & { actor: { kind: 'staff'; roles: readonly string[] } }) => ctx.actor.roles.includes('office');

/** One notice; a withdrawn one only for the office (for everyone else it is gone from the board). */
export async function getNotice(db: Db, ctx: RequestContext, input: { id: number }): Promise<NoticeView> {
  requireStaff(ctx);
  const row = await selectNotices(db, ctx.actor.id).where('notices.id', '=', input.id).executeTakeFirst();
  if (!row || (row.withdrawn_at !== null && !isOffice(ctx))) throw notFound(`No notice with id ${input.id}`);
  return toNoticeView(row);
}

/**
 * The notice board: every notice in force, newest first, with whether I have read it. Every staff member
 * sees it all. `history` (the office only) lists withdrawn notices too.
 */
export async function listNotices(db: Db, ctx: RequestContext, query: ListNoticesQuery): Promise<NoticeList> {
  requireStaff(ctx);
  if (query.history && !isOffice(ctx)) throw forbidden('Only the administrative office sees withdrawn notices.');
  const limit = query.limit ?? 20;
  let q = selectNotices(db, ctx.actor.id);
  if (!query.history) q = q.where('notices.withdrawn_at', 'is', null);
  if (query.kind) q = q.where('notices.kind', '=', query.kind);
  if (query.unread) q = q.where('mine.read_at', 'is', null);
  const after = decodeCursor(query.cursor, 2);
  if (after) q = q.where((eb) => eb(eb.refTuple('notices.published_at', 'notices.id'), '<', eb.tuple(new Date(String(after[0])), Number(after[1]))));
  const [rows, unread] = await Promise.all([
    q.orderBy('notices.published_at', 'desc').orderBy('notices.id', 'desc').limit(limit + 1).execute(),
    db.selectFrom('notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notices.withdrawn_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('notice_reads').select('notice_id').whereRef('notice_reads.notice_id', '=', 'notices.id').where('notice_reads.staff_id', '=', ctx.actor.id))))
      .executeTakeFirstOrThrow(),
  ]);
  return { ...toPage(rows.map(toNoticeView), limit, (n) => [n.publishedAt, n.id]), unread: Number(unread.n) };
}

/** Who has read a notice and who has not yet (active staff), for the office. */
export async function getNoticeReceipts(db: Db, ctx: RequestContext, input: { id: number }): Promise<NoticeReceipts> {
  requireStaff(ctx, 'office');
  const { id } = input;
  const exists = await db.selectFrom('notices').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw notFound(`No notice with id ${id}`);
  const rows = await db
    .selectFrom('staff')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .leftJoin('notice_reads', (j) => j.onRef('notice_reads.staff_id', '=', 'staff.id').on('notice_reads.notice_id', '=', id))
    .select(['staff.id', 'staff.name', 'departments.name as department_name', 'notice_reads.read_at'])
    .where((eb) => eb.or([eb('staff.active', '=', true), eb('notice_reads.read_at', 'is not', null)]))
    .orderBy('notice_reads.read_at', (ob) => ob.asc().nullsLast())
    .orderBy('staff.name')
    .orderBy('staff.id')
    .execute();
  const items = rows.map((r) => ({ staffId: r.id, name: r.name, departmentName: r.department_name, readAt: r.read_at?.toISOString() ?? null }));
  return { noticeId: id, readCount: items.filter((i) => i.readAt !== null).length, staffCount: items.length, items };
}
