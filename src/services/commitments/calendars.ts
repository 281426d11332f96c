import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { CalendarsTable } from '../../db/schema.ts';
import { validateCalendarDefinition, type CalendarDefinition, type CalendarExtraWorkingDay, type CalendarHoliday, type WorkingInterval } from '../../domain/calendar/index.ts';
import { computeWorkingDayMinutes } from '../../domain/commitments/commitment-spec.ts';
import { validateCommitmentTree } from '../../domain/commitments/validate-commitment-tree.ts';
import { conflict, invalid, notFound } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { loadTree } from './commitments.ts';
import { toEffectiveDefinition } from './load-calendars.ts';
import { lockClockProjection, projectTicketClocks } from './project-ticket-clocks.ts';

export interface CalendarView {
  id: number;
  name: string;
  builtin: CalendarsTable['builtin'];
  /** As stored: for the built-in China mainland calendar, its hours and local additions only. */
  definition: CalendarDefinition;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A calendar with the holidays and make-up working days in force in one year, official ones included. */
export interface CalendarYearView extends CalendarView {
  year?: number;
  effective?: { holidays: CalendarHoliday[]; extraWorkingDays: CalendarExtraWorkingDay[] };
}

export interface CalendarInput {
  name?: string;
  definition?: unknown;
  active?: boolean;
}

/** Clocks recomputed per transaction round when a calendar changes. */
const RECOMPUTE_BATCH = 200;

type Row = { id: number; name: string; builtin: CalendarsTable['builtin']; definition: CalendarDefinition; version: number; active: boolean; created_at: Date; updated_at: Date };

const COLUMNS = ['id', 'name', 'builtin', 'definition', 'version', 'active', 'created_at', 'updated_at'] as const;

function toView(r: Row): CalendarView {
  return { id: r.id, name: r.name, builtin: r.builtin, definition: r.definition, version: r.version, active: r.active, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

async function loadRow(db: Db, id: number, lock = false): Promise<Row> {
  let q = db.selectFrom('calendars').select(COLUMNS).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(`No calendar with id ${id}`);
  return row;
}

export async function listCalendars(db: Db, ctx: RequestContext): Promise<CalendarView[]> {
  requireStaff(ctx);
  const rows = await db.selectFrom('calendars').select(COLUMNS).orderBy('active', 'desc').orderBy('builtin').orderBy('name').orderBy('id').execute();
  return rows.map(toView);
}

export async function getCalendar(db: Db, ctx: RequestContext, id: number, year?: number): Promise<CalendarYearView> {
  requireStaff(ctx);
  const row = await loadRow(db, id);
  const view: CalendarYearView = toView(row);
  if (year === undefined) return view;
  const effective = toEffectiveDefinition(row);
  const inYear = (d: { date: string }) => d.date.startsWith(`${year}-`);
  return { ...view, year, effective: { holidays: effective.holidays.filter(inYear), extraWorkingDays: effective.extraWorkingDays.filter(inYear) } };
}

/** Only the known parts of a definition, so what is stored is exactly what was checked. */
function toStoredDefinition(def: CalendarDefinition, name: string): CalendarDefinition {
  const interval = (i: WorkingInterval): WorkingInterval => ({ start: i.start, end: i.end });
  const day = <T extends CalendarHoliday>(d: T): T =>
    ({ date: d.date, ...(d.name?.trim() ? { name: d.name.trim() } : {}), ...(d.workingIntervals ? { workingIntervals: d.workingIntervals.map(interval) } : {}) }) as T;
  return {
    name,
    timeZone: def.timeZone,
    kind: def.kind,
    weeklyHours: def.kind === '24x7' ? [[], [], [], [], [], [], []] : def.weeklyHours.map((d) => d.map(interval)),
    holidays: def.holidays.map(day),
    extraWorkingDays: def.extraWorkingDays.map(day),
  };
}

/** Checks a definition for a calendar (built-in ones keep what makes them built-in); throws 400 naming the field. */
function checkDefinition(raw: unknown, name: string, builtin: CalendarsTable['builtin']): CalendarDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('The definition must be an object.', 'definition');
  const candidate = { ...(raw as Record<string, unknown>), name };
  const [first] = validateCalendarDefinition(candidate);
  if (first) throw invalid(first.message, first.field === 'name' ? 'name' : first.field ? `definition.${first.field}` : 'definition');
  const def = candidate as unknown as CalendarDefinition;
  if (builtin === 'china_mainland') {
    if (def.timeZone !== 'Asia/Shanghai') throw invalid('The built-in China mainland calendar runs on Asia/Shanghai time.', 'definition.timeZone');
    if (def.kind !== 'business') throw invalid('The built-in China mainland calendar is a business calendar.', 'definition.kind');
    const same = (a: readonly WorkingInterval[], b: readonly WorkingInterval[]) => JSON.stringify(a.map((i) => [i.start, i.end])) === JSON.stringify(b.map((i) => [i.start, i.end]));
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const expected = weekday === 0 || weekday === 6 ? [] : def.weeklyHours[1]!;
      if (!same(def.weeklyHours[weekday]!, expected)) {
        throw invalid(
          'The built-in China mainland calendar has one set of hours for every working day (the official calendar says which days work): give Monday to Friday the same hours and the weekend none.',
          `definition.weeklyHours.${weekday}`,
        );
      }
    }
  }
  if (builtin === '24x7' && def.kind !== '24x7') throw invalid('The built-in around-the-clock calendar stays 24x7.', 'definition.kind');
  return toStoredDefinition(def, name);
}

function checkName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '') throw invalid('Give the calendar a name.', 'name');
  if (name.length > 200) throw invalid('The name must be at most 200 characters.', 'name');
  return name;
}

