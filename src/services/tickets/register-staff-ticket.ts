import { sql } from 'kysely';
import { prepared, type Db } from '../../db/connect.ts';
import { DomainError, invalid } from '../../domain/shared/domain-error.ts';
import { registerTicket, TICKET_TEXT_LIMITS, type StaffTicketActor } from '../../domain/tickets/index.ts';
import { customerSearchText } from '../../domain/customers/customer-search-text.ts';
import type { RegisterTicketBody } from '../../contracts/tickets.ts';
import type { RequestContext } from '../context.ts';
import { checkNewCustomer } from '../customers/create-customer.ts';
import { findIdempotentResult, hashRequest } from '../idempotency.ts';
import { requireStaff } from '../org/require-role.ts';
import { getTicketView } from './get-ticket-view.ts';
import { COMPANY_TIME_ZONE_KEY, DEFAULT_COMPANY_TIME_ZONE } from '../settings/company-settings.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { TICKET_CHANGES_CHANNEL } from './perform-ticket-action.ts';
import { buildTicketSearchText, checkTicketCategory, checkTicketText } from './register-ticket.ts';
import { fromTicketState, type TicketRow } from './ticket-row.ts';
import { toTicketView, type TicketView } from './views.ts';

export interface RegisterStaffTicketInput {
  ticket: RegisterTicketBody;
  nowMs: number;
  /** With a key, a retried request returns the first answer instead of creating a second ticket. */
  idempotencyKey?: string | null;
}

/**
 * A staff member registers a customer's request and becomes its owner (首问责任人). With an
 * Idempotency-Key, a retried request returns the first answer instead of creating a second ticket.
 *
 * This is the front desk's hot path, so everything it writes (key, customer, ticket, first event,
 * notifications, audit records, the live announcement) goes to PostgreSQL as ONE statement: a
 * single round trip and a single commit, atomic without an explicit transaction.
 */
