import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { listSuperiorIds } from '../../domain/org/list-superiors.ts';
import { DomainError, notFound, type DomainErrorKind } from '../../domain/shared/domain-error.ts';
import {
  canViewTicket,
  decideTicketAction,
  type TicketAction,
  type TicketActor,
  type TicketDecisionContext,
  type TicketEvent,
  type TicketNotification,
} from '../../domain/tickets/index.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { loadDepartmentNodes } from '../org/load-org.ts';
import { recordTicketSurvey } from '../surveys/record-ticket-survey.ts';
import { getTicketView } from './get-ticket-view.ts';
import type { TicketView } from './views.ts';
import { fromTicketState, toTicketState } from './ticket-row.ts';

/** The channel every instance LISTENs on for ticket changes (see src/services/live/). */
export const TICKET_CHANGES_CHANNEL = 'centric_ticket_changes';

/**
 * Appends the decision's timeline events and in-app notifications, and announces the change. NOTIFY
 * is transactional: listeners on every instance hear it only if and when the change commits.
 */
export async function insertTicketEffects(trx: Transaction<Database>, ticketId: number, events: TicketEvent[], notify: TicketNotification[]): Promise<void> {
  const announcement = JSON.stringify({ ticketId, events: events.map((e) => e.type), recipients: [...new Set(notify.map((n) => n.recipientId))] });
  await sql`select pg_notify(${TICKET_CHANGES_CHANNEL}, ${announcement})`.execute(trx);
  if (events.length > 0) {
    await trx
      .insertInto('ticket_events')
      .values(events.map((e) => ({
        ticket_id: ticketId, type: e.type, action: e.action, actor_kind: e.actorKind, actor_id: e.actorId, at: new Date(e.atMs),
        payload: JSON.stringify(e.payload), visible_to_customer: e.visibleToCustomer,
      })))
      .execute();
  }
  if (notify.length > 0) {
    await trx.insertInto('notifications').values(notify.map((n) => ({ recipient_id: n.recipientId, kind: n.kind, ticket_id: ticketId }))).execute();
  }
}

const REFUSAL_KIND: Record<string, DomainErrorKind> = { wrong_state: 'wrong_state', forbidden: 'forbidden', invalid: 'invalid', conflict: 'conflict' };

/** The facts a decision needs about the people and departments an action names. */
async function loadDecisionContext(trx: Transaction<Database>, action: TicketAction, ownerId: number | null, nowMs: number): Promise<TicketDecisionContext> {
  const context: TicketDecisionContext = { nowMs };
  if ('departmentId' in action && typeof action.departmentId === 'number') {
    const d = await trx.selectFrom('departments').select(['id', 'active', 'head_id']).where('id', '=', action.departmentId).executeTakeFirst();
    if (!d) throw new DomainError('invalid', `Department ${action.departmentId} does not exist`, 'departmentId');
    context.department = { id: d.id, active: d.active, headId: d.head_id };
  }
  const personId = 'newOwnerId' in action ? action.newOwnerId : 'handlerId' in action ? action.handlerId : null;
  if (typeof personId === 'number') {
    const s = await trx.selectFrom('staff').select(['id', 'active', 'department_id']).where('id', '=', personId).executeTakeFirst();
    const field = 'newOwnerId' in action ? 'newOwnerId' : 'handlerId';
    if (!s) throw new DomainError('invalid', `Staff member ${personId} does not exist`, field);
    context.staff = { id: s.id, active: s.active, departmentId: s.department_id };
  }
  if (action.type === 'escalate' && ownerId !== null) {
    const owner = await trx.selectFrom('staff').select(['department_id']).where('id', '=', ownerId).executeTakeFirstOrThrow();
    context.ownerSuperiorId = listSuperiorIds(await loadDepartmentNodes(trx), ownerId, owner.department_id)[0] ?? null;
  }
  return context;
}

export interface PerformTicketActionInput {
  /** Who acts, as the rules see them: a staff member (`loadStaffTicketActor`) or a customer; the same person as `ctx.actor`. */
  actor: TicketActor;
  ticketId: number;
  action: TicketAction;
  expectedVersion?: number;
  nowMs: number;
  /** More writes that must commit with the action or not at all (e.g. marking a rating link used). */
  alsoInTransaction?: (trx: Transaction<Database>, ticket: { id: number; number: string }) => Promise<void>;
}

/** A staff actor must be the signed-in staff member, a customer actor the signed-in customer. */
function assertSameActor(ctx: RequestContext, actor: TicketActor): void {
  const same = actor.kind === 'staff' ? ctx.actor.kind === 'staff' && ctx.actor.id === actor.id : ctx.actor.kind === 'customer' && ctx.actor.id === actor.customerId;
  if (!same) throw new Error('performTicketAction: the ticket actor is not the person in the request context');
}

/**
 * One action on one ticket, by a staff member or a customer: load (locked) → decide → save the new
 * state, its timeline events, notifications and audit record in one transaction. A stale
 * `expectedVersion` means someone else changed the ticket meanwhile: 409, nothing is overwritten.
 * Answers with the staff view of the ticket; the portal shows customers its own view instead.
 */
export async function performTicketAction(db: Db, ctx: RequestContext, input: PerformTicketActionInput): Promise<TicketView> {
  const { actor } = input;
  assertSameActor(ctx, actor);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tickets').selectAll().where('id', '=', input.ticketId).forUpdate().executeTakeFirst();
    const state = row ? toTicketState(row) : null;
    if (!row || !state || !canViewTicket(state, actor)) throw notFound(`No ticket with id ${input.ticketId}`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw new DomainError('stale', `Someone else changed ticket ${row.number} meanwhile (now version ${row.version}); reload it and try again.`, 'version', 'stale_version');
    }
    const context = await loadDecisionContext(trx, input.action, row.owner_id, input.nowMs);
    const decision = decideTicketAction(state, actor, input.action, context);
    if (!decision.ok) throw new DomainError(REFUSAL_KIND[decision.code] ?? 'conflict', decision.message, decision.field, decision.errorCode ?? decision.code);
    const next = fromTicketState(decision.next);
    await trx.updateTable('tickets').set({ ...next, updated_at: new Date(input.nowMs) }).where('id', '=', row.id).where('version', '=', row.version).execute();
    await insertTicketEffects(trx, row.id, decision.events, decision.notify);
    const { version: _v1, ...before } = fromTicketState(state);
    const { version: _v2, ...after } = next;
    await recordAudit(trx, ctx, { action: `ticket.${input.action.type}`, entity: 'ticket', entityId: row.id, before, after });
    // Surveys (PRODUCT.md §3): resolve opens the callback survey, callback/rate answer and credit it, reopen/close expire it.
    await recordTicketSurvey(trx, ctx, { ticketId: row.id, action: input.action, nowMs: input.nowMs });
    await input.alsoInTransaction?.(trx, { id: row.id, number: row.number });
  });
  // The actor just acted on it, so show the result even when the action took it out of their sight (a decline).
  return getTicketView(db, input.ticketId, actor, input.nowMs, { checkVisibility: false });
}
