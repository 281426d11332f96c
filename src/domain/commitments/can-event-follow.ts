import type { TicketEventType } from '../tickets/ticket-event.ts';
import type { TicketStatus } from '../tickets/ticket-state.ts';

/** Timeline events a clock may start or stop on (waiting, notes and the like measure nothing). */
export const CLOCK_EVENTS = [
  'registered',
  'picked_up',
  'taken',
  'handed_over',
  'assigned',
  'accepted',
  'contact_logged',
  'replied',
  'escalated',
  'instructed',
  'resolved',
  'called_back',
  'customer_confirmed',
  'customer_rated',
  'closed',
  'reopened',
] as const satisfies readonly TicketEventType[];
export type ClockEvent = (typeof CLOCK_EVENTS)[number];

const OPEN: readonly TicketStatus[] = ['registered', 'in_progress', 'handed_over', 'escalated', 'waiting', 'resolved', 'called_back', 'refused'];

/**
 * Which statuses each event can happen in and where it leaves the ticket (`null`: where it was),
 * read from the lifecycle rules in domain/tickets (check-ticket-action, decide-ticket-action).
 */
const TRANSITIONS: Record<ClockEvent, { from: readonly TicketStatus[]; to: readonly TicketStatus[] | null }> = {
  registered: { from: [], to: ['new', 'registered'] },
  picked_up: { from: ['new'], to: ['registered'] },
  taken: { from: ['registered', 'handed_over'], to: ['in_progress'] },
  handed_over: { from: ['registered', 'in_progress', 'handed_over'], to: ['handed_over'] },
  assigned: { from: ['handed_over'], to: ['handed_over', 'in_progress'] },
  accepted: { from: ['handed_over'], to: ['in_progress'] },
  contact_logged: { from: OPEN, to: null },
  replied: { from: ['new', ...OPEN], to: null },
  escalated: { from: ['registered', 'in_progress', 'handed_over'], to: ['escalated'] },
  instructed: { from: ['escalated'], to: ['registered', 'in_progress', 'handed_over'] },
  resolved: { from: ['registered', 'in_progress'], to: ['resolved'] },
  called_back: { from: ['resolved'], to: ['called_back'] },
  customer_confirmed: { from: ['resolved'], to: ['resolved'] },
  customer_rated: { from: ['resolved'], to: ['called_back'] },
  closed: { from: ['resolved', 'called_back', 'refused'], to: ['closed'] },
  reopened: { from: ['resolved', 'called_back', 'closed'], to: ['registered', 'in_progress'] },
};

/** Moves that are not clock events but change the status (declines, waits, refusals…). */
const OTHER_MOVES: { from: readonly TicketStatus[]; to: readonly TicketStatus[] }[] = [
  { from: ['handed_over', 'in_progress'], to: ['registered'] }, // declined
  { from: ['registered', 'in_progress'], to: ['waiting'] }, // waiting_started
  { from: ['waiting'], to: ['registered', 'in_progress'] }, // resumed
  { from: ['registered', 'in_progress', 'handed_over'], to: ['refused'] }, // refused
  { from: ['refused'], to: ['registered'] }, // exception_approved
];

function reachableAfter(event: ClockEvent): Set<TicketStatus> {
  const start = TRANSITIONS[event];
  const seen = new Set<TicketStatus>(start.to ?? start.from);
  const queue = [...seen];
  const moves = [...Object.values(TRANSITIONS).filter((t) => t.to !== null).map((t) => ({ from: t.from, to: t.to! })), ...OTHER_MOVES];
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const move of moves) {
      if (!move.from.includes(status)) continue;
      for (const next of move.to) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return seen;
}

/**
 * Whether `stop` can happen some time after `start` on one ticket's timeline. The lifecycle loops
 * (reopen), so almost anything can follow anything; what cannot is registration (it happens
 * once, first), picking up a portal ticket after anything but its registration, and the same event
 * measuring itself.
 */
export function canEventFollow(start: ClockEvent, stop: ClockEvent): boolean {
  if (start === stop) return false;
  const reachable = reachableAfter(start);
  return TRANSITIONS[stop].from.some((status) => reachable.has(status));
}

export function isClockEvent(value: unknown): value is ClockEvent {
  return typeof value === 'string' && (CLOCK_EVENTS as readonly string[]).includes(value);
}
