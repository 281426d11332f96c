import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { auditable, checkDefinition, checkName, nameTaken, type CalendarInput } from './check-calendar-input.ts';
import { CALENDAR_COLUMNS, toCalendarView, type CalendarView } from './views.ts';

/** An admin adds a business calendar; the name may come with the definition. */
export async function createCalendar(db: Db, ctx: RequestContext, { calendar: input, nowMs }: { calendar: CalendarInput; nowMs: number }): Promise<CalendarView> {
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
        .returning(CALENDAR_COLUMNS)
        .executeTakeFirstOrThrow();
      const view = toCalendarView(row);
      await recordAudit(trx, ctx, { action: 'calendar.create', entity: 'calendar', entityId: row.id, before: null, after: auditable(view) });
      return view;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'calendars_name_key')) throw nameTaken(name);
    throw err;
  }
}
