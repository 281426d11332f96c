import { Type, type Static } from 'typebox';
import { Body, IsoDateTime, NullableIsoDateTime } from './common.ts';

/** An API token as its owner sees it; the secret itself is shown only in the create answer. */
export const ApiTokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart' }),
  createdAt: IsoDateTime,
  expiresAt: NullableIsoDateTime,
  lastUsedAt: NullableIsoDateTime,
  revokedAt: NullableIsoDateTime,
});
export type ApiTokenView = Static<typeof ApiTokenView>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiTokenView) });
export type ApiTokenList = Static<typeof ApiTokenList>;

export const CreateApiTokenBody = Body({ name: Type.String({ maxLength: 100 }), expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])) });
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** The create answer: the view plus the secret, which is never shown again. */
export const CreatedApiToken = Type.Object({ ...ApiTokenView.properties, token: Type.String({ description: 'The secret: send it as `Authorization: Bearer <token>`' }) });
export type CreatedApiToken = Static<typeof CreatedApiToken>;
