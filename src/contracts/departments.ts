import { Type, type Static } from 'typebox';
import { Body, IsoDateTime, NullableId, NullableInteger, NullableString, Page, PageQuery } from './common.ts';

export const DepartmentView = Type.Object({
  id: Type.Integer(),
  parentId: NullableInteger,
  name: Type.String(),
  headId: NullableInteger,
  headName: NullableString,
  active: Type.Boolean(),
  staffCount: Type.Integer({ description: 'Active staff in this department (not counting sub-departments)' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type DepartmentView = Static<typeof DepartmentView>;

export const DepartmentPage = Page(DepartmentView);
export type DepartmentPage = Static<typeof DepartmentPage>;

export const ListDepartmentsQuery = Type.Object({
  parentId: Type.Optional(Type.Integer({ minimum: 0, description: '0 lists the top level' })),
  active: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PageQuery,
});
export type ListDepartmentsQuery = Static<typeof ListDepartmentsQuery>;

export const CreateDepartmentBody = Body({ name: Type.String({ maxLength: 200 }), parentId: Type.Optional(NullableId), headId: Type.Optional(NullableId) });
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>;

export const UpdateDepartmentBody = Body({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  parentId: Type.Optional(NullableId),
  headId: Type.Optional(NullableId),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>;

/** The delete answer when the department is still referred to: it was deactivated instead (204 when deleted). */
export const DeactivatedDepartment = Type.Object({ deactivated: Type.Literal(true), department: DepartmentView });
export type DeactivatedDepartment = Static<typeof DeactivatedDepartment>;
