import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { canRatePerson, canViewPersonRecord } from '../../domain/accountability/can-view-person-record.ts';
import { computePeriodScore, DEFAULT_BASE_SCORE } from '../../domain/accountability/compute-period-score.ts';
import { assertRatingScore, getRatingLevel, type RatingLevel } from '../../domain/accountability/get-rating-level.ts';
import type { Period } from '../../domain/accountability/parse-period.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import { suggestRatingScore, type RatingSuggestion } from '../../domain/accountability/suggest-rating-score.ts';
import { DomainError, forbidden, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { listDeductions, type DeductionView } from './deductions.ts';
import { loadAccountabilityViewer, loadPerson, resolvePeriod, type LoadedViewer, type PersonRow } from './load-accountability-viewer.ts';
import { toCsv } from './to-csv.ts';

/** What Centric gathered about one person in one period. */
export interface RatingEvidenceView {
  /** Their clocks met or breached in the period; share is null when none. */
  commitments: { met: number; breached: number; share: number | null };
  /** Satisfaction (1–5) from surveys answered in the period and credited to them (as owner or handler) when answered. */
  satisfaction: { count: number; mean: number | null };
  verifiedComplaints: number;
  deductions: { confirmedPoints: number; confirmedCount: number; proposedCount: number };
  /** Spot-checked tickets of theirs closed in the period, each ticket once (its latest audit). */
  spotChecks: { audited: number; passed: number; share: number | null };
  /** The period's performance score: 100 less confirmed deductions, never below 0. */
  score: number;
}

export interface RatingView {
  id: number;
  personId: number;
  personName: string;
  period: string;
  score: number;
  level: RatingLevel;
  comment: string;
  suggestedScore: number | null;
  ratedByName: string | null;
  ratedAt: string;
  version: number;
}

export interface PersonAssessment {
  person: { id: number; name: string; departmentId: number | null; departmentName: string | null };
  period: string;
  evidence: RatingEvidenceView;
  suggestion: RatingSuggestion;
  rating: RatingView | null;
  canRate: boolean;
  ledger: DeductionView[];
  complaints: { id: number; summary: string; status: string; receivedAt: string }[];
}

const emptyEvidence = (): RatingEvidenceView => ({
  commitments: { met: 0, breached: 0, share: null },
  satisfaction: { count: 0, mean: null },
  verifiedComplaints: 0,
  deductions: { confirmedPoints: 0, confirmedCount: 0, proposedCount: 0 },
  spotChecks: { audited: 0, passed: 0, share: null },
  score: DEFAULT_BASE_SCORE,
});

const ids = (personIds: readonly number[]) => sql`any(${sql.val([...personIds])}::bigint[])`;

/** The evidence for many people at once: one grouped query per signal. */
export async function loadRatingEvidence(db: Db, personIds: readonly number[], period: Period): Promise<Map<number, RatingEvidenceView>> {
  const result = new Map(personIds.map((id) => [id, emptyEvidence()]));
  if (personIds.length === 0) return result;
  const s = new Date(period.startMs);
  const e = new Date(period.endMs);
  const [clocks, satisfaction, complaints, deductions, spot] = await Promise.all([
    sql<{ person: number; met: number; breached: number }>`
      select responsible_staff_id as person,
        count(*) filter (where state = 'met' and breached_at is null and stopped_at >= ${s} and stopped_at < ${e})::int as met,
        count(*) filter (where breached_at >= ${s} and breached_at < ${e})::int as breached
      from clocks where responsible_staff_id = ${ids(personIds)}
        and ((stopped_at >= ${s} and stopped_at < ${e}) or (breached_at >= ${s} and breached_at < ${e}))
      group by 1`.execute(db),
    // The credits frozen when each rating was given (owner, handlers), by answer time, as survey results
    // count them: moving a ticket to another owner later never moves its rating. One survey counts once
    // per person, even for someone credited as both owner and handler.
    sql<{ person: number; n: number; mean: number }>`
      select person, count(*)::int as n, avg(satisfaction)::float8 as mean from (
        select distinct c.survey_id, c.staff_id as person, c.satisfaction from survey_credits c join surveys v on v.id = c.survey_id
          where c.role in ('owner', 'handler') and c.staff_id = ${ids(personIds)}
            and v.status = 'answered' and v.answered_at >= ${s} and v.answered_at < ${e}
      ) x group by person`.execute(db),
    db.selectFrom('complaints').select(['subject_staff_id', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '=', 'verified')
      .where('subject_staff_id', 'in', [...personIds]).where('received_at', '>=', s).where('received_at', '<', e).groupBy('subject_staff_id').execute(),
    db.selectFrom('deductions').select(['id', 'person_id', 'points', 'status', 'occurred_at']).where('person_id', 'in', [...personIds])
      .where('status', 'in', ['proposed', 'confirmed']).where('occurred_at', '>=', s).where('occurred_at', '<', e).execute(),
    // A ticket drawn by several spot checks (draws again, overlapping periods) counts once: its latest audit.
    sql<{ person: number; audited: number; passed: number }>`
      with latest as (
        select distinct on (i.ticket_id) i.ticket_id, i.owner_id, i.handler_id, i.passed
        from spot_check_items i join tickets t on t.id = i.ticket_id
        where i.passed is not null and t.closed_at >= ${s} and t.closed_at < ${e}
          and (i.owner_id = ${ids(personIds)} or i.handler_id = ${ids(personIds)})
        order by i.ticket_id, i.audited_at desc, i.spot_check_id desc
      )
      select person, count(*)::int as audited, count(*) filter (where passed)::int as passed from (
        select owner_id as person, passed from latest where owner_id = ${ids(personIds)}
        union all
        select handler_id, passed from latest where handler_id = ${ids(personIds)} and handler_id is distinct from owner_id
      ) x group by person`.execute(db),
  ]);
  for (const r of clocks.rows) {
    const ev = result.get(Number(r.person));
    if (ev) ev.commitments = { met: r.met, breached: r.breached, share: r.met + r.breached > 0 ? r.met / (r.met + r.breached) : null };
  }
  for (const r of satisfaction.rows) {
    const ev = result.get(Number(r.person));
    if (ev) ev.satisfaction = { count: r.n, mean: Math.round(r.mean * 100) / 100 };
  }
  for (const r of complaints) {
    const ev = result.get(Number(r.subject_staff_id));
    if (ev) ev.verifiedComplaints = Number(r.n);
  }
  // The period's score comes from the pure rule: only confirmed deductions whose incident falls in the period count.
  const scores = computePeriodScore(
    deductions.map((d) => ({ id: String(d.id), personId: String(d.person_id), points: d.points, status: d.status === 'confirmed' ? 'confirmed' : 'proposed', occurredAtMs: d.occurred_at.getTime() })),
    period,
  );
  for (const sc of scores) {
    const ev = result.get(Number(sc.personId));
    if (ev) ev.deductions = { ...ev.deductions, confirmedPoints: sc.deductedPoints, confirmedCount: sc.deductionIds.length };
    if (ev) ev.score = sc.score;
  }
  for (const d of deductions) {
    const ev = result.get(d.person_id);
    if (ev && d.status === 'proposed') ev.deductions.proposedCount += 1;
  }
  for (const r of spot.rows) {
    const ev = result.get(Number(r.person));
    if (ev) ev.spotChecks = { audited: r.audited, passed: r.passed, share: r.audited > 0 ? r.passed / r.audited : null };
  }
  return result;
}

export function suggestFromEvidence(ev: RatingEvidenceView): RatingSuggestion {
  return suggestRatingScore({
    commitmentsMet: ev.commitments.share,
    csatMean: ev.satisfaction.mean,
    verifiedComplaints: ev.verifiedComplaints,
    confirmedDeductionPoints: ev.deductions.confirmedPoints,
    spotCheckPassShare: ev.spotChecks.share,
  });
}

function ratingQuery(db: Db) {
  return db.selectFrom('ratings').innerJoin('staff as person', 'person.id', 'ratings.person_id').leftJoin('staff as rater', 'rater.id', 'ratings.rated_by')
    .selectAll('ratings').select(['person.name as person_name', 'rater.name as rater_name']);
}

type RatingRow = NonNullable<Awaited<ReturnType<ReturnType<typeof ratingQuery>['executeTakeFirst']>>>;

const toRatingView = (r: RatingRow): RatingView => ({
  id: r.id, personId: r.person_id, personName: r.person_name, period: r.period, score: r.score, level: r.level, comment: r.comment,
  suggestedScore: r.suggested_score, ratedByName: r.rater_name, ratedAt: r.rated_at.toISOString(), version: r.version,
});

async function loadVisiblePerson(db: Db, viewer: LoadedViewer, personId: number): Promise<PersonRow> {
  const person = await loadPerson(db, personId);
  if (!canViewPersonRecord(viewer, person)) throw notFound(`No staff member with id ${personId}`);
  return person;
}

/** One person's period: evidence, suggested score, their rating and ledger. Staff see their own; superiors their people; the office everyone. */
export async function getPersonAssessment(db: Db, ctx: RequestContext, personId: number, periodKey: string): Promise<PersonAssessment> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(periodKey);
  const person = await loadVisiblePerson(db, viewer, personId);
  const [evidence, rating, ledger, complaints] = await Promise.all([
    loadRatingEvidence(db, [personId], period),
    ratingQuery(db).where('ratings.person_id', '=', personId).where('ratings.period', '=', period.key).executeTakeFirst(),
    listDeductions(db, ctx, { personId, period: period.key, limit: 500 }),
    db.selectFrom('complaints').select(['id', 'summary', 'status', 'received_at']).where('subject_staff_id', '=', personId).where('status', '=', 'verified')
      .where('received_at', '>=', new Date(period.startMs)).where('received_at', '<', new Date(period.endMs)).orderBy('received_at').execute(),
  ]);
  const ev = evidence.get(personId) ?? emptyEvidence();
  return {
    person: { id: person.id, name: person.name, departmentId: person.departmentId, departmentName: person.departmentName },
    period: period.key,
    evidence: ev,
    suggestion: suggestFromEvidence(ev),
    rating: rating ? toRatingView(rating) : null,
    canRate: canRatePerson(viewer, person),
    ledger: ledger.items,
    complaints: complaints.map((c) => ({ id: c.id, summary: c.summary, status: c.status, receivedAt: c.received_at.toISOString() })),
  };
}

export interface RatingSheetRow {
  person: { id: number; name: string; departmentId: number | null; departmentName: string | null };
  evidence: RatingEvidenceView;
  suggestion: RatingSuggestion;
  rating: RatingView | null;
}

/** The people the viewer rates (those they oversee, not themself nor their own superiors), with evidence and suggestions. */
export async function listRatingSheet(db: Db, ctx: RequestContext, periodKey: string): Promise<{ period: string; items: RatingSheetRow[] }> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(periodKey);
  if (viewer.overseenDepartmentIds.length === 0) return { period: period.key, items: [] };
  const people = (await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'departments.name as department_name'])
    .where('staff.active', '=', true).where('staff.department_id', 'in', viewer.overseenDepartmentIds).orderBy('departments.name').orderBy('staff.name').execute())
    .filter((p) => canRatePerson(viewer, { id: p.id, departmentId: p.department_id }));
  const personIds = people.map((p) => p.id);
  const [evidence, ratings] = await Promise.all([
    loadRatingEvidence(db, personIds, period),
    personIds.length ? ratingQuery(db).where('ratings.person_id', 'in', personIds).where('ratings.period', '=', period.key).execute() : Promise.resolve([]),
  ]);
  const ratingOf = new Map(ratings.map((r) => [r.person_id, toRatingView(r)]));
  return {
    period: period.key,
    items: people.map((p) => {
      const ev = evidence.get(p.id) ?? emptyEvidence();
      return { person: { id: p.id, name: p.name, departmentId: p.department_id, departmentName: p.department_name }, evidence: ev, suggestion: suggestFromEvidence(ev), rating: ratingOf.get(p.id) ?? null };
    }),
  };
}

