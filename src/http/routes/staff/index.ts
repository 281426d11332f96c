import { Type } from 'typebox';
import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createStaff, getStaff, listStaff, listSuperiors, resetStaffPassword, updateStaff } from '../../../services/org/staff.ts';
import { requireStaff } from '../../../services/org/require-role.ts';
import { Body, IdParams, NullableId, PageQuery, Role, StaffClass } from '../common.ts';

const StaffBody = {
  email: Type.String({ maxLength: 254 }),
  name: Type.String({ maxLength: 200 }),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  departmentId: Type.Optional(NullableId),
  staffClass: Type.Optional(StaffClass),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 4 })),
  seniorManager: Type.Optional(Type.Boolean()),
};

export function registerStaffRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['staff'];
  app.get(
    '/api/staff',
    {
      schema: {
        tags, summary: 'List staff (keyset pages, by name)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
          role: Type.Optional(Role),
          active: Type.Optional(Type.Boolean()),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      staffContext(request);
      return listStaff(deps.db, request.query);
    },
  );

  app.get('/api/staff/:id', { schema: { tags, summary: 'One staff member', params: IdParams } }, async (request) => {
    staffContext(request);
    return getStaff(deps.db, request.params.id);
  });

  app.get('/api/staff/:id/superiors', { schema: { tags, summary: "The person's line of superiors, nearest first", params: IdParams } }, async (request) => {
    staffContext(request);
    return { items: await listSuperiors(deps.db, request.params.id) };
  });

  app.post(
    '/api/staff',
    { schema: { tags, summary: 'Add a staff member (admin); a password is generated when none is given', body: Body({ ...StaffBody, password: Type.Optional(Type.String({ maxLength: 200 })) }) } },
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
        params: IdParams,
        body: Body({
          email: Type.Optional(StaffBody.email), name: Type.Optional(StaffBody.name), phone: StaffBody.phone,
          departmentId: StaffBody.departmentId, staffClass: StaffBody.staffClass, roles: StaffBody.roles, seniorManager: StaffBody.seniorManager, active: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => updateStaff(deps.db, staffContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/:id/password',
    { schema: { tags, summary: "Reset someone's password (admin); returns the new password once", params: IdParams, body: Body({ password: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request) => {
      const ctx = staffContext(request);
      requireStaff(ctx, 'admin');
      const person = await getStaff(deps.db, request.params.id);
      return resetStaffPassword(deps.db, ctx, { email: person.email, password: request.body.password });
    },
  );
}
