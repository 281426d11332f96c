import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createCalendar, getCalendar, listCalendars, updateCalendar } from '../../../services/commitments/calendars.ts';
import { IdParams } from '../common.ts';
import { CalendarQuery, CreateCalendarBody, UpdateCalendarBody } from './schema.ts';

/** Business calendars (PRODUCT.md §2): any staff member reads them, admins change them. */
export function registerCalendarRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['commitments'];
  app.get('/api/calendars', { schema: { tags, summary: 'Business calendars, active first' } }, async (request) => ({
    items: await listCalendars(deps.db, staffContext(request)),
  }));
  app.get(
    '/api/calendars/:id',
    { schema: { tags, summary: 'One calendar; with ?year= also its holidays and make-up working days that year, official ones included', params: IdParams, querystring: CalendarQuery } },
    async (request) => getCalendar(deps.db, staffContext(request), request.params.id, request.query.year),
  );
  app.post('/api/calendars', { schema: { tags, summary: 'Add a business calendar (admin)', body: CreateCalendarBody } }, async (request, reply) =>
    reply.status(201).send(await createCalendar(deps.db, staffContext(request), request.body, deps.now())),
  );
  app.patch(
    '/api/calendars/:id',
    {
      schema: {
        tags, params: IdParams, body: UpdateCalendarBody,
        summary: 'Rename, redefine, deactivate or reactivate a calendar (admin); a new definition recomputes the due times of the clocks running on it',
      },
    },
    async (request) => updateCalendar(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.post('/api/calendars/:id/deactivate', { schema: { tags, summary: 'Deactivate a calendar no active commitment uses (admin)', params: IdParams } }, async (request) =>
    updateCalendar(deps.db, staffContext(request), request.params.id, { active: false }, deps.now()),
  );
}
