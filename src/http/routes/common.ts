import { Type, type TProperties } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 9007199254740991 }) });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
};

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }),
});

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('office'), Type.Literal('agent')]);
export const StaffClass = Type.Union([Type.Literal('dedicated'), Type.Literal('support'), Type.Literal('functional')]);
export const NullableId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);

/** A request body that refuses fields it does not know, so a typo is an error rather than ignored. */
export const Body = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });
