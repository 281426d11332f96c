import { Type } from 'typebox';
import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from '../../../services/org/categories.ts';
import { Body, IdParams, NullableId, PageQuery } from '../common.ts';

const Fields = {
  parentId: Type.Optional(NullableId),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  departmentId: Type.Optional(NullableId),
  defaultHandlerId: Type.Optional(NullableId),
};

export function registerCategoryRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['duty catalog'];
  app.get(
    '/api/categories',
    {
      schema: {
        tags, summary: 'The duty catalog: categories of matters and their responsible departments; parentId=0 lists the top level',
        querystring: Type.Object({
          parentId: Type.Optional(Type.Integer({ minimum: 0 })),
          departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
          active: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 200 })),
          ...PageQuery,
        }),
      },
    },
    async (request) => {
      staffContext(request);
      const { parentId, ...rest } = request.query;
      return listCategories(deps.db, { ...rest, parentId: parentId === 0 ? null : parentId });
    },
  );
  app.get('/api/categories/:id', { schema: { tags, summary: 'One category with its responsible department', params: IdParams } }, async (request) => {
    staffContext(request);
    return getCategory(deps.db, request.params.id);
  });
  app.post(
    '/api/categories',
    { schema: { tags, summary: 'Add a category (admin)', body: Body({ name: Type.String({ maxLength: 200 }), ...Fields }) } },
    async (request, reply) => reply.status(201).send(await createCategory(deps.db, staffContext(request), request.body)),
  );
  app.patch(
    '/api/categories/:id',
    { schema: { tags, summary: 'Change a category (admin)', params: IdParams, body: Body({ name: Type.Optional(Type.String({ maxLength: 200 })), ...Fields, active: Type.Optional(Type.Boolean()) }) } },
    async (request) => updateCategory(deps.db, staffContext(request), request.params.id, request.body),
  );
  app.delete(
    '/api/categories/:id',
    { schema: { tags, summary: 'Delete an unused category; one still in use is deactivated instead (admin)', params: IdParams } },
    async (request, reply) => {
      const result = await deleteCategory(deps.db, staffContext(request), request.params.id);
      return result.deleted ? reply.status(204).send() : reply.status(200).send({ deactivated: true, category: result.category });
    },
  );
}