export async function registerStaffTicket(
  db: Db,
  ctx: RequestContext,
  { ticket: input, ...options }: RegisterStaffTicketInput,
): Promise<{ status: 201 | 200; ticket: TicketView }> {
  requireStaff(ctx);
  const staff = ctx.actor;
  const subject = checkTicketText(input.subject, 'subject', 200, true);
  const description = checkTicketText(input.description, 'description', TICKET_TEXT_LIMITS.text, false);
  const contact = input.customerContact?.trim() || null;
  if (contact && contact.length > 200) throw invalid('The contact details must be at most 200 characters', 'customerContact');
  if (input.customerId && input.newCustomer) throw invalid('Give either an existing customer or a new one, not both', 'newCustomer');
  const newCustomer = input.newCustomer ? checkNewCustomer(input.newCustomer) : null;
  const categoryId = input.categoryId ?? null;
  const customerId = input.customerId ?? null;
  const priority = input.priority ?? 'normal';
  const registeredBy: StaffTicketActor = { kind: 'staff', id: staff.id, roles: staff.roles, departmentId: staff.departmentId, headOfDepartmentIds: [], departmentSubtreeIds: [], isSeniorManager: false };
  const decision = registerTicket({ registeredBy, customerId, channel: input.channel, nowMs: options.nowMs });
  if (!decision.ok) throw new DomainError(decision.code === 'invalid' ? 'invalid' : 'conflict', decision.message, decision.field);

  const key = options.idempotencyKey || null;
  const scope = `staff:${staff.id}:register-ticket`;
  const requestHash = hashRequest(input);
  const at = new Date(options.nowMs);
  const audit = { actorKind: ctx.actor.kind, actorId: staff.id, requestId: ctx.requestId, clientIp: ctx.clientIp };
  const ticketAfter = { channel: input.channel, subject, categoryId, priority, ownerId: decision.next.ownerId };
  const state = fromTicketState(decision.next);
  const events = decision.events.map((e) => ({
    type: e.type, action: e.action, actor_kind: e.actorKind, actor_id: e.actorId, at: new Date(e.atMs).toISOString(), payload: e.payload, visible_to_customer: e.visibleToCustomer,
  }));
  const notify = decision.notify.map((n) => ({ recipient_id: n.recipientId, kind: n.kind }));
  const recipients = [...new Set(decision.notify.map((n) => n.recipientId))];
  const knownText = buildTicketSearchText([subject, description, contact]);

  const { rows } = await sql<RegistrationRow>`${prepared('register-staff-ticket')}
    with checks as (
      select (${categoryId}::bigint is null or exists (select 1 from categories where id = ${categoryId}::bigint and active)) as category_ok,
             (${customerId}::bigint is null or exists (select 1 from customers where id = ${customerId}::bigint and merged_into_id is null)) as customer_ok,
             (${key}::text is not null and exists (select 1 from idempotency_keys where scope = ${scope} and key = ${key}::text)) as seen
    ),
    ids as materialized (
      -- The number's year is the company's (00:30 on 1 January in Shanghai is the new year), read here
      -- rather than in a round trip of its own: this is the hot path. The zone was checked when saved.
      select nextval(pg_get_serial_sequence('tickets', 'id')) as ticket_id, nextval('ticket_number_seq') as n,
             to_char(${at}::timestamptz at time zone coalesce((select value from settings where key = ${COMPANY_TIME_ZONE_KEY}::text), ${DEFAULT_COMPANY_TIME_ZONE}::text), 'YYYY') as y
      from checks where category_ok and customer_ok and not seen
    ),
    key_ins as (
      insert into idempotency_keys (scope, key, request_hash, status_code, response)
      select ${scope}::text, ${key}::text, ${requestHash}::text, 201, jsonb_build_object('id', ticket_id) from ids where ${key}::text is not null
      on conflict do nothing returning 1
    ),
    go as (select ticket_id, n, y from ids where ${key}::text is null or exists (select 1 from key_ins)),
    new_customer as (
      insert into customers (kind, name, organisation, phones, emails, department_id, search_text)
      select ${newCustomer?.kind ?? null}::text, ${newCustomer?.name ?? null}::text, ${newCustomer?.organisation ?? null}::text, ${newCustomer?.phones ?? []}::text[],
             ${newCustomer?.emails ?? []}::text[], ${newCustomer?.departmentId ?? null}::bigint, ${newCustomer ? customerSearchText(newCustomer) : ''}::text
      from go where ${newCustomer !== null}::boolean
      returning id, name, organisation
    ),
    customer as (
      select id, name, organisation from new_customer
      union all select id, name, organisation from customers where id = ${customerId}::bigint
    ),
    ticket as (
      insert into tickets (id, number, status, channel, category_id, priority, subject, description, customer_id, customer_name, customer_organisation,
        customer_contact, owner_id, owner_department_id, reopen_count, version, search_text, created_by_kind, created_by_id, created_at, updated_at)
      overriding system value
      select go.ticket_id, go.y || '-' || lpad(go.n::text, greatest(6, length(go.n::text)), '0'), ${state.status}::text, ${input.channel}::text, ${categoryId}::bigint, ${priority}::text,
        ${subject}::text, ${description}::text, c.id, c.name, c.organisation, ${contact}::text, ${state.owner_id}::bigint, ${state.owner_department_id}::bigint, ${state.reopen_count}::int, ${state.version}::int,
        concat_ws(' ', go.y || '-' || lpad(go.n::text, greatest(6, length(go.n::text)), '0'), nullif(${knownText}::text, ''), lower(c.name), lower(c.organisation)),
        'staff', ${staff.id}::bigint, ${at}::timestamptz, ${at}::timestamptz
      from go left join customer c on true
      returning *
    ),
    event_ins as (
      insert into ticket_events (ticket_id, type, action, actor_kind, actor_id, at, payload, visible_to_customer)
      select t.id, e.type, e.action, e.actor_kind, e.actor_id, e.at, e.payload, e.visible_to_customer
      from ticket t cross join jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
        as e(type text, action text, actor_kind text, actor_id bigint, at timestamptz, payload jsonb, visible_to_customer boolean)
    ),
    notify_ins as (
      insert into notifications (recipient_id, kind, ticket_id)
      select n.recipient_id, n.kind, t.id from ticket t cross join jsonb_to_recordset(${JSON.stringify(notify)}::jsonb) as n(recipient_id bigint, kind text)
    ),
    audit_ins as (
      insert into audit_log (actor_kind, actor_id, action, entity, entity_id, before, after, request_id, client_ip)
      select ${audit.actorKind}::text, ${audit.actorId}::bigint, 'customer.create', 'customer', nc.id::text, null::jsonb,
             jsonb_build_object('kind', ${newCustomer?.kind ?? null}::text, 'name', nc.name, 'organisation', nc.organisation,
               'phones', to_jsonb(${newCustomer?.phones ?? []}::text[]), 'emails', to_jsonb(${newCustomer?.emails ?? []}::text[])),
             ${audit.requestId}::text, ${audit.clientIp}::text
      from new_customer nc
      union all
      select ${audit.actorKind}::text, ${audit.actorId}::bigint, 'ticket.register', 'ticket', t.id::text, null::jsonb,
             ${JSON.stringify(ticketAfter)}::jsonb || jsonb_build_object('number', t.number, 'customerId', t.customer_id),
             ${audit.requestId}::text, ${audit.clientIp}::text
      from ticket t
    )
    select checks.category_ok, checks.customer_ok, t.*, cat.name as category_name,
      -- The owner is the registering staff member: looked up by its key (a join on t.owner_id was planned as a scan of all staff).
      (select name from staff where id = ${staff.id}::bigint and t.id is not null) as owner_name,
      (select coalesce(array_agg(d.id order by d.id), '{}') from departments d where d.head_id = ${staff.id}::bigint) as head_of,
      (with recursive sub as (
         select id from departments where id = ${staff.departmentId}::bigint
         union all select d.id from departments d join sub on d.parent_id = sub.id
       ) select coalesce(array_agg(id), '{}') from sub) as subtree,
      (select senior_manager from staff where id = ${staff.id}::bigint) as senior_manager,
      -- Announced only when a ticket was written: a replay or a refused category changed nothing.
      (select pg_notify(${TICKET_CHANGES_CHANNEL}::text, json_build_object('ticketId', t.id, 'events', ${JSON.stringify(events.map((e) => e.type))}::json,
         'recipients', ${JSON.stringify(recipients)}::json)::text) where t.id is not null) as announced
    from checks
    left join ticket t on true
    left join categories cat on cat.id = t.category_id
  `.execute(db);
  const row = rows[0]!;
  if (!row.category_ok) {
    await checkTicketCategory(db, categoryId);
    throw invalid('That category cannot be used', 'categoryId');
  }
  if (!row.customer_ok) throw invalid(`Customer ${customerId} does not exist`, 'customerId');
  if (row.id === null) {
    // The key was used before (or by a retry racing this one, which has now committed): answer as the first call did.
    const earlier = await findIdempotentResult(db, { scope, key, requestHash });
    if (!earlier) throw new Error('registerStaffTicket: inserted nothing and found no earlier result');
    return { status: 200, ticket: await getTicketView(db, earlier.id, await loadStaffTicketActor(db, ctx), options.nowMs) };
  }
  // bigint[] arrives as strings (only scalar int8 has a number parser); the rules compare numbers.
  const viewer: StaffTicketActor = { ...registeredBy, headOfDepartmentIds: row.head_of.map(Number), departmentSubtreeIds: row.subtree.map(Number), isSeniorManager: row.senior_manager };
  return { status: 201, ticket: toTicketView({ ...row, handler_name: null, handler_department_name: null }, viewer, options.nowMs) };
}

type RegistrationRow = TicketRow & {
  category_ok: boolean;
  customer_ok: boolean;
  category_name: string | null;
  owner_name: string | null;
  head_of: (number | string)[];
  subtree: (number | string)[];
  senior_manager: boolean;
};