/** A superior rates a person for a period (0–10, two decimals, with a comment); rating again replaces it. */
export async function saveRating(db: Db, ctx: RequestContext, personId: number, input: { period: string; score: number; comment: string; version?: number }, nowMs: number): Promise<RatingView> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(input.period);
  const person = await loadVisiblePerson(db, viewer, personId);
  if (!canRatePerson(viewer, person)) throw forbidden('A person is rated by their superiors: not by themself, and not by someone they report to.');
  assertRatingScore(input.score);
  const level = getRatingLevel(input.score);
  const comment = readText(input.comment, 'comment', 4000) as string;
  const evidence = (await loadRatingEvidence(db, [personId], period)).get(personId) ?? emptyEvidence();
  const suggestion = suggestFromEvidence(evidence);
  const snapshot = JSON.stringify({ ...evidence, suggestion });
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('ratings').selectAll().where('person_id', '=', personId).where('period', '=', period.key).forUpdate().executeTakeFirst();
      if (existing) {
        if (input.version !== undefined && input.version !== existing.version) {
          throw new DomainError('stale', `Someone else rated ${person.name} for ${period.key} meanwhile; reload and try again.`, 'version', 'stale_version');
        }
        await trx.updateTable('ratings').set({ score: input.score, level, comment, suggested_score: suggestion.score, evidence: snapshot, rated_by: viewer.id, rated_at: new Date(nowMs), version: sql`version + 1` }).where('id', '=', existing.id).execute();
        await recordAudit(trx, ctx, { action: 'rating.update', entity: 'rating', entityId: existing.id, before: { score: existing.score, level: existing.level, comment: existing.comment }, after: { score: input.score, level, comment } });
        return;
      }
      const row = await trx.insertInto('ratings').values({
        person_id: personId, department_id: person.departmentId, period: period.key, score: input.score, level, comment, suggested_score: suggestion.score,
        evidence: snapshot, rated_by: viewer.id, rated_at: new Date(nowMs),
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, ctx, { action: 'rating.create', entity: 'rating', entityId: row.id, after: { personId, period: period.key, score: input.score, level, comment } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('stale', `Someone else rated ${person.name} for ${period.key} meanwhile; reload and try again.`, 'version', 'stale_version');
    throw err;
  }
  return toRatingView(await ratingQuery(db).where('ratings.person_id', '=', personId).where('ratings.period', '=', period.key).executeTakeFirstOrThrow());
}

export interface PersonReportRow {
  personId: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  commitmentsMet: number;
  commitmentsBreached: number;
  satisfactionMean: number | null;
  satisfactionCount: number;
  verifiedComplaints: number;
  confirmedPoints: number;
  confirmedDeductions: number;
  score: number;
  spotChecksAudited: number;
  spotChecksPassed: number;
  suggestedScore: number | null;
  ratingScore: number | null;
  ratingLevel: RatingLevel | null;
}

export interface DepartmentReportRow {
  departmentId: number | null;
  departmentName: string | null;
  people: number;
  commitmentsMet: number;
  commitmentsBreached: number;
  verifiedComplaints: number;
  confirmedPoints: number;
  confirmedDeductions: number;
  averageScore: number;
  rated: number;
  averageRating: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The period per person (and rolled up per department) over the people the viewer may see. */
export async function getAccountabilityReport(db: Db, ctx: RequestContext, periodKey: string): Promise<{ period: string; people: PersonReportRow[]; departments: DepartmentReportRow[] }> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(periodKey);
  let q = db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'departments.name as department_name']).where('staff.active', '=', true);
  if (!viewer.isOffice) {
    q = q.where((eb) => eb.or([eb('staff.id', '=', viewer.id), ...(viewer.overseenDepartmentIds.length ? [eb('staff.department_id', 'in', viewer.overseenDepartmentIds)] : [])]));
  }
  const people = await q.orderBy('departments.name').orderBy('staff.name').orderBy('staff.id').execute();
  const personIds = people.map((p) => p.id);
  const [evidence, ratings] = await Promise.all([
    loadRatingEvidence(db, personIds, period),
    personIds.length ? db.selectFrom('ratings').select(['person_id', 'score', 'level']).where('period', '=', period.key).where('person_id', 'in', personIds).execute() : Promise.resolve([]),
  ]);
  const ratingOf = new Map(ratings.map((r) => [r.person_id, r]));
  const rows: PersonReportRow[] = people.map((p) => {
    const ev = evidence.get(p.id) ?? emptyEvidence();
    const rating = ratingOf.get(p.id);
    return {
      personId: p.id, name: p.name, departmentId: p.department_id, departmentName: p.department_name, commitmentsMet: ev.commitments.met,
      commitmentsBreached: ev.commitments.breached, satisfactionMean: ev.satisfaction.mean, satisfactionCount: ev.satisfaction.count,
      verifiedComplaints: ev.verifiedComplaints, confirmedPoints: ev.deductions.confirmedPoints, confirmedDeductions: ev.deductions.confirmedCount,
      score: ev.score, spotChecksAudited: ev.spotChecks.audited, spotChecksPassed: ev.spotChecks.passed, suggestedScore: suggestFromEvidence(ev).score,
      ratingScore: rating?.score ?? null, ratingLevel: rating?.level ?? null,
    };
  });
  const byDept = new Map<string, PersonReportRow[]>();
  for (const r of rows) {
    const key = String(r.departmentId);
    byDept.set(key, [...(byDept.get(key) ?? []), r]);
  }
  const departments: DepartmentReportRow[] = [...byDept.values()].map((members) => {
    const rated = members.filter((m) => m.ratingScore !== null);
    const sum = (f: (m: PersonReportRow) => number) => members.reduce((acc, m) => acc + f(m), 0);
    return {
      departmentId: members[0]?.departmentId ?? null, departmentName: members[0]?.departmentName ?? null, people: members.length,
      commitmentsMet: sum((m) => m.commitmentsMet), commitmentsBreached: sum((m) => m.commitmentsBreached), verifiedComplaints: sum((m) => m.verifiedComplaints),
      confirmedPoints: sum((m) => m.confirmedPoints), confirmedDeductions: sum((m) => m.confirmedDeductions), averageScore: round2(sum((m) => m.score) / members.length),
      rated: rated.length, averageRating: rated.length ? round2(rated.reduce((acc, m) => acc + (m.ratingScore ?? 0), 0) / rated.length) : null,
    };
  });
  return { period: period.key, people: rows, departments };
}

