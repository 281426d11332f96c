import { sql } from 'kysely';
import type { Db } from '../../../db/connect.ts';
import { computePeriodScore, DEFAULT_BASE_SCORE } from '../../../domain/accountability/compute-period-score.ts';
import type { Period } from '../../../domain/accountability/parse-period.ts';
import { suggestRatingScore, type RatingSuggestion } from '../../../domain/accountability/suggest-rating-score.ts';
import type { RatingEvidenceView } from '../../../contracts/ratings.ts';

export type { RatingEvidenceView } from '../../../contracts/ratings.ts';

export const emptyEvidence = (): RatingEvidenceView => ({
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
