import type { GenerateCareVisitsResult } from '../../contracts/care.ts';
import type { Db } from '../../db/connect.ts';
import { listVisitDates } from '../../domain/care/visit-schedule.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import type { StaffTicketActor } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { insertRegisteredTicket } from '../tickets/register-ticket.ts';
import { addDays, dateText, DEFAULT_VISIT_HORIZON_DAYS, loadCareSettings, loadToday, timeText } from './care-common.ts';

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export type { GenerateCareVisitsResult } from '../../contracts/care.ts';

/**
 * Registers a visit ticket (kind 'visit', channel visit, the seeded category, owned by the visitor)
 * for every planned date of every active plan from today to `horizonDays` ahead. Each (plan, date)
 * is claimed with ON CONFLICT DO NOTHING on its unique key, and the ticket registered in the same
 * transaction, so reruns and generators on several instances never make a visit twice.
 */
export async function generateCareVisits(db: Db, ctx: RequestContext, options: { nowMs: number; horizonDays?: number }): Promise<GenerateCareVisitsResult> {
  if (ctx.actor.kind !== 'system') requireStaff(ctx, 'admin', 'office');
  const horizon = options.horizonDays ?? DEFAULT_VISIT_HORIZON_DAYS;
  if (!Number.isInteger(horizon) || horizon < 0 || horizon > 366) throw invalid('"horizonDays" must be a whole number from 0 to 366', 'horizonDays');
  const from = await loadToday(db, options.nowMs);
  const to = addDays(from, horizon);
  const { visitCategoryId } = await loadCareSettings(db);
  const plans = await db
    .selectFrom('care_visit_plans as p')
    .innerJoin('care_entries as e', 'e.id', 'p.entry_id')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('staff as s', (j) => j.onRef('s.id', '=', 'p.visitor_staff_id'))
    .leftJoin('departments as d', 'd.id', 'p.visitor_department_id')
    .leftJoin('staff as head', 'head.id', 'd.head_id')
    .select([
      'p.id', 'p.entry_id', 'e.customer_id', 'c.name as customer_name', 'c.phones', 'p.interval_unit', 'p.interval_count', dateText('p.starts_on').as('starts_on'),
      'p.preferred_weekday', timeText('p.preferred_from').as('preferred_from'), timeText('p.preferred_until').as('preferred_until'), 'p.preferred_note',
      'p.visitor_staff_id', 'p.visitor_department_id',
    ])
    // The person who owns the visit ticket: the visitor, or the head of the visiting department.
    .select((eb) => [
      eb.fn.coalesce('s.id', 'head.id').as('owner_id'), eb.fn.coalesce('s.active', 'head.active').as('owner_active'),
      eb.fn.coalesce('s.department_id', 'head.department_id').as('owner_department_id'), eb.fn.coalesce('s.roles', 'head.roles').as('owner_roles'),
    ])
    .where('p.active', '=', true).where('e.active', '=', true)
    .orderBy('p.id')
    .execute();

  const result: GenerateCareVisitsResult = { created: 0, existing: 0, skippedPlans: [], from, to };
  for (const plan of plans) {
    const dates = listVisitDates({ unit: plan.interval_unit, every: plan.interval_count, startsOn: plan.starts_on }, from, to);
    if (dates.length === 0) continue;
    // Only a shortcut: the unique key below is what guarantees once.
    const known = new Set((await db.selectFrom('care_visits').select(dateText('planned_for').as('d')).where('plan_id', '=', plan.id).where('planned_for', 'in', dates).execute()).map((r) => r.d));
    const missing = dates.filter((d) => !known.has(d));
    result.existing += dates.length - missing.length;
    if (missing.length === 0) continue;
    if (plan.owner_id === null || !plan.owner_active) {
      result.skippedPlans.push(plan.id);
      continue;
    }
    const owner: StaffTicketActor = {
      kind: 'staff', id: plan.owner_id, roles: plan.owner_roles ?? [], departmentId: plan.owner_department_id, headOfDepartmentIds: [], departmentSubtreeIds: [], isSeniorManager: false,
    };
    const window = [plan.preferred_weekday ? WEEKDAYS[plan.preferred_weekday] : null, plan.preferred_from && plan.preferred_until ? `${plan.preferred_from}–${plan.preferred_until}` : plan.preferred_from ?? null]
      .filter(Boolean).join(' ');
    for (const date of missing) {
      const made = await db.transaction().execute(async (trx) => {
        const claim = await trx.insertInto('care_visits')
          .values({ plan_id: plan.id, entry_id: plan.entry_id, customer_id: plan.customer_id, planned_for: date, visitor_staff_id: plan.visitor_staff_id, visitor_department_id: plan.visitor_department_id, created_at: new Date(options.nowMs) })
          .onConflict((oc) => oc.columns(['plan_id', 'planned_for']).doNothing())
          .returning('id').executeTakeFirst();
        if (!claim) return false;
        const ticketId = await insertRegisteredTicket(trx, ctx, {
          registeredBy: owner,
          nowMs: options.nowMs,
          content: {
            channel: 'visit', subject: `关怀探访 Special-care visit ${date}: ${plan.customer_name}`.slice(0, 200),
            description: [`Planned for ${date}.`, window && `Preferred: ${window}.`, plan.preferred_note].filter(Boolean).join(' '),
            categoryId: visitCategoryId, priority: 'normal', customerId: plan.customer_id, customerContact: plan.phones[0] ?? null,
          },
        });
        await trx.updateTable('tickets').set({ kind: 'visit' }).where('id', '=', ticketId).execute();
        await trx.updateTable('care_visits').set({ ticket_id: ticketId }).where('id', '=', claim.id).execute();
        await recordAudit(trx, ctx, { action: 'care.visit.generate', entity: 'care_visit', entityId: claim.id, before: null, after: { planId: plan.id, plannedFor: date, ticketId, ownerId: owner.id } });
        return true;
      });
      if (made) result.created += 1;
      else result.existing += 1;
    }
  }
  return result;
}
