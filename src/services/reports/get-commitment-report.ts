import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { businessMillisecondsBetween } from '../../domain/calendar/index.ts';
import { summarizeCompliance, type ClockOutcome } from '../../domain/commitments/summarize-compliance.ts';
import { REPORT_PERIODS, type ReportGroupBy } from '../../domain/commitments/compliance-report-options.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { forbidden, invalid } from '../../domain/shared/domain-error.ts';
import { getPeriodKey } from '../../domain/accountability/parse-period.ts';
import { getIsoWeekKey } from '../../domain/surveys/get-iso-week-key.ts';
import { parsePeriodBound } from '../../domain/surveys/parse-period-bound.ts';
import { loadCalendars } from '../commitments/load-calendars.ts';
import type { AttributionRow, CommitmentReport, CommitmentReportQuery, CommitmentReportRow } from '../../contracts/reports.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { requireStaff } from '../org/require-role.ts';

/** Dates without a time are local midnights here unless the caller names a zone (the built-in calendars' zone). */
export const DEFAULT_REPORT_TIME_ZONE = 'Asia/Shanghai';
const MAX_PERIOD_MS = 731 * 86_400_000;
/** The attribution table is for reading; beyond this many rows the answer says it was cut short. */
export const MAX_ATTRIBUTION_ROWS = 10_000;

export type { AttributionRow, CommitmentReport, CommitmentReportQuery, CommitmentReportRow } from '../../contracts/reports.ts';


function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(`"${timeZone}" is not an IANA time zone such as Asia/Shanghai`, 'timeZone');
  }
}

/** The period [fromMs, toMs) the report covers: from before to, at most two years long. */
export function parseReportPeriod(query: Pick<CommitmentReportQuery, 'from' | 'to' | 'timeZone'>): { fromMs: number; toMs: number; timeZone: string } {
  const timeZone = query.timeZone ?? DEFAULT_REPORT_TIME_ZONE;
  checkTimeZone(timeZone);
  const fromMs = parsePeriodBound(query.from, 'from', timeZone);
  const toMs = parsePeriodBound(query.to, 'to', timeZone);
  if (toMs <= fromMs) throw invalid('The end of the period must be after its start.', 'to');
  if (toMs - fromMs > MAX_PERIOD_MS) throw invalid('A report covers at most two years; choose a shorter period.', 'to');
  return { fromMs, toMs, timeZone };
}

/** Admin and office see every department; a supervisor the subtree of their department and of those they head. */
async function resolveScope(db: Db, ctx: RequestContext): Promise<number[] | 'all'> {
  requireStaff(ctx);
  const { roles, id } = ctx.actor;
  if (roles.includes('admin') || roles.includes('office')) return 'all';
  if (!roles.includes('supervisor')) throw forbidden('Only supervisors, the administrative office and admins may see commitment reports.');
  const [me, nodes] = await Promise.all([db.selectFrom('staff').select('department_id').where('id', '=', id).executeTakeFirstOrThrow(), loadDepartmentNodes(db)]);
  const roots = [...(me.department_id === null ? [] : [me.department_id]), ...[...nodes.values()].filter((d) => d.headId === id).map((d) => d.id)];
  return [...new Set(roots.flatMap((root) => listSubtreeIds(nodes.values(), root)))];
}

/** When a clock's outcome was decided: its breach (even if met late afterwards), else its stop. */
const decidedAt = sql<Date>`coalesce(clocks.breached_at, clocks.stopped_at)`;

/**
 * Compliance per commitment, responsible department or responsible person over the clocks decided in
 * [from, to) — breached then, or stopped then without a breach — plus who caused each level-1 breach.
 */
