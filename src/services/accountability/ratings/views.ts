import type { Db } from '../../../db/connect.ts';
import { canRatePerson, canViewPersonRecord } from '../../../domain/accountability/can-view-person-record.ts';
import { notFound } from '../../../domain/shared/domain-error.ts';
import type { AccountabilityReport, DepartmentReportRow, PersonAssessment, PersonReportRow, RatingSheet, RatingView } from '../../../contracts/ratings.ts';
import type { RequestContext } from '../../context.ts';
import { listDeductions } from '../deductions/views.ts';
import { loadAccountabilityViewer, loadPerson, resolvePeriod, type LoadedViewer, type PersonRow } from '../load-accountability-viewer.ts';
import { emptyEvidence, loadRatingEvidence, suggestFromEvidence } from './load-rating-evidence.ts';

export type { AccountabilityReport, DepartmentReportRow, PersonAssessment, PersonReportRow, RatingSheet, RatingSheetRow, RatingView } from '../../../contracts/ratings.ts';

export function selectRatings(db: Db) {
  return db.selectFrom('ratings').innerJoin('staff as person', 'person.id', 'ratings.person_id').leftJoin('staff as rater', 'rater.id', 'ratings.rated_by')
    .selectAll('ratings').select(['person.name as person_name', 'rater.name as rater_name']);
}

type RatingRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectRatings>['executeTakeFirst']>>>;

export const toRatingView = (r: RatingRow): RatingView => ({
  id: r.id, personId: r.person_id, personName: r.person_name, period: r.period, score: r.score, level: r.level, comment: r.comment,
  suggestedScore: r.suggested_score, ratedByName: r.rater_name, ratedAt: r.rated_at.toISOString(), version: r.version,
});

/** A staff member the viewer may see the record of; anyone else reads as missing. */
export async function loadVisiblePerson(db: Db, viewer: LoadedViewer, personId: number): Promise<PersonRow> {
  const person = await loadPerson(db, personId);
  if (!canViewPersonRecord(viewer, person)) throw notFound(`No staff member with id ${personId}`);
  return person;
}

/** One person's period: evidence, suggested score, their rating and ledger. Staff see their own; superiors their people; the office everyone. */
export async function getPersonAssessment(db: Db, ctx: RequestContext, input: { personId: number; period: string }): Promise<PersonAssessment> {
  const { personId } = input;
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(input.period);
  const person = await loadVisiblePerson(db, viewer, personId);
  const [evidence, rating, ledger, complaints] = await Promise.all([
    loadRatingEvidence(db, [personId], period),
    selectRatings(db).where('ratings.person_id', '=', personId).where('ratings.period', '=', period.key).executeTakeFirst(),
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

/** The people the viewer rates (those they oversee, not themself nor their own superiors), with evidence and suggestions. */
export async function listRatingSheet(db: Db, ctx: RequestContext, input: { period: string }): Promise<RatingSheet> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(input.period);
  if (viewer.overseenDepartmentIds.length === 0) return { period: period.key, items: [] };
  const people = (await db.selectFrom('staff').leftJoin('departments', 'departments.id', 'staff.department_id')
    .select(['staff.id', 'staff.name', 'staff.department_id', 'departments.name as department_name'])
    .where('staff.active', '=', true).where('staff.department_id', 'in', viewer.overseenDepartmentIds).orderBy('departments.name').orderBy('staff.name').execute())
    .filter((p) => canRatePerson(viewer, { id: p.id, departmentId: p.department_id }));
  const personIds = people.map((p) => p.id);
  const [evidence, ratings] = await Promise.all([
    loadRatingEvidence(db, personIds, period),
    personIds.length ? selectRatings(db).where('ratings.person_id', 'in', personIds).where('ratings.period', '=', period.key).execute() : Promise.resolve([]),
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

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The period per person (and rolled up per department) over the people the viewer may see. */
export async function getAccountabilityReport(db: Db, ctx: RequestContext, input: { period: string }): Promise<AccountabilityReport> {
  const viewer = await loadAccountabilityViewer(db, ctx);
  const period = resolvePeriod(input.period);
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