/** The report as CSV, per person or per department. */
export async function exportAccountabilityReport(db: Db, ctx: RequestContext, periodKey: string, groupBy: 'person' | 'department'): Promise<{ filename: string; csv: string }> {
  const report = await getAccountabilityReport(db, ctx, periodKey);
  if (groupBy === 'department') {
    const header = ['period', 'department', 'people', 'commitments_met', 'commitments_breached', 'verified_complaints', 'confirmed_deductions', 'confirmed_points', 'average_score', 'rated', 'average_rating'];
    const rows = report.departments.map((d) => [report.period, d.departmentName, d.people, d.commitmentsMet, d.commitmentsBreached, d.verifiedComplaints, d.confirmedDeductions, d.confirmedPoints, d.averageScore, d.rated, d.averageRating]);
    return { filename: `accountability-${report.period}-departments.csv`, csv: toCsv(header, rows) };
  }
  const header = ['period', 'person_id', 'name', 'department', 'commitments_met', 'commitments_breached', 'satisfaction_mean', 'satisfaction_count', 'verified_complaints', 'confirmed_deductions', 'confirmed_points', 'score', 'spot_checks_audited', 'spot_checks_passed', 'suggested_score', 'rating', 'level'];
  const rows = report.people.map((p) => [report.period, p.personId, p.name, p.departmentName, p.commitmentsMet, p.commitmentsBreached, p.satisfactionMean, p.satisfactionCount, p.verifiedComplaints, p.confirmedDeductions, p.confirmedPoints, p.score, p.spotChecksAudited, p.spotChecksPassed, p.suggestedScore, p.ratingScore, p.ratingLevel]);
  return { filename: `accountability-${report.period}-people.csv`, csv: toCsv(header, rows) };
}
