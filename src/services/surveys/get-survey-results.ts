import type { Db } from '../../db/connect.ts';
import { getIsoWeekKey } from '../../domain/surveys/get-iso-week-key.ts';
import { summarizeSurveyResponses, type SurveyResponseData } from '../../domain/surveys/summarize-survey-responses.ts';
import { getZonedDateParts } from '../../domain/surveys/zoned-date.ts';
import type { SurveyAnswerKind } from '../../domain/surveys/parse-survey-answer.ts';
import type { ResultsQuery, SurveyResults, SurveyResultsGroup } from '../../contracts/surveys.ts';
import type { RequestContext } from '../context.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import { parseSurveyPeriod } from './parse-survey-period.ts';
import { resolveSurveyScope, scopedCredits } from './survey-scope.ts';
import { listSurveyDimensions } from './views.ts';

function monthKey(atMs: number, timeZone: string): string {
  const p = getZonedDateParts(atMs, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/**
 * Survey results for a period (by answer time): CSAT, mean and distribution of the overall
 * satisfaction, per-dimension means and Cronbach's α, overall and per group — within the caller's scope.
 * A survey credited to several departments or people counts once in each of their groups.
 */
export async function getSurveyResults(db: Db, ctx: RequestContext, { nowMs, ...query }: ResultsQuery & { nowMs: number }): Promise<SurveyResults> {
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
