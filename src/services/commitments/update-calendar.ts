import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { CalendarDefinition } from '../../domain/calendar/index.ts';
import { computeWorkingDayMinutes } from '../../domain/commitments/commitment-spec.ts';
import { validateCommitmentTree } from '../../domain/commitments/validate-commitment-tree.ts';
import { conflict, invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, checkDefinition, checkName, nameTaken, toStoredDefinition, type CalendarInput } from './check-calendar-input.ts';
import { loadTree } from './commitment-tree.ts';
import { lockClockProjection, projectTicketClocks } from './project-ticket-clocks.ts';
import { CALENDAR_COLUMNS, loadCalendarRow, toCalendarView, type CalendarView } from './views.ts';

/** Clocks recomputed per transaction round when a calendar changes. */
const RECOMPUTE_BATCH = 200;

/**
 * Renames, redefines, deactivates or reactivates a calendar. A new definition bumps the version
 * and, in the same transaction, derives again every ticket with a clock still running or paused on
 * it (in rounds of 200 tickets), so due times, warn times and the scheduler's next firing follow at
 * once; stopped clocks are history and stay as they are.
 */
export async function updateCalendar(db: Db, ctx: RequestContext, { id, changes: input, nowMs }: { id: number; changes: CalendarInput; nowMs: number }): Promise<CalendarView> {
  requireStaff(ctx, 'admin');
  let name: string | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await loadCalendarRow(trx, id, true);
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
      if (!changed && active === before.active) return toCalendarView(before);
      const row = await trx
        .updateTable('calendars')
        .set({ name, definition: JSON.stringify(definition), active, version: changed ? before.version + 1 : before.version, updated_at: new Date(nowMs) })
        .where('id', '=', id)
        .returning(CALENDAR_COLUMNS)
        .executeTakeFirstOrThrow();
      const retargeted = redefined ? await retargetWorkingDays(trx, id, before.definition, definition) : [];
      if (redefined) await recomputeClocksOnCalendar(trx, id, nowMs);
      const after = toCalendarView(row);
      const action = active !== before.active ? (active ? 'calendar.reactivate' : 'calendar.deactivate') : 'calendar.update';
      await recordAudit(trx, ctx, {
        action, entity: 'calendar', entityId: id, before: auditable(toCalendarView(before)),
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
