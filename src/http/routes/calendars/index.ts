import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createCalendar } from '../../../services/commitments/create-calendar.ts';
import { updateCalendar } from '../../../services/commitments/update-calendar.ts';
import { getCalendar, listCalendars } from '../../../services/commitments/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { CalendarList, CalendarQuery, CalendarView, CalendarYearView, CreateCalendarBody, UpdateCalendarBody } from '../../../contracts/calendars.ts';

/** Business calendars (PRODUCT.md §2): any staff member reads them, admins change them. */
export function registerCalendarRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['commitments'];
  app.get('/api/calendars', { schema: { tags, summary: 'Business calendars, active first', response: withErrors({ 200: CalendarList }) } }, async (request) => ({
    items: await listCalendars(deps.db, staffContext(request)),
  }));
  app.get(
    '/api/calendars/:id',
    {
      schema: {
        tags, params: IdParams, querystring: CalendarQuery, response: withErrors({ 200: CalendarYearView }),
        summary: 'One calendar; with ?year= also its holidays and make-up working days that year, official ones included',
      },
    },
    async (request) => getCalendar(deps.db, staffContext(request), { id: request.params.id, year: request.query.year }),
  );
  app.post('/api/calendars', { schema: { tags, summary: 'Add a business calendar (admin)', body: CreateCalendarBody, response: withErrors({ 201: CalendarView }) } }, async (request, reply) =>
    reply.status(201).send(await createCalendar(deps.db, staffContext(request), { calendar: request.body, nowMs: deps.now() })),
  );
  app.patch(
    '/api/calendars/:id',
    {
      schema: {
        tags, params: IdParams, body: UpdateCalendarBody, response: withErrors({ 200: CalendarView }),
        summary: 'Rename, redefine, deactivate or reactivate a calendar (admin); a new definition recomputes the due times of the clocks running on it',
      },
    },
    async (request) => updateCalendar(deps.db, staffContext(request), { id: request.params.id, changes: request.body, nowMs: deps.now() }),
  );
  app.post(
    '/api/calendars/:id/deactivate',
    { schema: { tags, summary: 'Deactivate a calendar no active commitment uses (admin)', params: IdParams, response: withErrors({ 200: CalendarView }) } },
    async (request) => updateCalendar(deps.db, staffContext(request), { id: request.params.id, changes: { active: false }, nowMs: deps.now() }),
  );
}
