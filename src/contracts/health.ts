import { Type, type Static } from 'typebox';

/** The health answer, the same shape with 200 (all well) and 503 (the database did not answer). */
export const HealthStatus = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
});
export type HealthStatus = Static<typeof HealthStatus>;
