import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Database } from '../../db/schema.ts';
import { conflict, DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { registerTicket, TICKET_TEXT_LIMITS, type TicketChannel } from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { createCustomerIn, type NewCustomerInput } from './customers.ts';
import { fromTicketState } from './ticket-row.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { getTicketView, type TicketView } from './get-ticket.ts';
import { insertTicketEffects } from './perform-ticket-action.ts';
import type { Transaction } from 'kysely';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface RegisterTicketInput {
  channel: TicketChannel;
  subject: string;
  description?: string;
  categoryId?: number | null;
  priority?: Priority;
  customerId?: number | null;
  /** Create the customer inline while registering (search found nobody). */
  newCustomer?: NewCustomerInput | null;
  /** How to reach the customer about this matter, as they told it (the paper form's "contact"). */
  customerContact?: string | null;
}

/** Lower-cased text the trigram index searches: number, subject, description, customer. */
export function buildTicketSearchText(parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase();
}

function text(value: string | undefined | null, field: string, max: number, required: boolean): string {
  const trimmed = (value ?? '').trim();
  if (required && !trimmed) throw invalid(`Please fill in "${field}": it must not be empty`, field);
  if (trimmed.length > max) throw invalid(`"${field}" must be at most ${max} characters (it has ${trimmed.length})`, field);
  return trimmed;
}

/**
 * A staff member registers a customer's request and becomes its owner (首问责任人). With an
 * Idempotency-Key, a retried request returns the first answer instead of creating a second ticket.
 */
export async function registerStaffTicket(
  db: Db,
  ctx: RequestContext,
  input: RegisterTicketInput,
  options: { nowMs: number; idempotencyKey?: string | null },
): Promise<{ status: 201 | 200; ticket: TicketView }> {
  const actor = await loadStaffTicketActor(db, ctx);
  const subject = text(input.subject, 'subject', 200, true);
  const description = text(input.description, 'description', TICKET_TEXT_LIMITS.text, false);
  const contact = input.customerContact?.trim() || null;
  if (contact && contact.length > 200) throw invalid('The contact details must be at most 200 characters', 'customerContact');
  if (input.customerId && input.newCustomer) throw invalid('Give either an existing customer or a new one, not both', 'newCustomer');
  if (input.categoryId) {
    const category = await db.selectFrom('categories').select(['active']).where('id', '=', input.categoryId).executeTakeFirst();
    if (!category) throw invalid(`Category ${input.categoryId} does not exist`, 'categoryId');
    if (!category.active) throw invalid('That category is no longer in use; choose another', 'categoryId');
  }
  if (input.customerId) {
    const exists = await db.selectFrom('customers').select('id').where('id', '=', input.customerId).executeTakeFirst();
    if (!exists) throw invalid(`Customer ${input.customerId} does not exist`, 'customerId');
  }

  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
  const scope = `staff:${actor.id}:register-ticket`;
  const replay = async () => {
    if (!options.idempotencyKey) return null;
    const stored = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', options.idempotencyKey).executeTakeFirst();
    if (!stored) return null;
    if (stored.request_hash !== requestHash) {
      throw conflict('This Idempotency-Key was already used for a different request; use a new key', 'Idempotency-Key', 'idempotency_key_reused');
    }
    const id = (stored.response as { id: number }).id;
    return { status: 200 as const, ticket: await getTicketView(db, id) };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  try {
    const id = await db.transaction().execute(async (trx) => {
      let customerId = input.customerId ?? null;
      let customer: { name: string; organisation: string | null } | null = null;
      if (input.newCustomer) {
        const created = await createCustomerIn(trx, ctx, input.newCustomer);
        customerId = created.id;
      }
      if (customerId) {
        customer = await trx.selectFrom('customers').select(['name', 'organisation']).where('id', '=', customerId).executeTakeFirstOrThrow();
      }
      const decision = registerTicket({ registeredBy: actor, customerId, channel: input.channel, nowMs: options.nowMs });
      if (!decision.ok) throw new DomainError(decision.code === 'invalid' ? 'invalid' : 'conflict', decision.message, decision.field);
      const number = await nextTicketNumber(trx, options.nowMs);
      const row = await trx
        .insertInto('tickets')
        .values({
          ...fromTicketState(decision.next),
          number,
          channel: input.channel,
          category_id: input.categoryId ?? null,
          priority: input.priority ?? 'normal',
          subject,
          description,
          customer_name: customer?.name ?? null,
          customer_organisation: customer?.organisation ?? null,
          customer_contact: contact,
          search_text: buildTicketSearchText([number, subject, description, customer?.name, customer?.organisation, contact]),
          created_by_kind: 'staff',
          created_by_id: actor.id,
          created_at: new Date(options.nowMs),
          updated_at: new Date(options.nowMs),
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      await insertTicketEffects(trx, row.id, decision.events, decision.notify);
      await recordAudit(trx, ctx, {
        action: 'ticket.register', entity: 'ticket', entityId: row.id, before: null,
        after: { number, channel: input.channel, subject, categoryId: input.categoryId ?? null, priority: input.priority ?? 'normal', customerId, ownerId: actor.id },
      });
      if (options.idempotencyKey) {
        await trx.insertInto('idempotency_keys').values({ scope, key: options.idempotencyKey, request_hash: requestHash, status_code: 201, response: JSON.stringify({ id: row.id }) }).execute();
      }
      return row.id;
    });
    return { status: 201, ticket: await getTicketView(db, id) };
  } catch (err) {
    // Two copies of the same request raced: the loser answers with the winner's ticket.
    if (isUniqueViolation(err, 'idempotency_keys_pkey')) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw err;
  }
}

/** e.g. 2026-000123: the year of registration (UTC) and a database sequence shared by all instances. */
async function nextTicketNumber(trx: Transaction<Database>, nowMs: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('ticket_number_seq') as n`.execute(trx);
  return `${new Date(nowMs).getUTCFullYear()}-${String(rows[0]!.n).padStart(6, '0')}`;
}