const nameTaken = (name: string) => conflict(`There is already a calendar named "${name}".`, 'name', 'name_taken');
const auditable = (v: CalendarView) => ({ name: v.name, active: v.active, version: v.version, definition: v.definition });

export async function createCalendar(db: Db, ctx: RequestContext, input: CalendarInput, nowMs: number): Promise<CalendarView> {
  requireStaff(ctx, 'admin');
  const rawName = input.name ?? (input.definition as { name?: unknown } | undefined)?.name;
  const name = checkName(rawName);
  if (input.definition === undefined) throw invalid('Send the calendar definition: time zone, weekly hours, holidays and extra working days.', 'definition');
  const definition = checkDefinition(input.definition, name, null);
  try {
    return await db.transaction().execute(async (trx) => {
      const at = new Date(nowMs);
      const row = await trx
        .insertInto('calendars')
        .values({ name, builtin: null, definition: JSON.stringify(definition), active: input.active ?? true, created_at: at, updated_at: at })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      const view = toView(row);
      await recordAudit(trx, ctx, { action: 'calendar.create', entity: 'calendar', entityId: row.id, before: null, after: auditable(view) });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'calendars_name_key')) throw nameTaken(name);
    throw err;
  }
}

/**
 * Renames, redefines, deactivates or reactivates a calendar. A new definition bumps the version
 * and, in the same transaction, derives again every ticket with a clock still running or paused on
 * it (in rounds of 200 tickets), so due times, warn times and the scheduler's next firing follow at
 * once; stopped clocks are history and stay as they are.
 */
