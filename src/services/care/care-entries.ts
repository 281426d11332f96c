import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import { CARE_REASONS, CARE_TEXT_LIMITS, validateCareEntry, type CareReason } from '../../domain/care/care-rules.ts';
import { nextVisitDate, type VisitIntervalUnit } from '../../domain/care/visit-schedule.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { DomainValidationError } from '../../domain/shared/domain-validation-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { dateText, iso, loadToday, requireCareEditor, timeText } from './care-common.ts';
import { listCareVisits, type CareVisitView } from './care-visits.ts';

export interface VisitPlanView {
  id: number;
  entryId: number;
  unit: VisitIntervalUnit;
  every: number;
  startsOn: string;
  preferredWeekday: number | null;
  preferredFrom: string | null;
  preferredUntil: string | null;
  preferredNote: string;
  visitorStaffId: number | null;
  visitorStaffName: string | null;
  visitorDepartmentId: number | null;
  visitorDepartmentName: string | null;
  active: boolean;
  /** The next planned date from today, whether or not its ticket exists yet; null when inactive. */
  nextVisitOn: string | null;
  version: number;
}

export interface CareEntryView {
  id: number;
  customerId: number;
  customerName: string;
  customerPhones: string[];
  reasons: CareReason[];
  note: string;
  since: string;
  registeredById: number | null;
  registeredByName: string | null;
  active: boolean;
  closedReason: string | null;
  closedAt: string | null;
  closedByName: string | null;
  version: number;
  createdAt: string;
}

export interface CareEntryListItem extends CareEntryView {
  /** Names of the visitors (people or departments) of its active plans. */
  visitors: string[];
  nextVisitOn: string | null;
  overdueVisits: number;
}

export interface CareEntryDetail extends CareEntryView {
  plans: VisitPlanView[];
  /** Every visit generated for it, newest planned date first. */
  visits: CareVisitView[];
  canEdit: boolean;
}

function entryQuery(db: Db) {
  return db
    .selectFrom('care_entries as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('staff as reg', 'reg.id', 'e.registered_by')
    .leftJoin('staff as closer', 'closer.id', 'e.closed_by')
    .select([
      'e.id', 'e.customer_id', 'c.name as customer_name', 'c.phones as customer_phones', 'e.reasons', 'e.note', dateText('e.since').as('since'), 'e.registered_by',
      'reg.name as registered_by_name', 'e.active', 'e.closed_reason', 'e.closed_at', 'closer.name as closed_by_name', 'e.version', 'e.created_at',
    ]);
}

type EntryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirst']>>>;

const toEntryView = (r: EntryRow): CareEntryView => ({
  id: r.id, customerId: r.customer_id, customerName: r.customer_name, customerPhones: r.customer_phones, reasons: r.reasons as CareReason[], note: r.note,
  since: r.since, registeredById: r.registered_by, registeredByName: r.registered_by_name, active: r.active, closedReason: r.closed_reason,
  closedAt: iso(r.closed_at), closedByName: r.closed_by_name, version: r.version, createdAt: r.created_at.toISOString(),
});

export function planQuery(db: Db) {
  return db
    .selectFrom('care_visit_plans as p')
    .leftJoin('staff as vs', 'vs.id', 'p.visitor_staff_id')
    .leftJoin('departments as vd', 'vd.id', 'p.visitor_department_id')
    .select([
      'p.id', 'p.entry_id', 'p.interval_unit', 'p.interval_count', dateText('p.starts_on').as('starts_on'), 'p.preferred_weekday', timeText('p.preferred_from').as('preferred_from'),
      timeText('p.preferred_until').as('preferred_until'), 'p.preferred_note', 'p.visitor_staff_id', 'vs.name as visitor_staff_name', 'p.visitor_department_id',
      'vd.name as visitor_department_name', 'p.active', 'p.version',
    ]);
}

type PlanRow = NonNullable<Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirst']>>>;

export function toPlanView(r: PlanRow, today: string): VisitPlanView {
  const schedule = { unit: r.interval_unit, every: r.interval_count, startsOn: r.starts_on };
  return {
    id: r.id, entryId: r.entry_id, unit: r.interval_unit, every: r.interval_count, startsOn: r.starts_on, preferredWeekday: r.preferred_weekday,
    preferredFrom: r.preferred_from, preferredUntil: r.preferred_until, preferredNote: r.preferred_note, visitorStaffId: r.visitor_staff_id,
    visitorStaffName: r.visitor_staff_name, visitorDepartmentId: r.visitor_department_id, visitorDepartmentName: r.visitor_department_name, active: r.active,
    nextVisitOn: r.active ? nextVisitDate(schedule, today) : null, version: r.version,
  };
}

async function checkCustomer(db: Db, customerId: unknown): Promise<number> {
  if (typeof customerId !== 'number' || !Number.isSafeInteger(customerId) || customerId < 1) throw invalid('Choose the customer', 'customerId');
  const c = await db.selectFrom('customers').select(['id', 'kind']).where('id', '=', customerId).executeTakeFirst();
  if (!c) throw invalid(`Customer ${customerId} does not exist`, 'customerId');
  if (c.kind === 'internal') throw invalid('Internal departments cannot be on the special-care register', 'customerId');
  return c.id;
}

export interface CreateCareEntryInput {
  customerId: number;
  reasons: string[];
  note?: string | null;
  since?: string | null;
}

/** Puts a customer on the special-care register; a customer has at most one open entry. */
export async function createCareEntry(db: Db, ctx: RequestContext, input: CreateCareEntryInput, nowMs: number): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const customerId = await checkCustomer(db, input.customerId);
  const fields = validateCareEntry(input, await loadToday(db, nowMs));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('care_entries')
      .values({ customer_id: customerId, reasons: fields.reasons, note: fields.note, since: fields.since, registered_by: ctx.actor.id, created_at: new Date(nowMs), updated_at: new Date(nowMs) })
      .onConflict((oc) => oc.column('customer_id').where(sql<boolean>`active`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('This customer is already on the special-care register; edit that entry instead', 'customerId', 'already_registered');
    await recordAudit(trx, ctx, { action: 'care.entry.create', entity: 'care_entry', entityId: row.id, before: null, after: { customerId, ...fields } });
    return row.id;
  });
  return getCareEntry(db, ctx, id, nowMs);
}

