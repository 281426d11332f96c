import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { IdParams, NoContent, withErrors } from '../../../contracts/common.ts';
import { CreateDepartmentBody, DeactivatedDepartment, DepartmentPage, DepartmentView, ListDepartmentsQuery, UpdateDepartmentBody } from '../../../contracts/departments.ts';
import { createDepartment } from '../../../services/org/create-department.ts';
import { deleteDepartment } from '../../../services/org/delete-department.ts';
import { updateDepartment } from '../../../services/org/update-department.ts';
import { getDepartment, listDepartments } from '../../../services/org/views.ts';

export function registerDepartmentRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['departments'];
  app.get(
    '/api/departments',
    {
      schema: {
        tags, summary: 'List departments (keyset pages, by name); parentId=0 lists the top level',
        querystring: ListDepartmentsQuery, response: withErrors({ 200: DepartmentPage }),
      },
    },
    async (request) => {
      staffContext(request);
      const { parentId, ...rest } = request.query;
      return listDepartments(deps.db, { ...rest, parentId: parentId === 0 ? null : parentId });
    },
  );
  app.get('/api/departments/:id', { schema: { tags, summary: 'One department', params: IdParams, response: withErrors({ 200: DepartmentView }) } }, async (request) => {
    staffContext(request);
    return getDepartment(deps.db, request.params.id);
  });
  app.post(
    '/api/departments',
    { schema: { tags, summary: 'Add a department (admin)', body: CreateDepartmentBody, response: withErrors({ 201: DepartmentView }) } },
    async (request, reply) => reply.status(201).send(await createDepartment(deps.db, staffContext(request), request.body)),
  );
  app.patch(
    '/api/departments/:id',
    {
      schema: {
        tags, summary: 'Rename, move, set the head of, or (de)activate a department (admin)',
        params: IdParams, body: UpdateDepartmentBody, response: withErrors({ 200: DepartmentView }),
      },
    },
    async (request) => updateDepartment(deps.db, staffContext(request), { ...request.body, id: request.params.id }),
  );
  app.delete(
    '/api/departments/:id',
    {
      schema: {
        tags, summary: 'Delete an unused department; one still in use is deactivated instead (admin)',
        params: IdParams, response: withErrors({ 200: DeactivatedDepartment, 204: NoContent }),
      },
    },
    async (request, reply) => {
      const result = await deleteDepartment(deps.db, staffContext(request), { id: request.params.id });
      return result.deleted ? reply.status(204).send(null) : reply.status(200).send({ deactivated: true, department: result.department });
    },
  );
}
