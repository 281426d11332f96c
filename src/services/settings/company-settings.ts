import type { Db } from '../../db/connect.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { DEFAULT_GRADE_TABLE, EDITABLE_GRADES, resolveGradeTable, type EditableGrade, type GradeTable } from '../../domain/surveys/grade-to-points.ts';
import { recordAudit } from '../audit.ts';
import type { CompanySettings } from '../../contracts/settings.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';

/**
 * Company-wide settings kept in the `settings` table (key → text), read by every instance:
 * the company's time zone (weeks and months of dashboards and scorecards) and the scorecard grade points.
 */
export const COMPANY_TIME_ZONE_KEY = 'company_time_zone';
export const SCORECARD_GRADES_KEY = 'scorecard_grade_points';
/** The built-in China mainland calendar's zone, until an admin names another. */
export const DEFAULT_COMPANY_TIME_ZONE = 'Asia/Shanghai';

export type { CompanySettings } from '../../contracts/settings.ts';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

async function readSettings(db: Db, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

function parseGradeTable(raw: string | undefined): GradeTable {
  if (raw === undefined) return DEFAULT_GRADE_TABLE;
  try {
    return resolveGradeTable(JSON.parse(raw) as Partial<GradeTable>);
  } catch {
    // A value written by hand that no longer parses must not stop scorecards: fall back to the definition.
    return DEFAULT_GRADE_TABLE;
  }
}

/** The company's IANA time zone (default Asia/Shanghai). */
export async function loadCompanyTimeZone(db: Db): Promise<string> {
  const value = (await readSettings(db, [COMPANY_TIME_ZONE_KEY])).get(COMPANY_TIME_ZONE_KEY);
  return value && isTimeZone(value) ? value : DEFAULT_COMPANY_TIME_ZONE;
}

/** The scorecard grade table in force. */
export async function loadScorecardGradeTable(db: Db): Promise<GradeTable> {
  return parseGradeTable((await readSettings(db, [SCORECARD_GRADES_KEY])).get(SCORECARD_GRADES_KEY));
}

/** Any staff member may read them: pages need the zone to label weeks. */
export async function getCompanySettings(db: Db, ctx: RequestContext): Promise<CompanySettings> {
  requireStaff(ctx);
  const values = await readSettings(db, [COMPANY_TIME_ZONE_KEY, SCORECARD_GRADES_KEY]);
  const zone = values.get(COMPANY_TIME_ZONE_KEY);
  return { timeZone: zone && isTimeZone(zone) ? zone : DEFAULT_COMPANY_TIME_ZONE, scorecardGradePoints: parseGradeTable(values.get(SCORECARD_GRADES_KEY)) };
}

/** Admins change the company's time zone and the points of grades A…B- (scorecards answered later use them). */
export async function updateCompanySettings(
  db: Db,
  ctx: RequestContext,
  input: { timeZone?: string; scorecardGradePoints?: Partial<Record<EditableGrade | 'C' | 'D', number>> },
): Promise<CompanySettings> {
  requireStaff(ctx, 'admin');
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) throw invalid(`"${input.timeZone}" is not an IANA time zone such as Asia/Shanghai`, 'timeZone');
  const table = input.scorecardGradePoints === undefined ? undefined : resolveGradeTable(input.scorecardGradePoints, 'scorecardGradePoints');
  return db.transaction().execute(async (trx) => {
    const before = await getCompanySettings(trx, ctx);
    const writes: { key: string; value: string }[] = [];
    if (input.timeZone !== undefined) writes.push({ key: COMPANY_TIME_ZONE_KEY, value: input.timeZone });
    if (table) writes.push({ key: SCORECARD_GRADES_KEY, value: JSON.stringify(Object.fromEntries(EDITABLE_GRADES.map((g) => [g, table[g]]))) });
    for (const w of writes) {
      await trx.insertInto('settings').values(w).onConflict((oc) => oc.column('key').doUpdateSet({ value: w.value })).execute();
    }
    const after = await getCompanySettings(trx, ctx);
    if (writes.length > 0) {
      await recordAudit(trx, ctx, { action: 'settings.update', entity: 'settings', entityId: 'company', before: { ...before }, after: { ...after } });
    }
    return after;
  });
}
