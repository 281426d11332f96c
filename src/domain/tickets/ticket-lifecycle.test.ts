import { describe, expect, it } from 'vitest';
import { canSeeEvent } from './can-see-event.ts';
import { decideTicketAction } from './decide-ticket-action.ts';
import { listAvailableActions } from './list-available-actions.ts';
import { registerTicket } from './register-ticket.ts';
import type { TicketAction } from './ticket-action.ts';
import type { TicketActor } from './ticket-actor.ts';
import type { TicketDecision, TicketDecisionContext, TicketSuccess } from './ticket-decision.ts';
import type { TicketEvent } from './ticket-event.ts';
import type { TicketState } from './ticket-state.ts';
import { ACTORS, DAY_MS, NOW_MS } from './ticket-test-fixtures.ts';

const MINUTE_MS = 60_000;

function expectOk(decision: TicketDecision): TicketSuccess {
  if (!decision.ok) throw new Error(`expected success, got ${decision.code}: ${decision.message}`);
  return decision;
}

/** Plays a ticket's story step by step, like the service would: load → decide → save. */
class TicketStory {
  state: TicketState;
  readonly timeline: TicketEvent[] = [];
  nowMs: number;

  constructor(registeredBy: TicketActor, channel: 'phone' | 'web', nowMs = NOW_MS) {
    const first = expectOk(registerTicket({ registeredBy, customerId: 500, channel, nowMs }));
    this.state = first.next;
    this.timeline.push(...first.events);
    this.nowMs = nowMs;
  }

  later(ms: number): this {
    this.nowMs += ms;
    return this;
  }

  do(actor: TicketActor, action: TicketAction, context: Omit<TicketDecisionContext, 'nowMs'> = {}): TicketSuccess {
    const decision = expectOk(decideTicketAction(this.state, actor, action, { nowMs: this.nowMs, ...context }));
    expect(decision.next.version).toBe(this.state.version + 1);
    this.state = decision.next;
    this.timeline.push(...decision.events);
    return decision;
  }

  attempt(actor: TicketActor, action: TicketAction, context: Omit<TicketDecisionContext, 'nowMs'> = {}): TicketDecision {
    return decideTicketAction(this.state, actor, action, { nowMs: this.nowMs, ...context });
  }

  types(): string[] {
    return this.timeline.map((e) => e.type);
  }

  customerView(): string[] {
    return this.timeline.filter((e) => canSeeEvent(e, ACTORS.customer)).map((e) => e.type);
  }
}

const billing = { id: 20, active: true, headId: 3 };
const handlerFacts = { id: 2, active: true, departmentId: 20 };

