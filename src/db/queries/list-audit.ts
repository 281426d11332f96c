import type { AuditPage } from '../../contracts/audit.ts';
import type { Db } from '../connect.ts';
import { decodeCursor, toPage } from './keyset.ts';

export type { AuditRecord } from '../../contracts/audit.ts';

export interface ListAuditQuery {
  entity?: string;
  entityId?: string;
  actorId?: number;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

/** Newest first, a page at a time. */
export async function listAudit(db: Db, query: ListAuditQuery): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  // actor_id is a staff id or a customer id, depending on actor_kind.
  let q = db
    .selectFrom('audit_log')
    .leftJoin('staff', (j) => j.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_kind', '=', 'staff'))
    .leftJoin('customers', (j) => j.onRef('customers.id', '=', 'audit_log.actor_id').on('audit_log.actor_kind', '=', 'customer'))
    .select((eb) => [
      'audit_log.id', 'audit_log.at', 'audit_log.actor_kind', 'audit_log.actor_id', eb.fn.coalesce('staff.name', 'customers.name').as('actor_name'), 'audit_log.action',
      'audit_log.entity', 'audit_log.entity_id', 'audit_log.before', 'audit_log.after', 'audit_log.request_id', 'audit_log.client_ip',
    ]);
  if (query.entity) q = q.where('audit_log.entity', '=', query.entity);
  if (query.entityId) q = q.where('audit_log.entity_id', '=', query.entityId);
  if (query.actorId !== undefined) q = q.where('audit_log.actor_kind', '=', 'staff').where('audit_log.actor_id', '=', query.actorId);
  if (query.from) q = q.where('audit_log.at', '>=', query.from);
  if (query.to) q = q.where('audit_log.at', '<', query.to);
  const after = decodeCursor(query.cursor, 1);
  if (after) q = q.where('audit_log.id', '<', Number(after[0]));
  const rows = await q.orderBy('audit_log.id', 'desc').limit(limit + 1).execute();
  return toPage(
    rows.map((r) => ({
      id: r.id, at: r.at.toISOString(), actorKind: r.actor_kind, actorId: r.actor_id, actorName: r.actor_name, action: r.action,
      entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after, requestId: r.request_id, clientIp: r.client_ip,
    })),
    limit,
    (r) => [r.id],
  );
}
