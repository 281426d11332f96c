import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { GRADES, type Grade } from '../../domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS, type ScorecardArea } from '../../domain/surveys/score-scorecard.ts';
import type { ScorecardLinkView, ScorecardTrend, ScorecardTrendQuery, ScorecardTrendPoint, ScorecardView } from '../../contracts/scorecards.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import { parseSurveyPeriod } from '../surveys/parse-survey-period.ts';
import { loadScorecardScope, requireVisibleScorecard, visibleAccount } from './scorecard-access.ts';
import { openScorecardLink } from './scorecard-link-token.ts';

export type { ScorecardLinkView, ScorecardTrend, ScorecardTrendPoint, ScorecardView } from '../../contracts/scorecards.ts';

const WEEK = /^\d{4}-W\d{2}$/;

function baseQuery(db: Db) {
  return db
    .selectFrom('scorecards as s')
    .innerJoin('customers as c', 'c.id', 's.customer_id')
    .leftJoin('customer_contacts as k', 'k.id', 's.answered_by_contact_id')
    .leftJoin('staff as e', 'e.id', 's.entered_by_staff_id')
    .leftJoin('account_team_members as m', (j) => j.onRef('m.customer_id', '=', 's.customer_id').on('m.role', '=', 'account_manager'))
    .leftJoin('staff as am', 'am.id', 'm.staff_id')
    .select([
      's.id', 's.customer_id', 'c.name as account_name', 's.week_key', 's.week_start', 's.status', 's.opened_at', 's.answered_at', 's.channel',
      's.answered_by_contact_id', 'k.name as contact_name', 'e.name as entered_by_name', sql<number | null>`s.mean_points::float8`.as('mean_points'),
      's.reminder_count', 's.last_reminded_at', 's.follow_up_ticket_id', 'm.staff_id as manager_id', 'am.name as manager_name',
    ]);
}

async function toViews(db: Db, rows: Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>): Promise<ScorecardView[]> {
  const ids = rows.map((r) => r.id);
  const accounts = [...new Set(rows.map((r) => r.customer_id))];
  const [answers, contacts] = await Promise.all([
    ids.length ? db.selectFrom('scorecard_answers').select(['scorecard_id', 'area', 'grade', sql<number>`points::float8`.as('points'), 'comment']).where('scorecard_id', 'in', ids).execute() : [],
    accounts.length ? db.selectFrom('customer_contacts').select(['id', 'customer_id', 'name', 'emails']).where('customer_id', 'in', accounts).where('active', '=', true).orderBy('name').execute() : [],
  ]);
  const order = (area: string) => (SCORECARD_AREAS as readonly string[]).indexOf(area);
  return rows.map((r) => ({
    id: r.id, customerId: r.customer_id, accountName: r.account_name, weekKey: r.week_key, weekStart: r.week_start.toISOString(), status: r.status,
    openedAt: r.opened_at.toISOString(), answeredAt: r.answered_at?.toISOString() ?? null, channel: r.channel, contactId: r.answered_by_contact_id,
    contactName: r.contact_name, enteredByName: r.entered_by_name, meanPoints: r.mean_points, reminderCount: r.reminder_count,
    lastRemindedAt: r.last_reminded_at?.toISOString() ?? null, followUpTicketId: r.follow_up_ticket_id, accountManagerId: r.manager_id, accountManagerName: r.manager_name,
    answers: answers.filter((a) => a.scorecard_id === r.id).sort((a, b) => order(a.area) - order(b.area)).map((a) => ({ area: a.area as ScorecardArea, grade: a.grade as Grade, points: a.points, comment: a.comment })),
    contacts: contacts.filter((k) => k.customer_id === r.customer_id).map((k) => ({ id: k.id, name: k.name, hasEmail: k.emails.length > 0 })),
  }));
}

/** Scorecards the viewer may see, newest week first: one week (`2026-W10`), open or answered, one account. */
export async function listScorecards(db: Db, ctx: RequestContext, query: { week?: string; status?: 'open' | 'answered'; customerId?: number; limit?: number }): Promise<ScorecardView[]> {
  requireStaff(ctx);
  if (query.week !== undefined && !WEEK.test(query.week)) throw invalid('A week looks like 2026-W03', 'week');
  const scope = await loadScorecardScope(db, ctx);
  let q = baseQuery(db).where(visibleAccount(scope, 's.customer_id'));
  if (query.week) q = q.where('s.week_key', '=', query.week);
  if (query.status) q = q.where('s.status', '=', query.status);
  if (query.customerId) q = q.where('s.customer_id', '=', query.customerId);
  const rows = await q.orderBy('s.week_start', 'desc').orderBy('c.name').orderBy('s.id').limit(query.limit ?? 200).execute();
  return toViews(db, rows);
}

