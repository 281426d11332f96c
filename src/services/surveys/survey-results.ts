import type { Db } from '../../db/connect.ts';
import { listSubtreeIds } from '../../domain/org/tree.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { getIsoWeekKey } from '../../domain/surveys/get-iso-week-key.ts';
import { summarizeSurveyResponses, type SurveyResponseData, type SurveySummary } from '../../domain/surveys/summarize-survey-responses.ts';
import { getZonedDateParts, getZonedDayStartMs } from '../../domain/surveys/zoned-date.ts';
import type { SurveyAnswerKind } from '../../domain/surveys/parse-survey-answer.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import { listSurveyDimensions, type SurveyDimensionView } from './survey-dimensions.ts';

export const SURVEY_GROUP_BYS = ['department', 'person', 'category', 'channel', 'week', 'month'] as const;
export type SurveyGroupBy = (typeof SURVEY_GROUP_BYS)[number];

/** Dates without a time are local midnights in this zone unless the caller names one (the built-in calendar's zone). */
export const DEFAULT_SURVEY_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 731 * DAY_MS;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;

export interface SurveyResultsQuery {
  /** `YYYY-MM-DD` (local midnight) or an ISO date-time with Z or an offset; inclusive. Default: 30 days before `to`. */
  from?: string;
  /** Same forms; exclusive. Default: now. */
  to?: string;
  groupBy?: SurveyGroupBy;
  timeZone?: string;
}

export interface SurveyResultsGroup extends SurveySummary {
  /** Department, staff or category id; channel, `2026-W03` or `2026-01`; null for "none" (no category). */
  key: number | string | null;
  label: string | null;
}

export interface SurveyResults {
  from: string;
  to: string;
  timeZone: string;
  groupBy: SurveyGroupBy | null;
  /** all: admin and office; departments: a supervisor's subtree (and their own credits); own: the caller's own credits. */
  scope: 'all' | 'departments' | 'own';
  /** Every dimension, for names and order. */
  dimensions: SurveyDimensionView[];
  overall: SurveySummary;
  groups: SurveyResultsGroup[];
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseBound(value: string, field: 'from' | 'to', timeZone: string): number {
  const date = DATE_ONLY.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (year < 2000 || year > 2200 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
      throw invalid(`"${value}" is not a date between 2000 and 2200 (use e.g. 2026-01-31)`, field);
    }
    return getZonedDayStartMs(year, month, day, timeZone);
  }
  const ms = DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(`"${value}" is not a date (use e.g. 2026-01-31, or 2026-01-31T08:00:00+08:00)`, field);
  return ms;
}

/** The period [fromMs, toMs): from before to, at most two years. */
export function parseSurveyPeriod(query: SurveyResultsQuery, nowMs: number): { fromMs: number; toMs: number; timeZone: string } {
  const timeZone = query.timeZone ?? DEFAULT_SURVEY_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid(`"${timeZone}" is not an IANA time zone such as Asia/Shanghai`, 'timeZone');
  }
  const toMs = query.to === undefined ? nowMs : parseBound(query.to, 'to', timeZone);
  const fromMs = query.from === undefined ? toMs - DEFAULT_PERIOD_MS : parseBound(query.from, 'from', timeZone);
  if (toMs <= fromMs) throw invalid('The end of the period must be after its start.', 'to');
  if (toMs - fromMs > MAX_PERIOD_MS) throw invalid('Results cover at most two years; choose a shorter period.', 'to');
  return { fromMs, toMs, timeZone };
}

export type SurveyScope = { kind: 'all' } | { kind: 'departments'; departmentIds: number[]; staffId: number } | { kind: 'own'; staffId: number };

/** Admin and office see every rating; a supervisor the credits of their department subtree (and of those they head) and their own; anyone else their own. */
export async function resolveSurveyScope(db: Db, ctx: RequestContext): Promise<SurveyScope> {
  requireStaff(ctx);
  const { roles, id } = ctx.actor;
  if (roles.includes('admin') || roles.includes('office')) return { kind: 'all' };
  if (!roles.includes('supervisor')) return { kind: 'own', staffId: id };
  const [me, nodes] = await Promise.all([db.selectFrom('staff').select('department_id').where('id', '=', id).executeTakeFirstOrThrow(), loadDepartmentNodes(db)]);
  const roots = [...(me.department_id === null ? [] : [me.department_id]), ...[...nodes.values()].filter((d) => d.headId === id).map((d) => d.id)];
  return { kind: 'departments', departmentIds: [...new Set(roots.flatMap((root) => listSubtreeIds(nodes.values(), root)))], staffId: id };
}

/** The credit rows of answered surveys in the period that the scope may see. */
export function scopedCredits(db: Db, scope: SurveyScope, fromMs: number, toMs: number) {
  let q = db
    .selectFrom('survey_credits as c')
    .innerJoin('surveys as s', 's.id', 'c.survey_id')
    .where('s.status', '=', 'answered')
    .where('s.answered_at', '>=', new Date(fromMs))
    .where('s.answered_at', '<', new Date(toMs));
  if (scope.kind === 'own') q = q.where('c.staff_id', '=', scope.staffId);
  if (scope.kind === 'departments') {
    const { departmentIds, staffId } = scope;
    q = q.where((eb) => eb.or([eb('c.staff_id', '=', staffId), ...(departmentIds.length > 0 ? [eb('c.department_id', 'in', departmentIds)] : [])]));
  }
  return q;
}

