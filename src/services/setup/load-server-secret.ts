import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { recordAudit } from '../audit.ts';
import { systemContext } from '../context.ts';

const SETTING = 'secret';

/**
 * The server secret that signs links working without sign-in: CENTRIC_SECRET when set, else the one
 * kept in `settings`. The first instance to need it generates and stores it; every other instance on
 * the same database (and every restart) reads the same value, so a link made on one works on all.
 */
export async function loadServerSecret(db: Db, configured: string | null): Promise<string> {
  if (configured) return configured;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('settings')
      .values({ key: SETTING, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    // The value itself never goes into the audit trail: anyone reading it could forge links.
    if (inserted) await recordAudit(trx, systemContext(), { action: 'settings.generate', entity: 'settings', entityId: SETTING });
    const row = await trx.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirstOrThrow();
    return row.value;
  });
}

/** Loads the secret on first use and remembers it; a failed load (database away) is retried next time. */
export function createSecretSource(db: Db, configured: string | null): () => Promise<string> {
  let pending: Promise<string> | null = null;
  return () => {
    pending ??= loadServerSecret(db, configured).catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}
