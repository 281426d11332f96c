import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { diffFields } from '../domain/shared/diff-fields.ts';
import type { RequestContext } from './context.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: number | string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Appends one audit record in the caller's transaction: the change and its trace commit together. */
export async function recordAudit(
  trx: Transaction<Database> | Kysely<Database>,
  ctx: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  const { before, after } = diffFields(entry.before ?? null, entry.after ?? null);
  await trx
    .insertInto('audit_log')
    .values({
      actor_kind: ctx.actor.kind,
      // A staff id or a customer id, told apart by actor_kind.
      actor_id: ctx.actor.kind === 'system' ? null : ctx.actor.id,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      request_id: ctx.requestId,
      client_ip: ctx.clientIp,
    })
    .execute();
}
