import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import type { DashboardGroup, DashboardQuery, SurveyDashboard } from '../../contracts/surveys.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import { parseSurveyPeriod } from './parse-survey-period.ts';
import { resolveSurveyScope, scopedCredits } from './survey-scope.ts';
import { listSurveyDimensions, type SurveyDimensionView } from './views.ts';

/** The low ratings list is for acting on, not for export of everything: beyond this it says it was cut. */
export const MAX_LOW_RATINGS = 200;

export type { DashboardDimension, DashboardFigures, DashboardGroup, DashboardQuery, LowRating, SurveyDashboard } from '../../contracts/surveys.ts';

const figures = {
  n: sql<number>`count(*)::int`,
  mean: sql<number | null>`avg(s.satisfaction)::float8`,
  csat: sql<number | null>`avg(case when s.satisfaction >= 4 then 1.0 else 0.0 end)::float8`,
};

/**
 * What the satisfaction dashboard draws, each figure grouped in SQL: trends per ISO week and month in
 * the company's time zone, CSAT and mean per department, person, category and channel, the dimensions'
 * means, and the low ratings (1–2) with what followed. Visibility is that of the survey results.
 */
export async function getSurveyDashboard(db: Db, ctx: RequestContext, { nowMs, ...query }: DashboardQuery & { nowMs: number }): Promise<SurveyDashboard> {
  const companyZone = await loadCompanyTimeZone(db);
  const { fromMs, toMs, timeZone } = parseSurveyPeriod({ ...query, timeZone: companyZone }, nowMs);
  const scope = await resolveSurveyScope(db, ctx);
  let departmentIds: number[] | null = null;
  if (query.departmentId !== undefined) {
    const nodes = await loadDepartmentNodes(db);
    if (!nodes.has(query.departmentId)) throw invalid(`No department with id ${query.departmentId}`, 'departmentId');
    departmentIds = listSubtreeIds(nodes.values(), query.departmentId);
  }

  // The credit rows this viewer may count; with a department filter, only that subtree's.
  const credits = () => {
    let q = scopedCredits(db, scope, fromMs, toMs).where('s.kind', '=', 'callback');
    if (departmentIds) q = q.where('c.department_id', 'in', departmentIds);
    return q;
  };
  const visibleIds = () =>
    scope.kind === 'all' && !departmentIds
      ? db.selectFrom('surveys as s').select('s.id').where('s.kind', '=', 'callback').where('s.status', '=', 'answered')
        .where('s.answered_at', '>=', new Date(fromMs)).where('s.answered_at', '<', new Date(toMs))
      : credits().select('c.survey_id as id');
  const visible = () => db.selectFrom('surveys as s').where('s.id', 'in', visibleIds());

  const byPeriod = (format: string) => {
    const key = sql<string>`to_char(s.answered_at at time zone ${timeZone}, ${format})`;
    // Grouped by position: the zone is a parameter, so the same expression twice would not match.
    return visible().select([key.as('key'), figures.n.as('n'), figures.mean.as('mean'), figures.csat.as('csat')]).groupBy(sql`1`).orderBy(sql`1`).execute();
  };
  const byCredit = (column: 'department_id' | 'staff_id') =>
    db
      .selectFrom(credits().select(['c.survey_id', `c.${column} as key`]).where(`c.${column}`, 'is not', null).distinct().as('g'))
      .innerJoin('surveys as s', 's.id', 'g.survey_id')
      .select(['g.key', figures.n.as('n'), figures.mean.as('mean'), figures.csat.as('csat')])
      .groupBy('g.key')
      .execute();

  const [overall, byWeek, byMonth, departments, people, categories, channels, dimensionRows, dimensions, low] = await Promise.all([
    visible().select([figures.n.as('n'), figures.mean.as('mean'), figures.csat.as('csat')]).executeTakeFirstOrThrow(),
    byPeriod('IYYY-"W"IW'),
    byPeriod('YYYY-MM'),
    byCredit('department_id'),
    byCredit('staff_id'),
    visible().leftJoin('tickets as t', 't.id', 's.ticket_id').select(['t.category_id as key', figures.n.as('n'), figures.mean.as('mean'), figures.csat.as('csat')]).groupBy('t.category_id').execute(),
    visible().select(['s.channel as key', figures.n.as('n'), figures.mean.as('mean'), figures.csat.as('csat')]).groupBy('s.channel').execute(),
    db.selectFrom('survey_answers as a')
      .select(['a.dimension', sql<number | null>`avg(a.score)::float8`.as('mean'), sql<number>`count(*)::int`.as('answers')])
      .where('a.survey_id', 'in', visibleIds()).where('a.kind', '=', 'scale').where('a.dimension', 'is not', null)
      .groupBy('a.dimension').execute(),
    listSurveyDimensions(db, ctx),
    visible()
      .leftJoin('tickets as t', 't.id', 's.ticket_id')
      .leftJoin('staff as o', 'o.id', 't.owner_id')
      .select([
        's.id', 's.answered_at', 's.satisfaction', 's.comment', 's.channel', 't.id as ticket_id', 't.number', 't.subject', 't.status as ticket_status',
        't.owner_id', 'o.name as owner_name', 't.customer_name',
        sql<number>`(select count(*)::int from complaints k where k.ticket_id = t.id)`.as('complaints'),
        sql<string | null>`(select k.status from complaints k where k.ticket_id = t.id order by k.id desc limit 1)`.as('complaint_status'),
        sql<boolean>`exists (select 1 from ticket_events e where e.ticket_id = t.id and e.type = 'reopened' and e.at > s.answered_at)`.as('reopened_after'),
      ])
      .where('s.satisfaction', '<=', 2)
      .orderBy('s.answered_at', 'desc')
      .orderBy('s.id', 'desc')
      .limit(MAX_LOW_RATINGS + 1)
      .execute(),
  ]);

  const labelsOf = async (table: 'departments' | 'staff' | 'categories', ids: (number | null)[]) => {
    const known = ids.filter((id): id is number => id !== null);
    if (known.length === 0) return new Map<number, string>();
    const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', known).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  const [deptNames, staffNames, categoryNames] = await Promise.all([
    labelsOf('departments', departments.map((d) => d.key)),
    labelsOf('staff', people.map((p) => p.key)),
    labelsOf('categories', categories.map((c) => c.key)),
  ]);
  type Row = { key: string | number | null; n: number; mean: number | null; csat: number | null };
  const toGroup = (r: Row, label: string | null): DashboardGroup => ({ key: r.key, label, n: r.n, csat: r.csat, mean: r.mean });
  const ranked = (rows: DashboardGroup[]) => rows.sort((a, b) => b.n - a.n || (a.label ?? '').localeCompare(b.label ?? ''));
  const means = new Map(dimensionRows.map((d) => [d.dimension, d]));

  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    timeZone,
    scope: scope.kind,
    departmentId: query.departmentId ?? null,
    overall: { n: overall.n, csat: overall.csat, mean: overall.mean },
    byWeek: byWeek.map((r) => toGroup(r, r.key)),
    byMonth: byMonth.map((r) => toGroup(r, r.key)),
    byDepartment: ranked(departments.map((r) => toGroup(r, r.key === null ? null : (deptNames.get(r.key) ?? null)))),
    byPerson: ranked(people.map((r) => toGroup(r, r.key === null ? null : (staffNames.get(r.key) ?? null)))),
    byCategory: ranked(categories.map((r) => toGroup(r, r.key === null ? null : (categoryNames.get(r.key) ?? null)))),
    byChannel: ranked(channels.map((r) => toGroup(r, r.key))),
    dimensions: dimensions
      .filter((d: SurveyDimensionView) => d.active || means.has(d.key))
      .map((d) => ({ key: d.key, nameZh: d.nameZh, nameEn: d.nameEn, mean: means.get(d.key)?.mean ?? null, answers: means.get(d.key)?.answers ?? 0 })),
    lowRatings: low.slice(0, MAX_LOW_RATINGS).map((r) => ({
      surveyId: r.id,
      answeredAt: r.answered_at!.toISOString(),
      satisfaction: r.satisfaction!,
      comment: r.comment,
      channel: r.channel,
      ticketId: r.ticket_id,
      ticketNumber: r.number,
      subject: r.subject,
      ticketStatus: r.ticket_status,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      customerName: r.customer_name,
      complaints: r.complaints,
      complaintStatus: r.complaint_status,
      reopenedAfter: r.reopened_after,
    })),
    lowRatingsTruncated: low.length > MAX_LOW_RATINGS,
  };
}
