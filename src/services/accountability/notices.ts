import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { Database } from '../../db/schema.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import { DomainError, forbidden, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

export type NoticeKind = 'criticism' | 'commendation';

export interface NoticeView {
  id: number;
  kind: NoticeKind;
  title: string;
  body: string;
  personId: number | null;
  personName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  deductionId: number | null;
  publishedAt: string;
  publishedByName: string | null;
  /** When I read it; null while unread. */
  readAt: string | null;
  readCount: number;
  /** Set when withdrawn: it left the board and only the office still sees it, with who withdrew it and why. */
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
}

export interface PublishNoticeInput {
  kind: NoticeKind;
  title: string;
  body: string;
  personId?: number | null;
  departmentId?: number | null;
}

/** Publishes a company-wide notice inside the caller's transaction (also used when a deduction is confirmed). */
export async function insertNotice(
  trx: Transaction<Database>,
  ctx: RequestContext & { actor: { kind: 'staff'; id: number } },
  input: PublishNoticeInput & { deductionId?: number | null },
  nowMs: number,
  fieldPrefix = '',
): Promise<number> {
  if (input.kind !== 'criticism' && input.kind !== 'commendation') throw invalid('The kind must be criticism or commendation', `${fieldPrefix}kind`);
  const title = readText(input.title, `${fieldPrefix}title`, 200) as string;
  const body = readText(input.body, `${fieldPrefix}body`, 10_000) as string;
  let departmentId = input.departmentId ?? null;
  if (input.personId != null) {
    const person = await trx.selectFrom('staff').select(['department_id']).where('id', '=', input.personId).executeTakeFirst();
    if (!person) throw invalid(`Staff member ${input.personId} does not exist`, `${fieldPrefix}personId`);
    departmentId ??= person.department_id;
  }
  if (input.departmentId != null) {
    const dept = await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst();
    if (!dept) throw invalid(`Department ${input.departmentId} does not exist`, `${fieldPrefix}departmentId`);
  }
  const row = await trx
    .insertInto('notices')
    .values({ kind: input.kind, title, body, person_id: input.personId ?? null, department_id: departmentId, deduction_id: input.deductionId ?? null, published_at: new Date(nowMs), published_by: ctx.actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: 'notice.publish', entity: 'notice', entityId: row.id, after: { kind: input.kind, title, personId: input.personId ?? null, departmentId, deductionId: input.deductionId ?? null } });
  return row.id;
}

/** The administrative office publishes a notice of criticism or commendation on everyone's board. */
export async function publishNotice(db: Db, ctx: RequestContext, input: PublishNoticeInput, nowMs: number): Promise<NoticeView> {
  requireStaff(ctx, 'office');
  const staffCtx = ctx;
  const id = await db.transaction().execute((trx) => insertNotice(trx, staffCtx, input, nowMs));
  return getNotice(db, ctx, id);
}

function noticeQuery(db: Db, viewerId: number) {
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

type NoticeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof noticeQuery>['executeTakeFirst']>>>;

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
export async function getNotice(db: Db, ctx: RequestContext, id: number): Promise<NoticeView> {
  requireStaff(ctx);
  const row = await noticeQuery(db, ctx.actor.id).where('notices.id', '=', id).executeTakeFirst();
  if (!row || (row.withdrawn_at !== null && !isOffice(ctx))) throw notFound(`No notice with id ${id}`);
  return toNoticeView(row);
}

/**
 * The notice board: every notice in force, newest first, with whether I have read it. Every staff member
 * sees it all. `history` (the office only) lists withdrawn notices too.
 */
export async function listNotices(db: Db, ctx: RequestContext, query: { kind?: NoticeKind; unread?: boolean; history?: boolean; limit?: number; cursor?: string }): Promise<Page<NoticeView> & { unread: number }> {
  requireStaff(ctx);
  if (query.history && !isOffice(ctx)) throw forbidden('Only the administrative office sees withdrawn notices.');
  const limit = query.limit ?? 20;
  let q = noticeQuery(db, ctx.actor.id);
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

/**
 * A read receipt: the first reading counts, later ones change nothing. Like reading a notification it
 * alters nobody's record, so it is not audited: the receipt is its own trace.
 */
export async function markNoticeRead(db: Db, ctx: RequestContext, id: number, nowMs: number): Promise<NoticeView> {
  requireStaff(ctx);
  const exists = await db.selectFrom('notices').select('id').where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
  if (!exists) throw notFound(`No notice with id ${id}`);
  await db.insertInto('notice_reads').values({ notice_id: id, staff_id: ctx.actor.id, read_at: new Date(nowMs) }).onConflict((oc) => oc.columns(['notice_id', 'staff_id']).doNothing()).execute();
  return getNotice(db, ctx, id);
}

/**
 * Withdraws a notice inside the caller's transaction (also when an appeal overturns the complaint behind
 * it): it leaves everyone's board but is never deleted. Withdrawing twice changes nothing.
 */
export async function withdrawNoticeIn(trx: Transaction<Database>, ctx: RequestContext, id: number, reason: string, nowMs: number, field = 'reason'): Promise<boolean> {
  const text = readText(reason, field, 2000) as string;
  const row = await trx.selectFrom('notices').select(['id', 'withdrawn_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`No notice with id ${id}`);
  if (row.withdrawn_at !== null) return false;
  await trx.updateTable('notices').set({ withdrawn_at: new Date(nowMs), withdrawn_by: ctx.actor.kind === 'staff' ? ctx.actor.id : null, withdrawn_reason: text }).where('id', '=', id).execute();
  await recordAudit(trx, ctx, { action: 'notice.withdraw', entity: 'notice', entityId: id, before: { withdrawnAt: null }, after: { withdrawnAt: new Date(nowMs).toISOString(), reason: text } });
  return true;
}

/** The office withdraws a notice by hand, with the reason; a notice already withdrawn is a conflict. */
export async function withdrawNotice(db: Db, ctx: RequestContext, id: number, input: { reason: string }, nowMs: number): Promise<NoticeView> {
  requireStaff(ctx, 'office');
  await db.transaction().execute(async (trx) => {
    if (!(await withdrawNoticeIn(trx, ctx, id, input.reason, nowMs))) throw new DomainError('wrong_state', 'This notice was withdrawn already.', undefined, 'wrong_state');
  });
  return getNotice(db, ctx, id);
}

export interface NoticeReceipts {
  noticeId: number;
  readCount: number;
  staffCount: number;
  items: { staffId: number; name: string; departmentName: string | null; readAt: string | null }[];
}

/** Who has read a notice and who has not yet (active staff), for the office. */
export async function getNoticeReceipts(db: Db, ctx: RequestContext, id: number): Promise<NoticeReceipts> {
  requireStaff(ctx, 'office');
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
