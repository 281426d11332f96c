import { randomBytes } from 'node:crypto';
import type { CreateApiTokenBody, CreatedApiToken } from '../../contracts/api-tokens.ts';
import type { Db } from '../../db/connect.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext, StaffActor } from '../context.ts';
import { API_TOKEN_PREFIX } from './api-token-prefix.ts';
import { sha256 } from './sha256.ts';
import { toApiTokenView } from './views.ts';

/** Creates a token for the acting user; the secret is returned here once and only its hash is kept. */
export async function createApiToken(db: Db, ctx: RequestContext & { actor: StaffActor }, input: CreateApiTokenBody & { nowMs: number }): Promise<CreatedApiToken> {
  const name = input.name.trim();
  if (!name) throw invalid('Give the token a name, e.g. "hotline integration"', 'name');
  if (name.length > 100) throw invalid('The name must be at most 100 characters', 'name');
  let expiresAt: Date | null = null;
  if (input.expiresAt) {
    expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime())) throw invalid('The expiry is not a valid date', 'expiresAt');
    if (expiresAt.getTime() <= input.nowMs) throw invalid('The expiry must be in the future', 'expiresAt');
  }
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ staff_id: ctx.actor.id, name, token_hash: sha256(token), prefix: token.slice(0, 10), expires_at: expiresAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'api_token.create', entity: 'api_token', entityId: row.id, after: { name, prefix: row.prefix, expiresAt: row.expires_at } });
    return { ...toApiTokenView(row), token };
  });
}