export async function getCommitmentReport(db: Db, ctx: RequestContext, { nowMs, ...query }: CommitmentReportQuery & { nowMs: number }): Promise<CommitmentReport> {
  const scope = await resolveScope(db, ctx);
  const { fromMs, toMs, timeZone } = parseReportPeriod(query);
  const groupBy = query.groupBy ?? 'commitment';
  const level = query.level ?? null;
  if (level !== null && ![1, 2, 3].includes(level)) throw invalid('The level is 1, 2 or 3.', 'level');
  const period = query.period ?? null;
  if (period !== null && !REPORT_PERIODS.includes(period)) throw invalid('The period is week or month.', 'period');
  const periodOf = (atMs: number) => (period === 'week' ? getIsoWeekKey(atMs, timeZone) : period === 'month' ? getPeriodKey(atMs, 'month', timeZone) : '');
  const from = new Date(fromMs);
  const to = new Date(toMs);
  const empty = Array.isArray(scope) && scope.length === 0;

  let clocksQuery = db
    .selectFrom('clocks')
    .innerJoin('commitment_versions as cv', (j) => j.onRef('cv.commitment_id', '=', 'clocks.commitment_id').onRef('cv.version', '=', 'clocks.commitment_version'))
    .select([
      'clocks.id', 'clocks.commitment_id', 'clocks.state', 'clocks.elapsed_ms_before', 'clocks.running_since', 'clocks.breached_at',
      'clocks.stopped_at', 'clocks.elapsed_minutes', 'clocks.late_minutes', 'clocks.calendar_id', 'clocks.responsible_department_id',
      'clocks.responsible_staff_id', 'cv.target_minutes',
    ])
    .where(decidedAt, '>=', from)
    .where(decidedAt, '<', to);
  if (level !== null) clocksQuery = clocksQuery.where('cv.level', '=', level);
  if (Array.isArray(scope)) clocksQuery = clocksQuery.where('clocks.responsible_department_id', 'in', empty ? [-1] : scope);
  const clocks = await clocksQuery.execute();

  // A breached clock still open has no elapsed_minutes yet: count what it has used so far on its calendar.
  const calendars = await loadCalendars(db, clocks.filter((c) => c.elapsed_minutes === null && c.running_since !== null).map((c) => c.calendar_id));
  const outcomes = clocks.map((c) => {
    let elapsedMinutes = c.elapsed_minutes;
    if (elapsedMinutes === null) {
      const running = c.running_since ? businessMillisecondsBetween(c.running_since.getTime(), Math.max(nowMs, c.running_since.getTime()), calendars.get(c.calendar_id)!.calendar) : 0;
      elapsedMinutes = Math.floor((Number(c.elapsed_ms_before) + running) / 60_000);
    }
    const breached = c.state === 'breached' || c.breached_at !== null || (c.late_minutes ?? 0) > 0;
    const outcome: ClockOutcome = { targetMinutes: c.target_minutes, elapsedMinutes, breached, lateMinutes: c.stopped_at ? c.late_minutes : null };
    const key = groupBy === 'commitment' ? c.commitment_id : groupBy === 'department' ? c.responsible_department_id : c.responsible_staff_id;
    return { key, period: periodOf((c.breached_at ?? c.stopped_at)!.getTime()), outcome };
  });

  // One group per (period, key); without `period` the period is '' for all.
  const groups = new Map<string, { key: number | null; period: string; list: ClockOutcome[] }>();
  for (const { key, period: p, outcome } of outcomes) {
    const id = `${p}|${key}`;
    const group = groups.get(id) ?? { key, period: p, list: [] };
    group.list.push(outcome);
    groups.set(id, group);
  }
  const names = await nameGroups(db, groupBy, [...new Set([...groups.values()].map((g) => g.key))]);
  const named = [...groups.values()].map((g) => ({ ...g, group: g.key === null ? undefined : names.get(g.key) }));
  // Periods oldest first (their keys sort as text); within one, commitments in tree order (stages under
  // their parent), people and departments by name (pinyin); nobody last.
  named.sort((a, b) => {
    if (a.period !== b.period) return a.period < b.period ? -1 : 1;
    if (!a.group || !b.group) return a.group ? -1 : b.group ? 1 : 0;
    return (a.group.order ?? 0) - (b.group.order ?? 0) || collator.compare(a.group.name, b.group.name) || (a.key ?? 0) - (b.key ?? 0);
  });
  const rows = named.map(({ key, period: p, group, list }): CommitmentReportRow => ({
    ...(period === null ? {} : { period: p }),
    key,
    name: group?.name ?? null,
    ...(group?.level === undefined ? {} : { level: group.level, targetMinutes: group.targetMinutes }),
    ...summarizeCompliance(list),
  }));
  let periodTotals: CommitmentReport['periodTotals'];
  if (period !== null) {
    const byPeriod = new Map<string, ClockOutcome[]>();
    for (const o of outcomes) byPeriod.set(o.period, [...(byPeriod.get(o.period) ?? []), o.outcome]);
    periodTotals = [...byPeriod.keys()].sort().map((p) => ({ period: p, ...summarizeCompliance(byPeriod.get(p)!) }));
  }

  const attributions = empty || level === 2 || level === 3 ? [] : await listAttributions(db, from, to, scope);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone,
    groupBy,
    level,
    period,
    ...(periodTotals ? { periodTotals } : {}),
    scope: scope === 'all' ? 'all' : 'departments',
    totals: summarizeCompliance(outcomes.map((o) => o.outcome)),
    rows,
    attributions: attributions.slice(0, MAX_ATTRIBUTION_ROWS),
    attributionsTruncated: attributions.length > MAX_ATTRIBUTION_ROWS,
  };
}

type GroupName = { name: string; level?: number; targetMinutes?: number; /** Place in the tree walk (commitments). */ order?: number };

