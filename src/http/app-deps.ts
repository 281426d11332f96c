import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';

/** What the HTTP app is built from; routes receive it, so they never import app.ts (which imports them). */
export interface AppDeps {
  db: Db;
  config: Config;
  /** The clock, injectable so tests can move time (sessions, lockouts). */
  now: () => number;
  /** The database's URL, for the one LISTEN connection of live updates (GET /api/events answers 503 without it). */
  databaseUrl?: string;
  /** How long a staff session or token may be answered from memory (default 5 s; 0: read it on every request). */
  authCacheTtlMs?: number;
  /** How often live-update streams send a heartbeat and re-check the reader's session (20 s). */
  liveHeartbeatMs?: number;
}

/** The Fastify instance with the TypeBox type provider, as every route sees it. */
export type AppInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;