export async function getScorecard(db: Db, ctx: RequestContext, id: number): Promise<ScorecardView> {
  requireStaff(ctx);
  await requireVisibleScorecard(db, ctx, id);
  return (await toViews(db, await baseQuery(db).where('s.id', '=', id).execute()))[0]!;
}

/**
 * The weekly index per account and for a staff member's account team over [from, to) by week start:
 * mean points overall and per area, grouped in SQL over the answered scorecards the viewer may see.
 */
export async function getScorecardTrend(db: Db, ctx: RequestContext, { nowMs, ...query }: ScorecardTrendQuery & { nowMs: number }): Promise<ScorecardTrend> {
  requireStaff(ctx);
  const timeZone = await loadCompanyTimeZone(db);
  const { fromMs, toMs } = parseSurveyPeriod({ ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), timeZone }, nowMs);
  const scope = await loadScorecardScope(db, ctx);
  const staffId = query.staffId ?? ctx.actor.id;
  const grouped = (team: boolean) => {
    let q = db
      .selectFrom('scorecards as s')
      .innerJoin('scorecard_answers as a', 'a.scorecard_id', 's.id')
      .where('s.status', '=', 'answered')
      .where('s.week_start', '>=', new Date(fromMs))
      .where('s.week_start', '<', new Date(toMs))
      .where(visibleAccount(scope, 's.customer_id'));
    if (query.customerId) q = q.where('s.customer_id', '=', query.customerId);
    if (team) q = q.where('s.customer_id', 'in', db.selectFrom('account_team_members').select('customer_id').where('staff_id', '=', staffId));
    return q
      .select([
        team ? sql<number>`0`.as('customer_id') : 's.customer_id', 's.week_key', 's.week_start', 'a.area',
        sql<number>`avg(a.points)::float8`.as('mean'), sql<number>`count(distinct s.id)::int`.as('n'),
      ])
      .groupBy(team ? ['s.week_key', 's.week_start', 'a.area'] : ['s.customer_id', 's.week_key', 's.week_start', 'a.area'])
      .orderBy('s.week_start')
      .execute();
  };
  const [perAccount, perTeam] = await Promise.all([grouped(false), grouped(true)]);
  const fold = (rows: typeof perAccount) => {
    const weeks = new Map<string, ScorecardTrendPoint>();
    for (const r of rows) {
      let p = weeks.get(r.week_key);
      if (!p) weeks.set(r.week_key, (p = { weekKey: r.week_key, weekStart: r.week_start.toISOString(), index: 0, areas: {}, n: r.n }));
      p.areas[r.area as ScorecardArea] = r.mean;
      p.n = Math.max(p.n, r.n);
    }
    // Every answered scorecard grades all five areas, so the mean of area means is the mean of the scorecards' indexes.
    for (const p of weeks.values()) p.index = Object.values(p.areas).reduce((a: number, b) => a + (b ?? 0), 0) / Math.max(1, Object.keys(p.areas).length);
    return [...weeks.values()];
  };
  const byAccount = new Map<number, typeof perAccount>();
  for (const r of perAccount) {
    const list = byAccount.get(r.customer_id) ?? [];
    list.push(r);
    byAccount.set(r.customer_id, list);
  }
  const names = byAccount.size
    ? new Map((await db.selectFrom('customers').select(['id', 'name']).where('id', 'in', [...byAccount.keys()]).execute()).map((c) => [c.id, c.name]))
    : new Map<number, string>();
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    timeZone,
    accounts: [...byAccount.entries()].map(([customerId, rows]) => ({ customerId, accountName: names.get(customerId) ?? String(customerId), points: fold(rows) })).sort((a, b) => a.accountName.localeCompare(b.accountName)),
    team: { staffId, points: fold(perTeam) },
  };
}

/** What the public page shows before the contact answers. */
export async function readScorecardLink(db: Db, input: { token: string; nowMs: number; secret: string }): Promise<ScorecardLinkView> {
  const { claims, row } = await openScorecardLink(db, input.token, input.nowMs, input.secret);
  return {
    accountName: row.account_name, contactName: row.contact_name, weekKey: row.week_key, weekStart: row.week_start.toISOString(),
    alreadyAnswered: row.status === 'answered', expiresAt: new Date(claims.expiresAtMs).toISOString(), areas: [...SCORECARD_AREAS], grades: [...GRADES],
  };
}
