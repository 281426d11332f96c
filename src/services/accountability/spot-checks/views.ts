import type { Db } from '../../../db/connect.ts';
import { notFound } from '../../../domain/shared/domain-error.ts';
import type { ListSpotChecksQuery, SpotCheckList, SpotCheckView } from '../../../contracts/spot-checks.ts';
import type { RequestContext } from '../../context.ts';
import { requireStaff } from '../../org/require-role.ts';
import { resolvePeriod } from '../load-accountability-viewer.ts';

export type { SpotCheckItemView, SpotCheckSummary, SpotCheckView } from '../../../contracts/spot-checks.ts';

/** Stratum key of tickets no department handled or owned: drawn like any department. */
export const NO_DEPARTMENT = 'none';

/** The spot checks drawn, newest first, with how many of their tickets were audited and passed (office). */
export async function listSpotChecks(db: Db, ctx: RequestContext, query: ListSpotChecksQuery): Promise<SpotCheckList> {
  requireStaff(ctx, 'office');
  let q = db.selectFrom('spot_checks').leftJoin('staff', 'staff.id', 'spot_checks.drawn_by').selectAll('spot_checks').select('staff.name as drawn_by_name')
    .select((eb) => [
      eb.selectFrom('spot_check_items').select((e) => e.fn.countAll<number>().as('n')).whereRef('spot_check_items.spot_check_id', '=', 'spot_checks.id').where('spot_check_items.passed', 'is not', null).as('audited'),
      eb.selectFrom('spot_check_items').select((e) => e.fn.countAll<number>().as('n')).whereRef('spot_check_items.spot_check_id', '=', 'spot_checks.id').where('spot_check_items.passed', '=', true).as('passed'),
    ]);
  if (query.period) q = q.where('spot_checks.period', '=', resolvePeriod(query.period).key);
  const rows = await q.orderBy('spot_checks.id', 'desc').limit(200).execute();
  const names = await departmentNames(db);
  return {
    items: rows.map((r) => ({
      id: r.id, period: r.period, seed: r.seed, share: r.share, count: r.count, stratify: r.stratify, population: r.population,
      strata: r.strata.map((s) => toStratum(s, names)), drawnAt: r.drawn_at.toISOString(), drawnByName: r.drawn_by_name,
      audited: Number(r.audited ?? 0), passed: Number(r.passed ?? 0),
    })),
  };
}

async function departmentNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('departments').select(['id', 'name']).execute();
  return new Map(rows.map((d) => [d.id, d.name]));
}

function toStratum(s: { departmentId: string | null; population: number; sampled: number }, names: Map<number, string>) {
  const id = s.departmentId === null || s.departmentId === NO_DEPARTMENT ? null : Number(s.departmentId);
  return { departmentId: id, departmentName: id === null ? null : names.get(id) ?? null, population: s.population, sampled: s.sampled };
}

/** A spot check with its sampled tickets and their checklists (office). */
export async function getSpotCheck(db: Db, ctx: RequestContext, input: { id: number }): Promise<SpotCheckView> {
  requireStaff(ctx, 'office');
  const { id } = input;
  const check = await db.selectFrom('spot_checks').leftJoin('staff', 'staff.id', 'spot_checks.drawn_by').selectAll('spot_checks').select('staff.name as drawn_by_name').where('spot_checks.id', '=', id).executeTakeFirst();
  if (!check) throw notFound(`No spot check with id ${id}`);
  const rows = await db
    .selectFrom('spot_check_items as i')
    .innerJoin('tickets', 'tickets.id', 'i.ticket_id')
    .leftJoin('departments', 'departments.id', 'i.department_id')
    .leftJoin('staff as owner', 'owner.id', 'i.owner_id')
    .leftJoin('staff as handler', 'handler.id', 'i.handler_id')
    .leftJoin('staff as auditor', 'auditor.id', 'i.audited_by')
    .selectAll('i')
    .select(['tickets.number', 'tickets.subject', 'tickets.closed_at', 'departments.name as department_name', 'owner.name as owner_name', 'handler.name as handler_name', 'auditor.name as auditor_name'])
    .where('i.spot_check_id', '=', id)
    .orderBy('i.ticket_id')
    .execute();
  const names = await departmentNames(db);
  const items = rows.map((r) => ({
    ticketId: r.ticket_id, ticketNumber: r.number, subject: r.subject, closedAt: r.closed_at?.toISOString() ?? null, departmentId: r.department_id,
    departmentName: r.department_name, ownerId: r.owner_id, ownerName: r.owner_name, handlerId: r.handler_id, handlerName: r.handler_name,
    ownershipKept: r.ownership_kept, resultTold: r.result_told, callbackMade: r.callback_made, mannerOk: r.manner_ok, passed: r.passed, note: r.note,
    auditedAt: r.audited_at?.toISOString() ?? null, auditedByName: r.auditor_name,
  }));
  return {
    id: check.id, period: check.period, seed: check.seed, share: check.share, count: check.count, stratify: check.stratify, population: check.population,
    strata: check.strata.map((s) => toStratum(s, names)), drawnAt: check.drawn_at.toISOString(), drawnByName: check.drawn_by_name,
    audited: items.filter((i) => i.passed !== null).length, passed: items.filter((i) => i.passed === true).length, items,
  };
}
