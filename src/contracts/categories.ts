import { Type, type Static } from 'typebox';
import { Body, IsoDateTime, NullableId, NullableInteger, NullableString, Page, PageQuery } from './common.ts';

/** A kind of matter in the duty catalog and the department responsible for it. */
export const CategoryView = Type.Object({
  id: Type.Integer(),
  parentId: NullableInteger,
  name: Type.String(),
  description: NullableString,
  departmentId: NullableInteger,
  responsibleDepartmentId: Type.Union([Type.Integer(), Type.Null()], { description: "The department that handles it: its own, or the nearest ancestor's" }),
  responsibleDepartmentName: NullableString,
  defaultHandlerId: NullableInteger,
  defaultHandlerName: NullableString,
  active: Type.Boolean(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type CategoryView = Static<typeof CategoryView>;

export const CategoryPage = Page(CategoryView);
export type CategoryPage = Static<typeof CategoryPage>;

export const ListCategoriesQuery = Type.Object({
  parentId: Type.Optional(Type.Integer({ minimum: 0, description: '0 lists the top level' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PageQuery,
});
export type ListCategoriesQuery = Static<typeof ListCategoriesQuery>;

const CategoryFields = {
  parentId: Type.Optional(NullableId),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  departmentId: Type.Optional(NullableId),
  defaultHandlerId: Type.Optional(NullableId),
};

export const CreateCategoryBody = Body({ name: Type.String({ maxLength: 200 }), ...CategoryFields });
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const UpdateCategoryBody = Body({ name: Type.Optional(Type.String({ maxLength: 200 })), ...CategoryFields, active: Type.Optional(Type.Boolean()) });
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;

/** The delete answer when the category still has sub-categories: it was deactivated instead (204 when deleted). */
export const DeactivatedCategory = Type.Object({ deactivated: Type.Literal(true), category: CategoryView });
export type DeactivatedCategory = Static<typeof DeactivatedCategory>;
