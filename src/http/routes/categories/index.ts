import type { AppInstance, AppDeps } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { IdParams, NoContent, withErrors } from '../../../contracts/common.ts';
import { CategoryPage, CategoryView, CreateCategoryBody, DeactivatedCategory, ListCategoriesQuery, UpdateCategoryBody } from '../../../contracts/categories.ts';
import { createCategory } from '../../../services/org/create-category.ts';
import { deleteCategory } from '../../../services/org/delete-category.ts';
import { updateCategory } from '../../../services/org/update-category.ts';
import { getCategory, listCategories } from '../../../services/org/views.ts';

export function registerCategoryRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['duty catalog'];
  app.get(
    '/api/categories',
    {
      schema: {
        tags, summary: 'The duty catalog: categories of matters and their responsible departments; parentId=0 lists the top level',
        querystring: ListCategoriesQuery, response: withErrors({ 200: CategoryPage }),
      },
    },
    async (request) => {
      staffContext(request);
      const { parentId, ...rest } = request.query;
      return listCategories(deps.db, { ...rest, parentId: parentId === 0 ? null : parentId });
    },
  );
  app.get(
    '/api/categories/:id',
    { schema: { tags, summary: 'One category with its responsible department', params: IdParams, response: withErrors({ 200: CategoryView }) } },
    async (request) => {
      staffContext(request);
      return getCategory(deps.db, request.params.id);
    },
  );
  app.post(
    '/api/categories',
    { schema: { tags, summary: 'Add a category (admin)', body: CreateCategoryBody, response: withErrors({ 201: CategoryView }) } },
    async (request, reply) => reply.status(201).send(await createCategory(deps.db, staffContext(request), request.body)),
  );
  app.patch(
    '/api/categories/:id',
    { schema: { tags, summary: 'Change a category (admin)', params: IdParams, body: UpdateCategoryBody, response: withErrors({ 200: CategoryView }) } },
    async (request) => updateCategory(deps.db, staffContext(request), { ...request.body, id: request.params.id }),
  );
  app.delete(
    '/api/categories/:id',
    {
      schema: {
        tags, summary: 'Delete an unused category; one still in use is deactivated instead (admin)',
        params: IdParams, response: withErrors({ 200: DeactivatedCategory, 204: NoContent }),
      },
    },
    async (request, reply) => {
      const result = await deleteCategory(deps.db, staffContext(request), { id: request.params.id });
      return result.deleted ? reply.status(204).send(null) : reply.status(200).send({ deactivated: true, category: result.category });
    },
  );
}
