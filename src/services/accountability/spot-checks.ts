import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { drawSpotCheckSample } from '../../domain/accountability/draw-spot-check-sample.ts';
import { judgeSpotCheckItem, type SpotCheckChecklist } from '../../domain/accountability/judge-spot-check-item.ts';
import { readText } from '../../domain/accountability/read-text.ts';
import { invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { resolvePeriod } from './load-accountability-viewer.ts';

/** Stratum key of tickets no department handled or owned: drawn like any department. */
const NO_DEPARTMENT = 'none';

export interface SpotCheckItemView {
  ticketId: number;
  ticketNumber: string;
  subject: string;
  closedAt: string | null;
  departmentId: number | null;
  departmentName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  handlerId: number | null;
  handlerName: string | null;
  ownershipKept: boolean | null;
  resultTold: boolean | null;
  callbackMade: boolean | null;
  mannerOk: boolean | null;
  passed: boolean | null;
  note: string | null;
  auditedAt: string | null;
  auditedByName: string | null;
}

export interface SpotCheckView {
  id: number;
  period: string;
  seed: string;
  share: number | null;
  count: number | null;
  stratify: boolean;
  population: number;
  strata: { departmentId: number | null; departmentName: string | null; population: number; sampled: number }[];
  drawnAt: string;
  drawnByName: string | null;
  audited: number;
  passed: number;
  items: SpotCheckItemView[];
}

export interface DrawSpotCheckInput {
  period: string;
  /** Recorded so anyone can draw the same sample again; a random one when not given. */
  seed?: string | null;
  share?: number | null;
  count?: number | null;
  stratifyByDepartment?: boolean;
}

/**
 * The office draws this period's sample of closed tickets: reproducible (the seed is stored and the same
 * seed over the same closed tickets draws the same sample), a share or a count, stratified by the
 * department that handled the ticket (else the owner's).
 */
export async function drawSpotCheck(db: Db, ctx: RequestContext, input: DrawSpotCheckInput, nowMs: number): Promise<SpotCheckView> {
  requireStaff(ctx, 'office');
  const period = resolvePeriod(input.period);
  const seed = input.seed == null || input.seed === '' ? randomBytes(8).toString('hex') : (readText(input.seed, 'seed', 200) as string);
  const tickets = await db
    .selectFrom('tickets')
    .select(['id', 'owner_id', 'handler_id', 'owner_department_id', 'handler_department_id'])
    .where('status', '=', 'closed')
    .where('closed_at', '>=', new Date(period.startMs))
    .where('closed_at', '<', new Date(period.endMs))
    .execute();
  const items = tickets.map((t) => {
    const departmentId = t.handler_department_id ?? t.owner_department_id;
    return { id: String(t.id), departmentId: departmentId === null ? NO_DEPARTMENT : String(departmentId), row: t, department: departmentId };
  });
  const { sample, strata } = drawSpotCheckSample(items, {
    seed,
    ...(input.share != null ? { share: input.share } : {}),
    ...(input.count != null ? { count: input.count } : {}),
    stratifyByDepartment: input.stratifyByDepartment ?? true,
  });
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('spot_checks')
      .values({
        period: period.key, seed, share: input.share ?? null, count: input.count ?? null, stratify: input.stratifyByDepartment ?? true, population: items.length,
        strata: JSON.stringify(strata), drawn_at: new Date(nowMs), drawn_by: ctx.actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (sample.length > 0) {
      await trx.insertInto('spot_check_items').values(sample.map((s) => ({
        spot_check_id: row.id, ticket_id: s.row.id, department_id: s.department, owner_id: s.row.owner_id, handler_id: s.row.handler_id,
      }))).execute();
    }
    await recordAudit(trx, ctx, { action: 'spot_check.draw', entity: 'spot_check', entityId: row.id, after: { period: period.key, seed, share: input.share ?? null, count: input.count ?? null, sampled: sample.map((s) => Number(s.id)).sort((a, b) => a - b) } });
    return row.id;
  });
  return getSpotCheck(db, ctx, id);
}

export async function listSpotChecks(db: Db, ctx: RequestContext, query: { period?: string }): Promise<{ items: Omit<SpotCheckView, 'items'>[] }> {
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

export async function getSpotCheck(db: Db, ctx: RequestContext, id: number): Promise<SpotCheckView> {
  requireStaff(ctx, 'office');
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

/** The office records one sampled ticket's checklist; it passes only when every check holds. Re-auditing replaces the answers. */
export async function auditSpotCheckItem(db: Db, ctx: RequestContext, id: number, ticketId: number, input: SpotCheckChecklist & { note?: string | null }, nowMs: number): Promise<SpotCheckItemView> {
  requireStaff(ctx, 'office');
  const { passed } = judgeSpotCheckItem(input);
  const note = readText(input.note, 'note', 2000, true);
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('spot_check_items').selectAll().where('spot_check_id', '=', id).where('ticket_id', '=', ticketId).forUpdate().executeTakeFirst();
    if (!item) throw notFound(`Ticket ${ticketId} is not in spot check ${id}`);
    const after = { ownership_kept: input.ownershipKept, result_told: input.resultTold, callback_made: input.callbackMade, manner_ok: input.mannerOk, passed, note };
    await trx.updateTable('spot_check_items').set({ ...after, audited_at: new Date(nowMs), audited_by: ctx.actor.id }).where('spot_check_id', '=', id).where('ticket_id', '=', ticketId).execute();
    await recordAudit(trx, ctx, {
      action: 'spot_check.audit', entity: 'spot_check_item', entityId: `${id}/${ticketId}`,
      before: { ownership_kept: item.ownership_kept, result_told: item.result_told, callback_made: item.callback_made, manner_ok: item.manner_ok, passed: item.passed, note: item.note },
      after,
    });
  });
  const view = (await getSpotCheck(db, ctx, id)).items.find((i) => i.ticketId === ticketId);
  if (!view) throw invalid('The ticket left the sample', 'ticketId');
  return view;
}
