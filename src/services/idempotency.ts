import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Database } from '../db/schema.ts';
import { conflict } from '../domain/shared/domain-error.ts';

export interface IdempotencyOptions {
  /** Whose keys these are and for what, e.g. `staff:12:register-ticket`: keys never collide across people. */
  scope: string;
  /** The client's Idempotency-Key; null or empty: no protection, every call creates. */
  key: string | null | undefined;
  /** The request as received: the same key with a different request is refused, not replayed. */
  request: unknown;
}

/**
 * Creates something at most once per Idempotency-Key. `create` runs in a transaction that also
 * stores the key, so the record and the key commit together; a retry (even one racing the first
 * call on another instance) gets the first call's id back with `replayed: true`.
 */
export async function createOnce(
  db: Db,
  options: IdempotencyOptions,
  create: (trx: Transaction<Database>) => Promise<number>,
): Promise<{ id: number; replayed: boolean }> {
  const key = options.key || null;
  const requestHash = hashRequest(options.request);
  const replay = () => findIdempotentResult(db, { scope: options.scope, key, requestHash });
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    const id = await db.transaction().execute(async (trx) => {
      const created = await create(trx);
      if (key) {
        await trx.insertInto('idempotency_keys').values({ scope: options.scope, key, request_hash: requestHash, status_code: 201, response: JSON.stringify({ id: created }) }).execute();
      }
      return created;
    });
    return { id, replayed: false };
  } catch (err) {
    // Two copies of the same request raced: the loser answers with the winner's record.
    if (isUniqueViolation(err, 'idempotency_keys_pkey')) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw err;
  }
}

/** The fingerprint stored beside a key, so the same key with a different request is told apart. */
export function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** The id an earlier call with this key created, or null; the same key with another request is a 409. */
export async function findIdempotentResult(
  db: Db,
  options: { scope: string; key: string | null; requestHash: string },
): Promise<{ id: number; replayed: true } | null> {
  if (!options.key) return null;
  const stored = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', options.scope).where('key', '=', options.key).executeTakeFirst();
  if (!stored) return null;
  if (stored.request_hash !== options.requestHash) {
    throw conflict('This Idempotency-Key was already used for a different request; use a new key', 'Idempotency-Key', 'idempotency_key_reused');
  }
  return { id: (stored.response as { id: number }).id, replayed: true };
}
