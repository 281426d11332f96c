import type { Db } from '../db/connect.ts';
import type { Page } from '../db/queries/keyset.ts';
import { listAudit, type AuditRecord, type ListAuditQuery } from '../db/queries/list-audit.ts';

export type { AuditRecord, ListAuditQuery };

/**
 * The audit trail a page at a time, newest first. The query is a plain read in db/queries; routes
 * reach the database only through services, so the audit route calls this (its admin check stays
 * in the route, before the dates are read).
 */
export function listAuditTrail(db: Db, query: ListAuditQuery): Promise<Page<AuditRecord>> {
  return listAudit(db, query);
}
