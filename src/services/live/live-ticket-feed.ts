import type { Db } from '../../db/connect.ts';
import { canViewTicket, type StaffTicketActor, type TicketViewFacts } from '../../domain/tickets/index.ts';
import type { HubSignal, TicketChange, TicketChangeHub } from './ticket-change-hub.ts';

export type LiveMessage =
  /** The subscriber's stream is connected to the change feed: from now on nothing is missed. */
  | { type: 'ready' }
  /** Changes may have been missed (the database connection was lost or the feed fell behind): refetch. */
  | { type: 'resync' }
  | { type: 'ticket'; ticketId: number; events: string[] }
  | { type: 'notification'; ticketId: number; events: string[] };

export interface LiveSubscription {
  /** Replaces the facts visibility is decided on (roles and departments change). */
  setActor(actor: StaffTicketActor): void;
  unsubscribe(): void;
}

export interface LiveTicketFeed {
  subscribe(actor: StaffTicketActor, send: (message: LiveMessage) => void): LiveSubscription;
  readonly size: number;
  readonly hub: TicketChangeHub;
}

interface Subscriber {
  actor: StaffTicketActor;
  send: (message: LiveMessage) => void;
  ready: boolean;
}

/** More changes than this waiting for their visibility check: drop them and tell everyone to refetch. */
const MAX_PENDING = 10_000;

const seesEverything = (a: StaffTicketActor) => a.roles.includes('admin') || a.roles.includes('office') || a.isSeniorManager;

/**
 * Per-subscriber filtering of the hub's changes, so a stream never names a ticket its reader may not
 * see. Visibility is decided by the domain's own `canViewTicket` on the ticket as it is after the
 * change, against each subscriber's actor (loaded when the stream opens, refreshed by the route at
 * every heartbeat). The facts come from one primary-key query per batch of changes, shared by all
 * subscribers of the process, and only when some subscriber needs them (admins see everything).
 * Notifications go to the people the change named as recipients: they see the same in
 * GET /api/notifications.
 *
 * A person who lost sight of a ticket through this very change (e.g. it was handed away from their
 * department) is not told about it unless notified; their queue catches up at the next refetch.
 * Changes are checked one batch at a time, in NOTIFY order, so each stream sees them in commit order.
 */
export function createLiveTicketFeed(db: Db, hub: TicketChangeHub, log?: { warn(obj: object, msg: string): void }): LiveTicketFeed {
  const subscribers = new Set<Subscriber>();
  let pending: TicketChange[] = [];
  let draining = false;
  let unsubscribeHub: (() => void) | null = null;

  const deliver = (s: Subscriber, message: LiveMessage) => {
    try {
      s.send(message);
    } catch (err) {
      log?.warn({ err }, 'live updates: could not write to a stream');
    }
  };
  const broadcast = (message: LiveMessage) => {
    for (const s of subscribers) if (s.ready) deliver(s, message);
  };

  async function loadFacts(ids: number[]): Promise<Map<number, TicketViewFacts>> {
    const rows = await db
      .selectFrom('tickets')
      .select(['id', 'status', 'customer_id', 'owner_id', 'owner_department_id', 'handler_id', 'handler_department_id', 'escalated_to_id'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, {
      status: r.status as TicketViewFacts['status'], customerId: r.customer_id, ownerId: r.owner_id, ownerDepartmentId: r.owner_department_id,
      handlerId: r.handler_id, handlerDepartmentId: r.handler_department_id, escalatedToId: r.escalated_to_id,
    }]));
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        const ready = [...subscribers].filter((s) => s.ready);
        if (ready.length === 0) continue;
        const needFacts = ready.some((s) => !seesEverything(s.actor)) ? new Set(batch.map((c) => c.ticketId)) : new Set<number>();
        let facts: Map<number, TicketViewFacts>;
        try {
          facts = needFacts.size > 0 ? await loadFacts([...needFacts]) : new Map();
        } catch (err) {
          // Without the facts nothing may be sent; a refetch later goes through the normal checks.
          log?.warn({ err }, 'live updates: could not check visibility; asking streams to refetch');
          broadcast({ type: 'resync' });
          continue;
        }
        for (const change of batch) {
          const ticketFacts = facts.get(change.ticketId);
          for (const s of ready) {
            if (!subscribers.has(s)) continue;
            if (seesEverything(s.actor) || (ticketFacts && canViewTicket(ticketFacts, s.actor))) {
              deliver(s, { type: 'ticket', ticketId: change.ticketId, events: change.events });
            }
            if (change.recipients.includes(s.actor.id)) deliver(s, { type: 'notification', ticketId: change.ticketId, events: change.events });
          }
        }
      }
    } finally {
      draining = false;
    }
  }

  const onHub = (signal: HubSignal) => {
    if (signal.type === 'listening') {
      for (const s of subscribers) {
        deliver(s, s.ready && signal.resumed ? { type: 'resync' } : { type: 'ready' });
        s.ready = true;
      }
      return;
    }
    if (signal.type !== 'change' || subscribers.size === 0) return;
    if (pending.length >= MAX_PENDING) {
      pending = [];
      broadcast({ type: 'resync' });
      return;
    }
    pending.push(signal.change);
    if (!draining) void drain();
  };

  return {
    hub,
    get size() {
      return subscribers.size;
    },
    subscribe(actor, send) {
      const s: Subscriber = { actor, send, ready: false };
      subscribers.add(s);
      unsubscribeHub ??= hub.subscribe(onHub);
      if (hub.listening) {
        s.ready = true;
        deliver(s, { type: 'ready' });
      }
      return {
        setActor(next) {
          s.actor = next;
        },
        unsubscribe() {
          subscribers.delete(s);
        },
      };
    },
  };
}
