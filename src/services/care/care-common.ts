import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { formatLocalDate, parseLocalDate } from '../../domain/calendar/parse-local-date.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import { getZonedDateParts } from '../../domain/surveys/zoned-date.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { DEFAULT_COMPANY_TIME_ZONE, loadCompanyTimeZone } from '../settings/company-settings.ts';

/** How far ahead visit tickets are generated. */
export const DEFAULT_VISIT_HORIZON_DAYS = 30;

/** Today's local date, `'YYYY-MM-DD'`, in `timeZone`. */
export function localToday(nowMs: number, timeZone = DEFAULT_COMPANY_TIME_ZONE): string {
  const p = getZonedDateParts(nowMs, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Visit dates are local dates in the company's time zone (Asia/Shanghai unless an admin set another). */
export async function loadToday(db: Db, nowMs: number): Promise<string> {
  return localToday(nowMs, await loadCompanyTimeZone(db));
}

export const addDays = (date: string, days: number) => formatLocalDate(parseLocalDate(date)! + days);

/** Office, supervisors and admins keep the register; every staff member may read it. */
export function requireCareEditor(ctx: RequestContext): asserts ctx is RequestContext & { actor: StaffActor } {
  requireStaff(ctx, 'admin', 'office', 'supervisor');
}

/** The seeded category and commitment (0012_special_care.sql), by id so renaming them changes nothing. */
export async function loadCareSettings(db: Pick<Db, 'selectFrom'>): Promise<{ visitCategoryId: number | null; visitCommitmentId: number | null }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['care.visit_category_id', 'care.visit_commitment_id']).execute();
  const of = (key: string) => {
    const v = rows.find((r) => r.key === key)?.value;
    return v ? Number(v) : null;
  };
  return { visitCategoryId: of('care.visit_category_id'), visitCommitmentId: of('care.visit_commitment_id') };
}

/** `date` columns as `'YYYY-MM-DD'` text: pg would otherwise turn them into local-midnight Date objects. */
export const dateText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
export const timeText = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'HH24:MI')`;
export const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A register entry locked for a change, with its since-date as text. */
export async function lockCareEntry(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('care_entries').selectAll().select(dateText('since').as('since_text')).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The version the editor saw must still be the entry's; none sent means "whatever it is now". */
export function checkEntryVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new DomainError('stale', `Someone else changed this entry meanwhile (now version ${actual}); reload it and try again.`, 'version', 'stale_version');
  }
}
