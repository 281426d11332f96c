import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { formatTicketNumber, registerTicket, type TicketActor, type TicketChannel, type TicketPriority } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import { loadCompanyTimeZone } from '../settings/company-settings.ts';
import type { RequestContext } from '../context.ts';
import { fromTicketState } from './ticket-row.ts';
import { insertTicketEffects } from './perform-ticket-action.ts';

// Commitments import the priority list from here; it lives in the domain.
export { TICKET_PRIORITIES as PRIORITIES, type TicketPriority as Priority } from '../../domain/tickets/index.ts';

/** Lower-cased text the trigram index searches: number, subject, description, customer. */
export function buildTicketSearchText(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

/** Trimmed text within `max` characters; empty is refused when `required`. */
export function checkTicketText(value: string | undefined | null, field: string, max: number, required: boolean): string {
  const trimmed = (value ?? '').trim();
  if (required && !trimmed) throw invalid(`Please fill in "${field}": it must not be empty`, field);
  if (trimmed.length > max) throw invalid(`"${field}" must be at most ${max} characters (it has ${trimmed.length})`, field);
  return trimmed;
}

/** A category a new ticket may be filed under: it exists and is still in use. */
export async function checkTicketCategory(db: Db, categoryId: number | null | undefined): Promise<void> {
  if (!categoryId) return;
  const category = await db.selectFrom('categories').select(['active']).where('id', '=', categoryId).executeTakeFirst();
  if (!category) throw invalid(`Category ${categoryId} does not exist`, 'categoryId');
  if (!category.active) throw invalid('That category is no longer in use; choose another', 'categoryId');
}

/** The content of a new ticket beside its lifecycle state. */
export interface NewTicketContent {
  channel: TicketChannel;
  subject: string;
  description: string;
  categoryId: number | null;
  priority: TicketPriority;
  customerId: number | null;
  /** How to reach the customer about this matter (the paper form's "contact"). */
  customerContact: string | null;
}

/**
 * Writes a registered ticket in the caller's transaction: the row (with the customer's name and
 * organisation as they are now), its first timeline event and the audit record. Staff and portal
 * registrations both end here, so a ticket is stored the same way whoever started it.
 */
export async function insertRegisteredTicket(
  trx: Transaction<Database>,
  ctx: RequestContext,
  input: { registeredBy: TicketActor; content: NewTicketContent; nowMs: number },
): Promise<number> {
  const { content, registeredBy, nowMs } = input;
  const decision = registerTicket({ registeredBy, customerId: content.customerId, channel: content.channel, nowMs });
  if (!decision.ok) throw new DomainError(decision.code === 'invalid' ? 'invalid' : 'conflict', decision.message, decision.field);
  const customerId = decision.next.customerId;
  const customer = customerId
    ? await trx.selectFrom('customers').select(['name', 'organisation']).where('id', '=', customerId).executeTakeFirstOrThrow()
    : null;
  const number = await nextTicketNumber(trx, nowMs);
  const { subject, description, customerContact: contact } = content;
  const row = await trx
    .insertInto('tickets')
    .values({
      ...fromTicketState(decision.next),
      number,
      channel: content.channel,
      category_id: content.categoryId,
      priority: content.priority,
      subject,
      description,
      customer_name: customer?.name ?? null,
      customer_organisation: customer?.organisation ?? null,
      customer_contact: contact,
      search_text: buildTicketSearchText([number, subject, description, customer?.name, customer?.organisation, contact]),
      created_by_kind: registeredBy.kind,
      created_by_id: registeredBy.kind === 'staff' ? registeredBy.id : registeredBy.customerId,
      created_at: new Date(nowMs),
      updated_at: new Date(nowMs),
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  await insertTicketEffects(trx, row.id, decision.events, decision.notify);
  await recordAudit(trx, ctx, {
    action: 'ticket.register', entity: 'ticket', entityId: row.id, before: null,
    after: { number, channel: content.channel, subject, categoryId: content.categoryId, priority: content.priority, customerId, ownerId: decision.next.ownerId },
  });
  return row.id;
}

/** e.g. 2027-000123: the year of registration in the company's time zone and a database sequence shared by all instances. */
async function nextTicketNumber(trx: Transaction<Database>, nowMs: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('ticket_number_seq') as n`.execute(trx);
  return formatTicketNumber(nowMs, await loadCompanyTimeZone(trx), rows[0]!.n);
}