export async function updateCalendar(db: Db, ctx: RequestContext, id: number, input: CalendarInput, nowMs: number): Promise<CalendarView> {
  requireStaff(ctx, 'admin');
  let name: string | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await loadRow(trx, id, true);
      name = input.name !== undefined ? checkName(input.name) : before.name;
      const definition = input.definition !== undefined ? checkDefinition(input.definition, name, before.builtin) : toStoredDefinition(before.definition, name);
      const redefined = JSON.stringify(definition) !== JSON.stringify(toStoredDefinition(before.definition, name));
      const changed = redefined || name !== before.name;
      const active = input.active ?? before.active;
      if (!active && before.active) {
        const users = await trx
          .selectFrom('commitments as c')
          .innerJoin('commitment_versions as v', (j) => j.onRef('v.commitment_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
          .select('v.name')
          .where('c.active', '=', true)
          .where('v.calendar_id', '=', id)
          .orderBy('v.name')
          .execute();
        if (users.length > 0) {
          throw conflict(`${users.map((u) => `"${u.name}"`).join(', ')} still run on this calendar; give them another calendar before deactivating it.`, 'active', 'calendar_in_use');
        }
      }
      if (!changed && active === before.active) return toView(before);
      const row = await trx
        .updateTable('calendars')
        .set({ name, definition: JSON.stringify(definition), active, version: changed ? before.version + 1 : before.version, updated_at: new Date(nowMs) })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      const retargeted = redefined ? await retargetWorkingDays(trx, id, before.definition, definition) : [];
      if (redefined) await recomputeClocksOnCalendar(trx, id, nowMs);
      const after = toView(row);
      const action = active !== before.active ? (active ? 'calendar.reactivate' : 'calendar.deactivate') : 'calendar.update';
      await recordAudit(trx, ctx, {
        action, entity: 'calendar', entityId: id, before: auditable(toView(before)),
        after: { ...auditable(after), ...(retargeted.length > 0 ? { workingDayTargets: retargeted } : {}) },
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'calendars_name_key')) throw nameTaken(name ?? '');
    throw err;
  }
}

/**
 * A target in working days is kept in minutes (a working day = the calendar's Monday hours). When
 * those hours change, every version given in working days on this calendar — old versions too, since
 * running clocks stay on them — gets its minutes recomputed, so a day stays a day; the clocks follow
 * in recomputeClocksOnCalendar. Refused when the current tree would no longer fit (a stage longer
 * than its parent) or the calendar would have no working day left for such a target.
 */
async function retargetWorkingDays(trx: Db, calendarId: number, before: CalendarDefinition, after: CalendarDefinition) {
  const minutes = computeWorkingDayMinutes(after);
  if (minutes === computeWorkingDayMinutes(before)) return [];
  const versions = await trx
    .selectFrom('commitment_versions')
    .select(['commitment_id', 'version', 'name', 'target_value', 'target_minutes'])
    .where('calendar_id', '=', calendarId)
    .where('target_unit', '=', 'working_days')
    .orderBy('commitment_id')
    .orderBy('version')
    .execute();
  if (versions.length === 0) return [];
  if (minutes === 0) {
    throw invalid(`"${versions[0]!.name}" counts working days on this calendar, and a working day is its Monday hours: keep some Monday hours.`, 'definition.weeklyHours.1');
  }
  await trx
    .updateTable('commitment_versions')
    .set((eb) => ({ target_minutes: eb('target_value', '*', minutes) }))
    .where('calendar_id', '=', calendarId)
    .where('target_unit', '=', 'working_days')
    .execute();
  const changedIds = new Set(versions.map((v) => v.commitment_id));
  const tree = await loadTree(trx);
  const problem = validateCommitmentTree([...tree.nodes.values()]).find((p) => p.kind === 'fit' && p.involvedIds.some((i) => changedIds.has(i)));
  if (problem) throw invalid(`With these hours a working day is ${minutes} minutes. ${problem.message}`, 'definition.weeklyHours.1', 'commitment_fit');
  return versions.map((v) => ({ commitmentId: v.commitment_id, version: v.version, before: v.target_minutes, after: v.target_value * minutes }));
}

async function recomputeClocksOnCalendar(trx: Db, calendarId: number, nowMs: number): Promise<void> {
  // Waits for a clock-engine pass in progress, then keeps the engine out until this commits.
  await lockClockProjection(trx, { skipLocked: false });
  const rows = await trx
    .selectFrom('clocks')
    .select('ticket_id')
    .distinct()
    .where('calendar_id', '=', calendarId)
    .where('stopped_at', 'is', null)
    .orderBy('ticket_id')
    .execute();
  const ticketIds = rows.map((r) => r.ticket_id);
  for (let i = 0; i < ticketIds.length; i += RECOMPUTE_BATCH) {
    await projectTicketClocks(trx, ticketIds.slice(i, i + RECOMPUTE_BATCH), nowMs);
  }
}