export interface UpdateCareEntryInput {
  reasons?: string[];
  note?: string | null;
  since?: string | null;
  version?: number;
}

async function lockEntry(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('care_entries').selectAll().select(dateText('since').as('since_text')).where('id', '=', id).forUpdate().executeTakeFirst();
}

function checkVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new DomainError('stale', `Someone else changed this entry meanwhile (now version ${actual}); reload it and try again.`, 'version', 'stale_version');
  }
}

/** Changes the reasons, note or since-date of an open entry. */
export async function updateCareEntry(db: Db, ctx: RequestContext, id: number, input: UpdateCareEntryInput, nowMs: number): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const today = await loadToday(db, nowMs);
  await db.transaction().execute(async (trx) => {
    const row = await lockEntry(trx, id);
    if (!row) throw notFound(`No special-care entry with id ${id}`);
    checkVersion(input.version, row.version);
    if (!row.active) throw new DomainError('wrong_state', 'This entry is closed; register the customer again to reopen their care', undefined, 'closed');
    const before = { reasons: row.reasons, note: row.note, since: row.since_text };
    const fields = validateCareEntry(
      { reasons: input.reasons ?? row.reasons, note: input.note === undefined ? row.note : input.note, since: input.since === undefined ? row.since_text : input.since },
      today,
    );
    await trx.updateTable('care_entries').set({ reasons: fields.reasons, note: fields.note, since: fields.since, version: row.version + 1, updated_at: new Date(nowMs) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { action: 'care.entry.update', entity: 'care_entry', entityId: id, before, after: { ...fields } });
  });
  return getCareEntry(db, ctx, id, nowMs);
}

/** Takes a customer off the register with a reason; their plans stop generating visits. */
export async function closeCareEntry(db: Db, ctx: RequestContext, id: number, input: { reason: string; version?: number }, nowMs: number): Promise<CareEntryDetail> {
  requireCareEditor(ctx);
  const reason = (input.reason ?? '').trim();
  if (!reason) throw invalid('Say why the customer leaves the register', 'reason');
  if (reason.length > CARE_TEXT_LIMITS.closeReason) throw invalid(`"reason" must be at most ${CARE_TEXT_LIMITS.closeReason} characters`, 'reason');
  await db.transaction().execute(async (trx) => {
    const row = await lockEntry(trx, id);
    if (!row) throw notFound(`No special-care entry with id ${id}`);
    checkVersion(input.version, row.version);
    if (!row.active) throw new DomainError('wrong_state', 'This entry is already closed', undefined, 'closed');
    await trx.updateTable('care_entries')
      .set({ active: false, closed_reason: reason, closed_at: new Date(nowMs), closed_by: ctx.actor.id, version: row.version + 1, updated_at: new Date(nowMs) })
      .where('id', '=', id).execute();
    const plans = await trx.updateTable('care_visit_plans').set((eb) => ({ active: false, version: eb('version', '+', 1), updated_at: new Date(nowMs) }))
      .where('entry_id', '=', id).where('active', '=', true).returning('id').execute();
    await recordAudit(trx, ctx, { action: 'care.entry.close', entity: 'care_entry', entityId: id, before: { active: true }, after: { active: false, reason, plansStopped: plans.map((p) => p.id) } });
  });
  return getCareEntry(db, ctx, id, nowMs);
}