describe('ticket lifecycle scenarios', () => {
  it('a phone request: registered → handed to a handler → accepted → contact → resolved → called back → closed', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    expect(story.state).toMatchObject({ status: 'registered', ownerId: 1, ownerDepartmentId: 10, customerId: 500, version: 1 });
    expect(listAvailableActions(story.state, ACTORS.owner, story.nowMs)).toEqual([
      'take', 'hand-over', 'contact', 'note', 'reply', 'wait', 'escalate', 'refuse', 'resolve',
    ]);

    const handed = story.later(5 * MINUTE_MS).do(ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 2 }, { department: billing, staff: handlerFacts });
    expect(story.state).toMatchObject({ status: 'handed_over', handlerId: 2, handlerDepartmentId: 20, handedOverAtMs: story.nowMs });
    expect(handed.notify).toEqual([{ recipientId: 2, kind: 'handed_to_you' }]);
    expect(listAvailableActions(story.state, ACTORS.handler, story.nowMs)).toEqual(['accept', 'decline', 'contact', 'note', 'reply']);

    const accepted = story.later(20 * MINUTE_MS).do(ACTORS.handler, { type: 'accept' });
    expect(accepted.notify).toEqual([{ recipientId: 1, kind: 'accepted' }]);
    expect(story.state).toMatchObject({ status: 'in_progress', acceptedAtMs: story.nowMs });

    story.later(10 * MINUTE_MS).do(ACTORS.handler, { type: 'contact', channel: 'phone', summary: 'Confirmed the double charge' });
    const resolved = story.later(DAY_MS).do(ACTORS.handler, { type: 'resolve', result: 'Refunded 42.00' });
    expect(resolved.notify).toEqual([{ recipientId: 1, kind: 'callback_due' }]);
    expect(story.state).toMatchObject({ status: 'resolved', result: 'Refunded 42.00', resolvedAtMs: story.nowMs });
    expect(listAvailableActions(story.state, ACTORS.owner, story.nowMs)).toEqual(['contact', 'note', 'reply', 'callback', 'reopen']);

    const calledBack = story.later(2 * 60 * MINUTE_MS).do(ACTORS.owner, { type: 'callback', satisfaction: 5, comment: 'Very quick', channel: 'phone' });
    expect(calledBack.notify).toEqual([{ recipientId: 2, kind: 'satisfaction_recorded' }]);
    expect(story.state).toMatchObject({ status: 'called_back', satisfaction: 5 });

    story.do(ACTORS.owner, { type: 'close' });
    expect(story.state).toMatchObject({ status: 'closed', closedAtMs: story.nowMs, version: 7 });
    expect(story.types()).toEqual(['registered', 'handed_over', 'accepted', 'contact_logged', 'resolved', 'called_back', 'closed']);
    expect(story.customerView()).toEqual(['registered', 'resolved', 'called_back', 'closed']);
  });

  it('the owner answers a question in one go: registered → resolved → called back → closed', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    const resolved = story.do(ACTORS.owner, { type: 'resolve', result: 'Explained the tariff' });
    expect(resolved.notify).toEqual([]);
    expect(story.state).toMatchObject({ status: 'resolved', handlerId: 1, handlerDepartmentId: 10 });
    story.do(ACTORS.owner, { type: 'callback', satisfaction: 4, channel: 'phone' });
    story.do(ACTORS.owner, { type: 'close' });
    expect(story.state.status).toBe('closed');
  });

  it('handed to a department: the head assigns, the handler declines with a reason, the ticket is back with the owner', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    const handed = story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20 }, { department: billing });
    expect(handed.notify).toEqual([{ recipientId: 3, kind: 'handed_to_department' }]);
    expect(story.state).toMatchObject({ status: 'handed_over', handlerId: null, handlerDepartmentId: 20 });
    expect(listAvailableActions(story.state, ACTORS.handler, story.nowMs)).toEqual(['note']);
    expect(listAvailableActions(story.state, ACTORS.head, story.nowMs)).toEqual(['assign', 'decline', 'note']);

    const assigned = story.later(MINUTE_MS).do(ACTORS.head, { type: 'assign', handlerId: 2, note: 'Yours, Wang' }, { staff: handlerFacts });
    expect(assigned.notify).toEqual([{ recipientId: 2, kind: 'handed_to_you' }]);
    expect(story.state).toMatchObject({ status: 'handed_over', handlerId: 2 });

    const declined = story.attempt(ACTORS.handler, { type: 'decline', reason: '   ' });
    expect(declined).toMatchObject({ ok: false, code: 'invalid', field: 'reason' });
    const back = story.later(MINUTE_MS).do(ACTORS.handler, { type: 'decline', reason: 'Meter readings belong to Field Service' });
    expect(back.notify).toEqual([{ recipientId: 1, kind: 'declined' }]);
    expect(story.state).toMatchObject({ status: 'registered', ownerId: 1, handlerId: null, handlerDepartmentId: null });
    expect(back.events[0]).toMatchObject({ type: 'declined', visibleToCustomer: false, payload: { reason: 'Meter readings belong to Field Service', handlerId: 2 } });
    // The owner is accountable again and can act on it.
    expect(listAvailableActions(story.state, ACTORS.owner, story.nowMs)).toContain('hand-over');
  });

  it('escalated because the handler is away: the superior instructs and names a new handler', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 2 }, { department: billing, staff: handlerFacts });
    const escalated = story.later(4 * 60 * MINUTE_MS).do(
      ACTORS.owner,
      { type: 'escalate', reason: 'Wang is on a business trip', cause: 'handler_unreachable' },
      { ownerSuperiorId: 4 },
    );
    expect(escalated.notify).toEqual([{ recipientId: 4, kind: 'escalated_to_you' }, { recipientId: 2, kind: 'unassigned' }]);
    expect(story.state).toMatchObject({ status: 'escalated', escalatedToId: 4, handlerId: null });
    expect(listAvailableActions(story.state, ACTORS.superior, story.nowMs)).toEqual(['note', 'instruct']);
    expect(listAvailableActions(story.state, ACTORS.owner, story.nowMs)).toEqual(['contact', 'note', 'reply']);

    const instructed = story.do(
      ACTORS.superior,
      { type: 'instruct', instruction: 'Li covers for Wang this week', handlerId: 12 },
      { staff: { id: 12, active: true, departmentId: 20 } },
    );
    expect(instructed.notify).toEqual([{ recipientId: 1, kind: 'instructed' }, { recipientId: 12, kind: 'handed_to_you' }]);
    expect(story.state).toMatchObject({ status: 'handed_over', handlerId: 12, handlerDepartmentId: 20, escalatedToId: 4 });
    const li = { ...ACTORS.handler, id: 12 };
    story.do(li, { type: 'accept' });
    expect(story.state.status).toBe('in_progress');
  });

  it('waiting on the customer: wait pauses, resume returns, and a customer reply resumes by itself', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'take' });
    const waited = story.later(MINUTE_MS).do(ACTORS.owner, { type: 'wait', reason: 'Please send the meter number' });
    expect(waited.events[0]).toMatchObject({ type: 'waiting_started', visibleToCustomer: true, payload: { reason: 'Please send the meter number' } });
    expect(story.state).toMatchObject({ status: 'waiting', statusBeforeWait: 'in_progress', waitingSinceMs: story.nowMs });
    expect(story.attempt(ACTORS.owner, { type: 'resolve', result: 'x' })).toMatchObject({ ok: false, code: 'wrong_state' });

    const resumed = story.later(30 * MINUTE_MS).do(ACTORS.owner, { type: 'resume' });
    expect(resumed.events[0]!.payload).toEqual({ trigger: 'staff', waitedMs: 30 * MINUTE_MS });
    expect(story.state).toMatchObject({ status: 'in_progress', statusBeforeWait: null, waitingSinceMs: null });

    story.do(ACTORS.owner, { type: 'wait', reason: 'Please send a photo' });
    const reply = story.later(2 * 60 * MINUTE_MS).do(ACTORS.customer, { type: 'reply', text: 'Photo attached' });
    expect(reply.events.map((e) => [e.type, e.actorKind, e.visibleToCustomer])).toEqual([
      ['replied', 'customer', true],
      ['resumed', 'customer', true],
    ]);
    expect(reply.events[1]!.payload).toEqual({ trigger: 'customer_reply', waitedMs: 2 * 60 * MINUTE_MS });
    expect(reply.notify).toEqual([{ recipientId: 1, kind: 'customer_replied' }]);
    expect(story.state).toMatchObject({ status: 'in_progress', handlerId: 1 });

    // A reply while nobody waits just tells the owner and the handler.
    story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 2 }, { department: billing, staff: handlerFacts });
    story.do(ACTORS.handler, { type: 'accept' });
    const plain = story.do(ACTORS.customer, { type: 'reply', text: 'Any news?' });
    expect(plain.events.map((e) => e.type)).toEqual(['replied']);
    expect(plain.notify).toEqual([{ recipientId: 1, kind: 'customer_replied' }, { recipientId: 2, kind: 'customer_replied' }]);
    // Waiting from `registered` goes back there.
    const fresh = new TicketStory(ACTORS.owner, 'phone');
    fresh.do(ACTORS.owner, { type: 'wait', reason: 'Which address?' });
    fresh.do(ACTORS.owner, { type: 'resume' });
    expect(fresh.state.status).toBe('registered');
  });

  it('refused as against company rules, then a senior manager approves an exception and it proceeds', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    const refused = story.do(ACTORS.owner, { type: 'refuse', reason: 'Only the account holder may change the tariff' });
    expect(refused.events[0]).toMatchObject({ type: 'refused', visibleToCustomer: true });
    expect(story.state).toMatchObject({ status: 'refused', refusalReason: 'Only the account holder may change the tariff' });
    expect(listAvailableActions(story.state, ACTORS.admin, story.nowMs)).toEqual(['note', 'close', 'transfer-ownership']);
    expect(story.attempt(ACTORS.supervisor, { type: 'approve-exception', reason: 'x' })).toMatchObject({ ok: false, code: 'forbidden' });

    const approved = story.later(DAY_MS).do(ACTORS.senior, { type: 'approve-exception', reason: 'The account holder is in hospital; his wife may act' });
    expect(approved.notify).toEqual([{ recipientId: 1, kind: 'exception_approved' }]);
    expect(approved.events[0]).toMatchObject({ type: 'exception_approved', visibleToCustomer: false });
    expect(story.state).toMatchObject({ status: 'registered', exceptionApproved: true, refusalReason: null });
    expect(listAvailableActions(story.state, ACTORS.owner, story.nowMs)).not.toContain('refuse');

    story.do(ACTORS.owner, { type: 'take' });
    story.do(ACTORS.owner, { type: 'resolve', result: 'Tariff changed' });
    expect(story.state.status).toBe('resolved');
  });

  it('a portal request waits in the intake queue until the first staff member picks it up and owns it', () => {
    const story = new TicketStory(ACTORS.customer, 'web');
    expect(story.state).toMatchObject({ status: 'new', ownerId: null, customerId: 500 });
    expect(story.timeline[0]).toMatchObject({ type: 'registered', actorKind: 'customer', actorId: 500, visibleToCustomer: true });
    expect(listAvailableActions(story.state, ACTORS.stranger, story.nowMs)).toEqual(['pick-up', 'note']);
    expect(listAvailableActions(story.state, ACTORS.customer, story.nowMs)).toEqual(['reply']);
    expect(story.attempt(ACTORS.admin, { type: 'take' })).toMatchObject({ ok: false, code: 'wrong_state' });

    story.do(ACTORS.customer, { type: 'reply', text: 'Forgot to say: it is urgent' });
    const picked = story.later(10 * MINUTE_MS).do(ACTORS.colleague, { type: 'pick-up' });
    expect(picked.events[0]).toMatchObject({ type: 'picked_up', visibleToCustomer: true, payload: { ownerId: 5 } });
    expect(story.state).toMatchObject({ status: 'registered', ownerId: 5, ownerDepartmentId: 10 });
    // Second pick-up loses: the ticket already has an owner.
    expect(story.attempt(ACTORS.owner, { type: 'pick-up' })).toMatchObject({ ok: false, code: 'wrong_state' });
    expect(listAvailableActions(story.state, ACTORS.stranger, story.nowMs)).toEqual([]);
  });

  it('a customer reopens within 14 days of resolution but not after; staff may reopen any time', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 2 }, { department: billing, staff: handlerFacts });
    story.do(ACTORS.handler, { type: 'accept' });
    story.do(ACTORS.handler, { type: 'resolve', result: 'Refunded' });
    const resolvedAt = story.nowMs;

    story.later(13 * DAY_MS);
    expect(listAvailableActions(story.state, ACTORS.customer, story.nowMs)).toEqual(['reply', 'confirm', 'rate', 'reopen']);
    const reopened = story.do(ACTORS.customer, { type: 'reopen', reason: '  The refund never arrived ' });
    expect(reopened.events[0]).toMatchObject({ type: 'reopened', actorKind: 'customer', visibleToCustomer: true, payload: { reason: 'The refund never arrived', reopenedFrom: 'resolved' } });
    expect(reopened.notify).toEqual([{ recipientId: 2, kind: 'reopened' }, { recipientId: 1, kind: 'reopened' }]);
    expect(story.state).toMatchObject({ status: 'in_progress', handlerId: 2, reopenCount: 1, resolvedAtMs: null });

    story.do(ACTORS.handler, { type: 'resolve', result: 'Refund re-sent' });
    story.do(ACTORS.owner, { type: 'callback', satisfaction: 3, channel: 'phone' });
    story.do(ACTORS.owner, { type: 'close' });
    story.later(15 * DAY_MS);
    expect(story.state.resolvedAtMs).toBeGreaterThan(resolvedAt);
    const late = story.attempt(ACTORS.customer, { type: 'reopen', reason: 'Still wrong' });
    expect(late).toMatchObject({ ok: false, code: 'wrong_state' });
    expect(late.ok ? '' : late.message).toMatch(/14 days/);
    expect(listAvailableActions(story.state, ACTORS.customer, story.nowMs)).toEqual([]);

    expect(story.attempt(ACTORS.owner, { type: 'reopen', reason: '' })).toMatchObject({ ok: false, code: 'invalid', field: 'reason' });
    story.do(ACTORS.office, { type: 'reopen', reason: 'Spot check: the refund was for the wrong amount' });
    expect(story.state).toMatchObject({ status: 'in_progress', handlerId: 2, reopenCount: 2, closedAtMs: null });
  });

  it('the customer confirms the result, and the owner may close without a callback', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'resolve', result: 'Technician fixed the boiler' });
    expect(story.attempt(ACTORS.owner, { type: 'close' })).toMatchObject({ ok: false, code: 'wrong_state' });
    const confirmed = story.do(ACTORS.customer, { type: 'confirm', comment: 'Works again, thanks' });
    expect(confirmed.notify).toEqual([{ recipientId: 1, kind: 'customer_confirmed' }]);
    story.do(ACTORS.owner, { type: 'close' });
    expect(story.state.status).toBe('closed');
  });

  it('the customer rates the result: satisfaction recorded as the callback, result confirmed, once only', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 2 }, { department: billing, staff: { id: 2, active: true, departmentId: 20 } });
    story.do(ACTORS.handler, { type: 'accept' });
    story.do(ACTORS.handler, { type: 'resolve', result: 'Refunded' });
    expect(story.attempt(ACTORS.owner, { type: 'rate', satisfaction: 5 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(story.attempt(ACTORS.customer, { type: 'rate', satisfaction: 6 })).toMatchObject({ ok: false, code: 'invalid', field: 'satisfaction' });
    const rated = story.do(ACTORS.customer, { type: 'rate', satisfaction: 2, comment: ' Slow ', via: 'link' });
    expect(rated.events).toEqual([expect.objectContaining({ type: 'customer_rated', actorKind: 'customer', visibleToCustomer: true, payload: { satisfaction: 2, comment: 'Slow', via: 'link', confirmed: true } })]);
    expect(rated.notify).toEqual([{ recipientId: 1, kind: 'satisfaction_recorded' }, { recipientId: 2, kind: 'satisfaction_recorded' }]);
    expect(story.state).toMatchObject({ status: 'called_back', satisfaction: 2, customerConfirmedAtMs: story.nowMs });
    expect(story.attempt(ACTORS.customer, { type: 'rate', satisfaction: 5 })).toMatchObject({ ok: false, code: 'wrong_state', errorCode: 'already_rated' });
    expect(story.attempt(ACTORS.owner, { type: 'callback', satisfaction: 5, channel: 'phone' })).toMatchObject({ ok: false, code: 'wrong_state' });
    story.do(ACTORS.owner, { type: 'close' });
    expect(story.state.status).toBe('closed');
  });

  it('ownership moves only by an admin, with a reason, to an active person', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'take' });
    const action: TicketAction = { type: 'transfer-ownership', newOwnerId: 5, reason: 'Zhang has left the company' };
    const context = { staff: { id: 5, active: true, departmentId: 10 } };
    for (const actor of [ACTORS.owner, ACTORS.supervisor, ACTORS.office, ACTORS.senior, ACTORS.head, ACTORS.customer]) {
      expect(story.attempt(actor, action, context)).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const moved = story.do(ACTORS.admin, action, context);
    expect(moved.notify).toEqual([{ recipientId: 5, kind: 'ownership_transferred_to_you' }]);
    expect(story.state).toMatchObject({ ownerId: 5, handlerId: 5, status: 'in_progress' });
    // The new owner carries on; the old one is no longer in charge.
    expect(listAvailableActions(story.state, ACTORS.colleague, story.nowMs)).toContain('resolve');
    expect(story.attempt(ACTORS.owner, { type: 'resolve', result: 'x' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('customers never see internal notes, contacts or routing on the timeline; staff see all', () => {
    const story = new TicketStory(ACTORS.owner, 'phone');
    story.do(ACTORS.owner, { type: 'note', text: 'Customer was rude last time' });
    story.do(ACTORS.owner, { type: 'contact', channel: 'phone', summary: 'Left a voicemail' });
    story.do(ACTORS.owner, { type: 'reply', text: 'We are looking into it' });
    story.do(ACTORS.owner, { type: 'hand-over', departmentId: 20 }, { department: billing });
    expect(story.customerView()).toEqual(['registered', 'replied']);
    expect(story.timeline.filter((e) => canSeeEvent(e, ACTORS.colleague)).map((e) => e.type)).toEqual(story.types());
  });
});