function monthKey(atMs: number, timeZone: string): string {
  const p = getZonedDateParts(atMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/**
 * Survey results for a period (by answer time): CSAT, mean and distribution of the overall
 * satisfaction, per-dimension means and Cronbach's α, overall and per group — within the caller's scope.
 * A survey credited to several departments or people counts once in each of their groups.
 */
export async function getSurveyResults(db: Db, ctx: RequestContext, query: SurveyResultsQuery, nowMs: number): Promise<SurveyResults> {
  const { fromMs, toMs, timeZone } = parseSurveyPeriod({ ...query, timeZone: query.timeZone ?? (await loadCompanyTimeZone(db)) }, nowMs);
  const scope = await resolveSurveyScope(db, ctx);
  const dimensions = await listSurveyDimensions(db, ctx);

  const inPeriod = db.selectFrom('surveys as s').where('s.status', '=', 'answered').where('s.answered_at', '>=', new Date(fromMs)).where('s.answered_at', '<', new Date(toMs));
  const surveyIds = scope.kind === 'all' ? inPeriod.select('s.id') : scopedCredits(db, scope, fromMs, toMs).select('c.survey_id');
  const [surveys, answers, credits] = await Promise.all([
    db.selectFrom('surveys')
      .leftJoin('tickets', 'tickets.id', 'surveys.ticket_id')
      .select(['surveys.id', 'surveys.satisfaction', 'surveys.channel', 'surveys.answered_at', 'tickets.category_id'])
      .where('surveys.id', 'in', surveyIds)
      .orderBy('surveys.id')
      .execute(),
    db.selectFrom('survey_answers').select(['survey_id', 'question_key', 'kind', 'dimension', 'score'])
      .where('survey_id', 'in', surveyIds).where('score', 'is not', null).execute(),
    query.groupBy === 'department' || query.groupBy === 'person'
      ? scopedCredits(db, scope, fromMs, toMs).select(['c.survey_id', 'c.staff_id', 'c.department_id']).execute()
      : Promise.resolve([]),
  ]);

  const responses = new Map<number, SurveyResponseData & { answers: { key: string; dimension: string | null; kind: SurveyAnswerKind; score: number | null }[] }>();
  for (const s of surveys) responses.set(s.id, { satisfaction: s.satisfaction!, answers: [] });
  for (const a of answers) responses.get(a.survey_id)?.answers.push({ key: a.question_key, dimension: a.dimension, kind: a.kind, score: a.score });
  const order = dimensions.map((d) => d.key);
  const summarize = (ids: Iterable<number>) => summarizeSurveyResponses([...ids].map((id) => responses.get(id)).filter((r) => r !== undefined), order);

  const buckets = new Map<number | string | null, Set<number>>();
  const add = (key: number | string | null, surveyId: number) => {
    let set = buckets.get(key);
    if (!set) buckets.set(key, (set = new Set()));
    set.add(surveyId);
  };
  switch (query.groupBy) {
    case 'department':
      for (const c of credits) if (c.department_id !== null) add(c.department_id, c.survey_id);
      break;
    case 'person':
      for (const c of credits) if (c.staff_id !== null) add(c.staff_id, c.survey_id);
      break;
    case 'category':
      for (const s of surveys) add(s.category_id, s.id);
      break;
    case 'channel':
      for (const s of surveys) add(s.channel, s.id);
      break;
    case 'week':
      for (const s of surveys) add(getIsoWeekKey(s.answered_at!.getTime(), timeZone), s.id);
      break;
    case 'month':
      for (const s of surveys) add(monthKey(s.answered_at!.getTime(), timeZone), s.id);
      break;
    default:
      break;
  }

  const ids = [...buckets.keys()].filter((k): k is number => typeof k === 'number');
  const labels = new Map<number | string | null, string>();
  if (ids.length > 0 && query.groupBy === 'department') for (const d of await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(d.id, d.name);
  if (ids.length > 0 && query.groupBy === 'person') for (const p of await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(p.id, p.name);
  if (ids.length > 0 && query.groupBy === 'category') for (const c of await db.selectFrom('categories').select(['id', 'name']).where('id', 'in', ids).execute()) labels.set(c.id, c.name);

  const groups: SurveyResultsGroup[] = [...buckets.entries()].map(([key, set]) => ({
    key,
    label: typeof key === 'number' ? (labels.get(key) ?? null) : key,
    ...summarize(set),
  }));
  const chronological = query.groupBy === 'week' || query.groupBy === 'month';
  groups.sort((a, b) => (chronological ? String(a.key).localeCompare(String(b.key)) : b.n - a.n || (a.label ?? '').localeCompare(b.label ?? '') || String(a.key).localeCompare(String(b.key))));

  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    timeZone,
    groupBy: query.groupBy ?? null,
    scope: scope.kind,
    dimensions,
    overall: summarize(responses.keys()),
    groups,
  };
}