/** One entry with its plans and visit history; every staff member may read it. */
export async function getCareEntry(db: Db, ctx: RequestContext, id: number, nowMs: number): Promise<CareEntryDetail> {
  requireStaff(ctx);
  const row = await entryQuery(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No special-care entry with id ${id}`);
  const today = await loadToday(db, nowMs);
  const [plans, visits] = await Promise.all([
    planQuery(db).where('p.entry_id', '=', id).orderBy('p.id').execute(),
    listCareVisits(db, ctx, { view: 'all', entryId: id, limit: 500 }, nowMs),
  ]);
  const canEdit = ['admin', 'office', 'supervisor'].some((r) => ctx.actor.kind === 'staff' && ctx.actor.roles.includes(r as 'admin'));
  return { ...toEntryView(row), plans: plans.map((p) => toPlanView(p, today)), visits: visits.items, canEdit };
}

export interface ListCareEntriesQuery {
  reason?: string;
  active?: boolean;
  visitorStaffId?: number;
  visitorDepartmentId?: number;
  customerId?: number;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** The register, newest first, filtered by reason, open/closed, visitor or customer. */
export async function listCareEntries(db: Db, ctx: RequestContext, query: ListCareEntriesQuery, nowMs: number): Promise<Page<CareEntryListItem>> {
  requireStaff(ctx);
  const limit = query.limit ?? 50;
  if (query.reason !== undefined && !(CARE_REASONS as readonly string[]).includes(query.reason)) throw new DomainValidationError('reason', `"reason" must be one of ${CARE_REASONS.join(', ')}`);
  let q = entryQuery(db);
  if (query.reason) q = q.where(sql<boolean>`e.reasons @> array[${query.reason}]::text[]`);
  if (query.active !== undefined) q = q.where('e.active', '=', query.active);
  if (query.customerId) q = q.where('e.customer_id', '=', query.customerId);
  if (query.q?.trim()) q = q.where('c.name', 'ilike', `%${query.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (query.visitorStaffId || query.visitorDepartmentId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('care_visit_plans as vp').select('vp.id').whereRef('vp.entry_id', '=', 'e.id').where('vp.active', '=', true)
      .where((w) => (query.visitorStaffId ? w('vp.visitor_staff_id', '=', query.visitorStaffId) : w('vp.visitor_department_id', '=', query.visitorDepartmentId!)))));
  }
  const cursor = decodeCursor(query.cursor, 1);
  if (cursor) q = q.where('e.id', '<', Number(cursor[0]));
  const rows = await q.orderBy('e.id', 'desc').limit(limit + 1).execute();
  const page = toPage(rows, limit, (r) => [r.id]);
  const ids = page.items.map((r) => r.id);
  const today = await loadToday(db, nowMs);
  const [plans, overdue] = ids.length === 0 ? [[], []] : await Promise.all([
    planQuery(db).where('p.entry_id', 'in', ids).where('p.active', '=', true).execute(),
    db.selectFrom('care_visits as v').innerJoin('tickets as t', 't.id', 'v.ticket_id').select(['v.entry_id', db.fn.countAll<number>().as('n')])
      .where('v.entry_id', 'in', ids).where('v.recorded_at', 'is', null).where('v.planned_for', '<', today).where('t.status', 'not in', ['resolved', 'called_back', 'closed', 'refused'])
      .groupBy('v.entry_id').execute(),
  ]);
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((r) => {
      const mine = plans.filter((p) => p.entry_id === r.id).map((p) => toPlanView(p, today));
      const next = mine.map((p) => p.nextVisitOn).filter((d): d is string => d !== null).sort()[0] ?? null;
      return {
        ...toEntryView(r),
        visitors: [...new Set(mine.map((p) => p.visitorStaffName ?? p.visitorDepartmentName ?? ''))].filter(Boolean),
        nextVisitOn: next,
        overdueVisits: Number(overdue.find((o) => o.entry_id === r.id)?.n ?? 0),
      };
    }),
  };
}
