import type { Transaction } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import type { Database } from '../../../db/schema.ts';
import { readText } from '../../../domain/accountability/read-text.ts';
import { invalid } from '../../../domain/shared/domain-error.ts';
import type { PublishNoticeBody } from '../../../contracts/notices.ts';
import { recordAudit } from '../../audit.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { getNotice, type NoticeView } from './views.ts';

export interface InsertNoticeInput extends PublishNoticeBody {
  deductionId?: number | null;
  nowMs: number;
  /** Where the fields sit in the caller's request (`notice.` inside a deduction decision), for error messages. */
  fieldPrefix?: string;
}

/** Publishes a company-wide notice inside the caller's transaction (also used when a deduction is confirmed). */
export async function insertNotice(trx: Transaction<Database>, ctx: RequestContext & { actor: { kind: 'staff'; id: number } }, input: InsertNoticeInput): Promise<number> {
  const fieldPrefix = input.fieldPrefix ?? '';
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
    .values({ kind: input.kind, title, body, person_id: input.personId ?? null, department_id: departmentId, deduction_id: input.deductionId ?? null, published_at: new Date(input.nowMs), published_by: ctx.actor.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, ctx, { action: 'notice.publish', entity: 'notice', entityId: row.id, after: { kind: input.kind, title, personId: input.personId ?? null, departmentId, deductionId: input.deductionId ?? null } });
  return row.id;
}

/** The administrative office publishes a notice of criticism or commendation on everyone's board. */
export async function publishNotice(db: Db, ctx: RequestContext, input: PublishNoticeBody & { nowMs: number }): Promise<NoticeView> {
  requireStaff(ctx, 'office');
  const staffCtx = ctx;
  const id = await db.transaction().execute((trx) => insertNotice(trx, staffCtx, input));
  return getNotice(db, ctx, { id });
}
