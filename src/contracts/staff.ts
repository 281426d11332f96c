import { Type, type Static } from 'typebox';
import { ROLES, STAFF_CLASSES } from '../domain/org/roles.ts';
import { Body, IsoDateTime, literals, NullableId, NullableInteger, NullableString, Page, PageQuery } from './common.ts';

export const Role = literals(ROLES);
export type Role = Static<typeof Role>;
export const StaffClass = literals(STAFF_CLASSES);
export type StaffClass = Static<typeof StaffClass>;

/** A staff member as the admin pages and pickers see them (never their password hash). */
export const StaffView = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  phone: NullableString,
  departmentId: NullableInteger,
  departmentName: NullableString,
  staffClass: StaffClass,
  roles: Type.Array(Role),
  active: Type.Boolean(),
  seniorManager: Type.Boolean({ description: 'May approve exceptions to refused requests (PRODUCT.md §1)' }),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type StaffView = Static<typeof StaffView>;

export const StaffPage = Page(StaffView);
export type StaffPage = Static<typeof StaffPage>;

/** A whole list (a person's superiors): short, so not paged. */
export const StaffList = Type.Object({ items: Type.Array(StaffView) });
export type StaffList = Static<typeof StaffList>;

export const ListStaffQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  role: Type.Optional(Role),
  active: Type.Optional(Type.Boolean()),
  ...PageQuery,
});
export type ListStaffQuery = Static<typeof ListStaffQuery>;

const StaffFields = {
  email: Type.String({ maxLength: 254 }),
  name: Type.String({ maxLength: 200 }),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  departmentId: Type.Optional(NullableId),
  staffClass: Type.Optional(StaffClass),
  roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 4 })),
  seniorManager: Type.Optional(Type.Boolean()),
};

export const CreateStaffBody = Body({
  ...StaffFields,
  password: Type.Optional(Type.String({ maxLength: 200, description: 'When omitted a password is generated and returned once' })),
});
export type CreateStaffBody = Static<typeof CreateStaffBody>;

/** The create answer: the person plus the generated password (null when one was given), shown this once. */
export const CreatedStaff = Type.Object({ ...StaffView.properties, generatedPassword: NullableString });
export type CreatedStaff = Static<typeof CreatedStaff>;

export const UpdateStaffBody = Body({
  email: Type.Optional(StaffFields.email),
  name: Type.Optional(StaffFields.name),
  phone: StaffFields.phone,
  departmentId: StaffFields.departmentId,
  staffClass: StaffFields.staffClass,
  roles: StaffFields.roles,
  seniorManager: StaffFields.seniorManager,
  active: Type.Optional(Type.Boolean()),
});
export type UpdateStaffBody = Static<typeof UpdateStaffBody>;

export const ResetStaffPasswordBody = Body({ password: Type.Optional(Type.String({ maxLength: 200 })) });
export type ResetStaffPasswordBody = Static<typeof ResetStaffPasswordBody>;

/** The new password, shown once. */
export const ResetStaffPasswordAnswer = Type.Object({ password: Type.String() });
export type ResetStaffPasswordAnswer = Static<typeof ResetStaffPasswordAnswer>;