const collator = new Intl.Collator('zh-CN');

async function nameGroups(db: Db, groupBy: ReportGroupBy, keys: (number | null)[]): Promise<Map<number, GroupName>> {
  const ids = keys.filter((k): k is number => k !== null);
  if (ids.length === 0) return new Map();
  if (groupBy === 'commitment') {
    // The whole tree (hundreds of rows at most), so stages are listed right under their parent.
    const rows = await db
      .selectFrom('commitments')
      .innerJoin('commitment_versions as cv', (j) => j.onRef('cv.commitment_id', '=', 'commitments.id').onRef('cv.version', '=', 'commitments.current_version'))
      .select(['commitments.id', 'commitments.parent_id', 'commitments.position', 'cv.name', 'cv.level', 'cv.target_minutes'])
      .execute();
    const children = new Map<number | null, typeof rows>();
    for (const r of rows) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
    const result = new Map<number, GroupName>();
    const walk = (parentId: number | null) => {
      const list = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position || collator.compare(a.name, b.name) || a.id - b.id);
      for (const r of list) {
        if (result.has(r.id)) continue;
        result.set(r.id, { name: r.name, level: r.level, targetMinutes: r.target_minutes, order: result.size });
        walk(r.id);
      }
    };
    walk(null);
    return result;
  }
  const table = groupBy === 'department' ? 'departments' : 'staff';
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name }]));
}

/** Who made each level-1 clock decided in the period break its promise: one row per attribution. */
async function listAttributions(db: Db, from: Date, to: Date, scope: number[] | 'all'): Promise<AttributionRow[]> {
  let q = db
    .selectFrom('clock_attributions as a')
    .innerJoin('clocks', 'clocks.id', 'a.clock_id')
    .innerJoin('tickets', 'tickets.id', 'clocks.ticket_id')
    .innerJoin('commitments as c', 'c.id', 'clocks.commitment_id')
    // The versions the clocks ran on (pinned when they started), not the current ones.
    .innerJoin('commitment_versions as cv', (j) => j.onRef('cv.commitment_id', '=', 'c.id').onRef('cv.version', '=', 'clocks.commitment_version'))
    .leftJoin('clocks as stage', 'stage.id', 'a.stage_clock_id')
    .leftJoin('commitment_versions as scv', (j) => j.onRef('scv.commitment_id', '=', 'stage.commitment_id').onRef('scv.version', '=', 'stage.commitment_version'))
    // A row without its stage clock (written by hand) falls back to the stage's current version.
    .leftJoin('commitments as sc', 'sc.id', 'a.stage_commitment_id')
    .leftJoin('commitment_versions as scur', (j) => j.onRef('scur.commitment_id', '=', 'sc.id').onRef('scur.version', '=', 'sc.current_version'))
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.clock_id', 'a.kind', 'a.stage_commitment_id', 'a.budget_minutes', 'a.used_minutes', 'a.overrun_minutes', 'a.department_id', 'a.staff_id',
      'tickets.id as ticket_id', 'tickets.number', 'c.id as commitment_id', 'clocks.commitment_version', 'cv.name as commitment_name', (eb) => eb.fn.coalesce('stage.commitment_version', 'scur.version').as('stage_version'), (eb) => eb.fn.coalesce('scv.name', 'scur.name').as('stage_name'),
      'd.name as department_name', 's.name as staff_name', 'clocks.breached_at',
    ])
    .where(decidedAt, '>=', from)
    .where(decidedAt, '<', to)
    .where('cv.level', '=', 1);
  if (Array.isArray(scope)) {
    // A supervisor sees the breaches their departments caused and those of the promises their departments answer for.
    q = q.where((eb) => eb.or([eb('a.department_id', 'in', scope), eb('clocks.responsible_department_id', 'in', scope)]));
  }
  const rows = await q.orderBy(decidedAt).orderBy('a.id').limit(MAX_ATTRIBUTION_ROWS + 1).execute();
  return rows.map((r) => ({
    clockId: r.clock_id,
    ticketId: r.ticket_id,
    ticketNumber: r.number,
    commitmentId: r.commitment_id,
    commitmentVersion: r.commitment_version,
    commitmentName: r.commitment_name,
    kind: r.kind,
    stageCommitmentId: r.stage_commitment_id,
    stageVersion: r.stage_version,
    stageName: r.stage_name,
    budgetMinutes: r.budget_minutes,
    usedMinutes: r.used_minutes,
    overrunMinutes: r.overrun_minutes,
    departmentId: r.department_id,
    departmentName: r.department_name,
    staffId: r.staff_id,
    staffName: r.staff_name,
    breachedAt: r.breached_at?.toISOString() ?? null,
  }));
}
