import { Type, type Static, type TLiteral, type TProperties, type TSchema, type TUnion } from 'typebox';

/**
 * Shapes every resource's contract uses. A contract module (src/contracts/<resource>.ts) holds the
 * TypeBox schemas of its requests and responses; routes declare them, services return their
 * `Static<>` types, and the web app imports the types (type-only, so no TypeBox reaches the browser).
 * Value lists (`as const` arrays) live in src/domain, where the web app may import them as values.
 */

/** An enum of string literals from an `as const` list. */
export const literals = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<[TLiteral<T[number]>]>;

/** A path id: a positive integer within the range the database and JavaScript both hold exactly. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id });
export const NullableId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
};

/** A keyset page of items: `nextCursor` is null on the last page. */
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The one error shape of the API. */
export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) }) },
  { description: 'What went wrong: a stable code, a message a person understands, and the field at fault when there is one' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;

/** `{ ok: true }`, the answer of a change that has nothing else to say. */
export const Ok = Type.Object({ ok: Type.Literal(true) });

/** A response with no body (204). */
export const NoContent = Type.Null({ description: 'No content' });

/**
 * The `response` map of a route: its success schemas plus the error shape for every 4xx and 5xx,
 * so the OpenAPI document names every answer and the test app can check each one.
 */
export function withErrors<T extends Record<number, TSchema>>(success: T): T & { '4xx': typeof ErrorResponse; '5xx': typeof ErrorResponse } {
  return { ...success, '4xx': ErrorResponse, '5xx': ErrorResponse };
}

/** A request body that refuses fields it does not know, so a typo is an error rather than ignored. */
export const Body = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

/** Timestamps travel as ISO 8601 strings. */
export const IsoDateTime = Type.String({ format: 'date-time' });
export const NullableIsoDateTime = Type.Union([IsoDateTime, Type.Null()]);
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);
export const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
