import { Type } from 'typebox';
import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createDepartment, deleteDepartment, getDepartment, listDepartments, updateDepartment } from '../../../services/org/departments.ts';
import { Body, IdParams, NullableId, PageQuery } from '../common.ts';

export function registerDepartmentRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['departments'];
  app.get(
    '/api/departments',
    {
      schema: {
        tags, summary: 'List departments (keyset pages, by name); parentId=0 lists the top level',
        querystring: Type.Object({
          parentId: Type.Optional(Type.Integer({ minimum: 0 })),
          active: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      staffContext(request);
      const { parentId, ...rest } = request.query;
      return listDepartments(deps.db, { ...rest, parentId: parentId === 0 ? null : parentId });
    },
  );
  app.get('/api/departments/:id', { schema: { tags, summary: 'One department', params: IdParams } }, async (request) => {
    staffContext(request);
    return getDepartment(deps.db, request.params.id);
  });
  app.post(
    '/api/departments',
    { schema: { tags, summary: 'Add a department (admin)', body: Body({ name: Type.String({ maxLength: 200 }), parentId: Type.Optional(NullableId), headId: Type.Optional(NullableId) }) } },
    async (request, reply) => reply.status(201).send(await createDepartment(deps.db, staffContext(request), request.body)),
  );
  app.patch(
    '/api/departments/:id',
    {
      schema: {
        tags, summary: 'Rename, move, set the head of, or (de)activate a department (admin)', params: IdParams,
        body: Body({ name: Type.Optional(Type.String({ maxLength: 200 })), parentId: Type.Optional(NullableId), headId: Type.Optional(NullableId), active: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request) => updateDepartment(deps.db, staffContext(request), request.params.id, request.body),
  );
  app.delete(
    '/api/departments/:id',
    { schema: { tags, summary: 'Delete an unused department; one still in use is deactivated instead (admin)', params: IdParams } },
    async (request, reply) => {
      const result = await deleteDepartment(deps.db, staffContext(request), request.params.id);
      return result.deleted ? reply.status(204).send() : reply.status(200).send({ deactivated: true, department: result.department });
    },
  );
}
