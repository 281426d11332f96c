import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  CreatedStaff, CreateStaffBody, ListStaffQuery, ResetStaffPasswordAnswer, ResetStaffPasswordBody, StaffList, StaffPage, StaffView, UpdateStaffBody,
} from '../../../contracts/staff.ts';
import { createStaff } from '../../../services/org/create-staff.ts';
import { requireStaff } from '../../../services/org/require-role.ts';
import { resetStaffPassword } from '../../../services/org/reset-staff-password.ts';
import { updateStaff } from '../../../services/org/update-staff.ts';
import { getStaff, listStaff, listSuperiors } from '../../../services/org/views.ts';

export function registerStaffRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['staff'];
  app.get(
    '/api/staff',
    { schema: { tags, summary: 'List staff (keyset pages, by name)', querystring: ListStaffQuery, response: withErrors({ 200: StaffPage }) } },
    async (request) => {
      staffContext(request);
      return listStaff(deps.db, request.query);
    },
  );

  app.get('/api/staff/:id', { schema: { tags, summary: 'One staff member', params: IdParams, response: withErrors({ 200: StaffView }) } }, async (request) => {
    staffContext(request);
    return getStaff(deps.db, request.params.id);
  });

  app.get(
    '/api/staff/:id/superiors',
    { schema: { tags, summary: "The person's line of superiors, nearest first", params: IdParams, response: withErrors({ 200: StaffList }) } },
    async (request) => {
      staffContext(request);
      return { items: await listSuperiors(deps.db, request.params.id) };
    },
  );

  app.post(
    '/api/staff',
    { schema: { tags, summary: 'Add a staff member (admin); a password is generated when none is given', body: CreateStaffBody, response: withErrors({ 201: CreatedStaff }) } },
    async (request, reply) => {
      const result = await createStaff(deps.db, staffContext(request), request.body);
      return reply.status(201).send({ ...result.staff, generatedPassword: result.generatedPassword });
    },
  );

  app.patch(
    '/api/staff/:id',
    {
      schema: {
        tags, summary: 'Change a staff member (admin); active=false deactivates and signs them out',
        params: IdParams, body: UpdateStaffBody, response: withErrors({ 200: StaffView }),
      },
    },
    async (request) => updateStaff(deps.db, staffContext(request), { ...request.body, id: request.params.id }),
  );

  app.post(
    '/api/staff/:id/password',
    {
      schema: {
        tags, summary: "Reset someone's password (admin); returns the new password once",
        params: IdParams, body: ResetStaffPasswordBody, response: withErrors({ 200: ResetStaffPasswordAnswer }),
      },
    },
    async (request) => {
      const ctx = staffContext(request);
      requireStaff(ctx, 'admin');
      const person = await getStaff(deps.db, request.params.id);
      return resetStaffPassword(deps.db, ctx, { email: person.email, password: request.body.password });
    },
  );
}
