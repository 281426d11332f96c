import { describe, expect, it } from 'vitest';
import { decideTicketAction } from './decide-ticket-action.ts';
import { listAvailableActions } from './list-available-actions.ts';
import { TICKET_ACTION_TYPES, type TicketAction, type TicketActionType } from './ticket-action.ts';
import type { TicketActor } from './ticket-actor.ts';
import type { TicketDecision, TicketDecisionContext, TicketSuccess } from './ticket-decision.ts';
import type { TicketState } from './ticket-state.ts';
import {
  ACTOR_NAMES,
  ACTORS,
  DAY_MS,
  FIXTURE_NAMES,
  FIXTURES,
  NEW_OWNER_ID,
  NOW_MS,
  OTHER_BILLING_CLERK_ID,
  SAMPLE_ACTIONS,
  type ActorName,
  type FixtureName,
} from './ticket-test-fixtures.ts';

type Expected = Partial<Record<FixtureName, readonly ActorName[]>>;

const ALL_STAFF: ActorName[] = ['owner', 'handler', 'head', 'superior', 'colleague', 'stranger', 'supervisor', 'admin', 'office', 'senior'];
const OWNER: ActorName[] = ['owner'];
const OWNER_OR_HANDLER: ActorName[] = ['owner', 'handler'];
/** Who sees a ticket of the owner's department (10) that billing does not hold. */
const OWNER_SIDE_VIEWERS: ActorName[] = ['owner', 'colleague', 'supervisor', 'admin', 'office', 'senior'];
/** ... and one handed to billing (20). */
const BILLING_VIEWERS: ActorName[] = [...OWNER_SIDE_VIEWERS, 'handler', 'head'];
const REOPEN_STAFF: ActorName[] = ['owner', 'handler', 'supervisor', 'admin', 'office'];

const on = (fixtures: readonly FixtureName[], actors: readonly ActorName[]): Expected =>
  Object.fromEntries(fixtures.map((f) => [f, actors]));
const except = (...names: FixtureName[]) => FIXTURE_NAMES.filter((f) => !names.includes(f));

const OPEN_WITH_OWNER: FixtureName[] = ['registered', 'registered_exception', 'in_progress_owner', 'handed_over_department', 'escalated', 'refused'];
const OPEN_WITH_HANDLER_2: FixtureName[] = ['in_progress_handler', 'handed_over_handler', 'waiting', 'resolved', 'resolved_confirmed', 'resolved_old', 'called_back'];
const HANDED_OVER_ACTIVE: FixtureName[] = ['in_progress_owner', 'in_progress_handler', 'handed_over_handler', 'handed_over_department'];

/**
 * The rules as a table, written independently of the code: who may do what in which situation.
 * Every pair not listed must be refused as 'forbidden' or 'wrong_state'.
 */
const EXPECTED: Record<TicketActionType, Expected> = {
  'pick-up': { new: ALL_STAFF },
  take: on(['registered', 'registered_exception', 'handed_over_handler', 'handed_over_department'], OWNER),
  'hand-over': on(['registered', 'registered_exception', ...HANDED_OVER_ACTIVE], OWNER),
  assign: on(['handed_over_handler', 'handed_over_department'], ['head']),
  accept: { handed_over_handler: ['handler'] },
  decline: { handed_over_handler: ['handler'], handed_over_department: ['head'], in_progress_handler: ['handler'] },
  contact: { ...on(OPEN_WITH_OWNER, OWNER), ...on(OPEN_WITH_HANDLER_2, OWNER_OR_HANDLER) },
  note: {
    new: ALL_STAFF,
    ...on(['registered', 'registered_exception', 'in_progress_owner', 'refused'], OWNER_SIDE_VIEWERS),
    escalated: [...OWNER_SIDE_VIEWERS, 'superior'],
    ...on(
      ['in_progress_handler', 'handed_over_handler', 'handed_over_department', 'waiting', 'resolved', 'resolved_confirmed', 'resolved_old', 'called_back', 'closed', 'closed_old'],
      BILLING_VIEWERS,
    ),
  },
  reply: {
    new: ['customer'],
    ...on(OPEN_WITH_OWNER, ['owner', 'customer']),
    ...on(OPEN_WITH_HANDLER_2, ['owner', 'handler', 'customer']),
  },
  wait: { ...on(['registered', 'registered_exception', 'in_progress_owner'], OWNER), in_progress_handler: OWNER_OR_HANDLER },
  resume: { waiting: OWNER_OR_HANDLER },
  escalate: on(['registered', 'registered_exception', ...HANDED_OVER_ACTIVE], OWNER),
  instruct: { escalated: ['superior'] },
  refuse: on(['registered', ...HANDED_OVER_ACTIVE], OWNER),
  'approve-exception': { refused: ['senior'] },
  resolve: { ...on(['registered', 'registered_exception', 'in_progress_owner'], OWNER), in_progress_handler: ['handler'] },
  callback: on(['resolved', 'resolved_confirmed', 'resolved_old'], OWNER),
  confirm: on(['resolved', 'resolved_old'], ['customer']),
  rate: on(['resolved', 'resolved_confirmed', 'resolved_old'], ['customer']),
  close: {
    ...on(['resolved', 'resolved_old'], ['admin']),
    ...on(['resolved_confirmed', 'called_back', 'refused'], ['owner', 'admin']),
  },
  reopen: {
    ...on(['resolved', 'resolved_confirmed', 'called_back', 'closed'], [...REOPEN_STAFF, 'customer']),
    ...on(['resolved_old', 'closed_old'], REOPEN_STAFF),
  },
  'transfer-ownership': on(except('new'), ['admin']),
};

const decide = (state: TicketState, actor: TicketActor, action: TicketAction, context: Omit<TicketDecisionContext, 'nowMs'> = {}, nowMs = NOW_MS) =>
  decideTicketAction(state, actor, action, { nowMs, ...context });

function expectOk(decision: TicketDecision): TicketSuccess {
  if (!decision.ok) throw new Error(`expected success, got ${decision.code}: ${decision.message}`);
  return decision;
}

function expectRefused(decision: TicketDecision, code: string, field?: string): void {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.code).toBe(code);
  expect(decision.message.length).toBeGreaterThan(10);
  if (field !== undefined) expect(decision.field).toBe(field);
}

describe('decideTicketAction: every action × situation × actor', () => {
  for (const type of TICKET_ACTION_TYPES) {
    it(`${type}: allowed exactly where the table says, and the UI lists exactly those`, () => {
      const mismatches: string[] = [];
      const sample = SAMPLE_ACTIONS[type];
      for (const fixture of FIXTURE_NAMES) {
        for (const actorName of ACTOR_NAMES) {
          const state = FIXTURES[fixture];
          const actor = ACTORS[actorName];
          const allowed = EXPECTED[type][fixture]?.includes(actorName) ?? false;
          const decision = decide(state, actor, sample.action, sample.context);
          const listed = listAvailableActions(state, actor, NOW_MS).includes(type);
          const where = `${type} on ${fixture} by ${actorName}`;
          if (allowed) {
            if (!decision.ok) mismatches.push(`${where}: refused ${decision.code} (${decision.message})`);
            else {
              if (decision.events.length === 0) mismatches.push(`${where}: no event`);
              if (decision.next.version !== state.version + 1) mismatches.push(`${where}: version not bumped`);
              if (decision.events.some((e) => e.atMs !== NOW_MS || e.action !== type)) mismatches.push(`${where}: event time or action wrong`);
              if (actor.kind === 'staff' && decision.notify.some((n) => n.recipientId === actor.id)) mismatches.push(`${where}: notifies the actor`);
            }
          } else if (decision.ok) {
            mismatches.push(`${where}: allowed but should not be`);
          } else if (decision.code !== 'forbidden' && decision.code !== 'wrong_state') {
            mismatches.push(`${where}: refused as ${decision.code}, expected forbidden or wrong_state`);
          }
          if (listed !== allowed) mismatches.push(`${where}: listed=${listed} but allowed=${allowed}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('never changes the state it was given', () => {
    const snapshot = JSON.stringify(FIXTURES);
    for (const type of TICKET_ACTION_TYPES) {
      for (const fixture of FIXTURE_NAMES) {
        for (const actorName of ACTOR_NAMES) {
          decide(FIXTURES[fixture], ACTORS[actorName], SAMPLE_ACTIONS[type].action, SAMPLE_ACTIONS[type].context);
        }
      }
    }
    expect(JSON.stringify(FIXTURES)).toBe(snapshot);
  });
});

describe('decideTicketAction: which refusal', () => {
  it('says forbidden to people who cannot see the ticket, whatever its status', () => {
    expectRefused(decide(FIXTURES.registered, ACTORS.stranger, { type: 'note', text: 'x' }), 'forbidden');
    expectRefused(decide(FIXTURES.closed, ACTORS.otherCustomer, { type: 'reopen', reason: 'x' }), 'forbidden');
  });
  it('says forbidden to a customer attempting a staff action', () => {
    expectRefused(decide(FIXTURES.in_progress_handler, ACTORS.customer, SAMPLE_ACTIONS.resolve.action), 'forbidden');
    expectRefused(decide(FIXTURES.registered, ACTORS.customer, { type: 'note', text: 'x' }), 'forbidden');
  });
  it('says wrong_state to the right person at the wrong time', () => {
    expectRefused(decide(FIXTURES.in_progress_handler, ACTORS.owner, SAMPLE_ACTIONS.callback.action), 'wrong_state');
    expectRefused(decide(FIXTURES.closed, ACTORS.owner, SAMPLE_ACTIONS.resolve.action), 'wrong_state');
    expectRefused(decide(FIXTURES.handed_over_department, ACTORS.head, { type: 'accept' }), 'wrong_state');
    expectRefused(decide(FIXTURES.resolved, ACTORS.owner, { type: 'close' }), 'wrong_state');
    expectRefused(decide(FIXTURES.registered_exception, ACTORS.owner, SAMPLE_ACTIONS.refuse.action), 'wrong_state');
    expectRefused(decide(FIXTURES.resolved_confirmed, ACTORS.customer, { type: 'confirm' }), 'wrong_state');
  });
  it('says forbidden to the wrong person at the right time', () => {
    expectRefused(decide(FIXTURES.in_progress_handler, ACTORS.owner, SAMPLE_ACTIONS.resolve.action), 'forbidden');
    expectRefused(decide(FIXTURES.in_progress_owner, ACTORS.owner, SAMPLE_ACTIONS.decline.action), 'forbidden');
    expectRefused(decide(FIXTURES.handed_over_handler, ACTORS.colleague, { type: 'accept' }), 'forbidden');
    expectRefused(decide(FIXTURES.refused, ACTORS.admin, SAMPLE_ACTIONS['approve-exception'].action), 'forbidden');
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, SAMPLE_ACTIONS['transfer-ownership'].action, SAMPLE_ACTIONS['transfer-ownership'].context), 'forbidden');
  });
  it('rejects an unknown action type as invalid', () => {
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, { type: 'delete' } as unknown as TicketAction), 'invalid', 'type');
  });
  it('refuses a nowMs that is not a number: a bug in the caller', () => {
    expect(() => decideTicketAction(FIXTURES.registered, ACTORS.owner, { type: 'take' }, { nowMs: Number.NaN })).toThrow(/nowMs/);
  });
});

describe('decideTicketAction: text input', () => {
  const textCases: { type: TicketActionType; state: TicketState; actor: TicketActor; field: string; build: (text: string) => TicketAction; max: number }[] = [
    { type: 'decline', state: FIXTURES.handed_over_handler, actor: ACTORS.handler, field: 'reason', build: (reason) => ({ type: 'decline', reason }), max: 2000 },
    { type: 'contact', state: FIXTURES.registered, actor: ACTORS.owner, field: 'summary', build: (summary) => ({ type: 'contact', channel: 'phone', summary }), max: 2000 },
    { type: 'note', state: FIXTURES.registered, actor: ACTORS.colleague, field: 'text', build: (text) => ({ type: 'note', text }), max: 10_000 },
    { type: 'reply', state: FIXTURES.registered, actor: ACTORS.customer, field: 'text', build: (text) => ({ type: 'reply', text }), max: 10_000 },
    { type: 'wait', state: FIXTURES.registered, actor: ACTORS.owner, field: 'reason', build: (reason) => ({ type: 'wait', reason }), max: 2000 },
    { type: 'refuse', state: FIXTURES.registered, actor: ACTORS.owner, field: 'reason', build: (reason) => ({ type: 'refuse', reason }), max: 2000 },
    { type: 'approve-exception', state: FIXTURES.refused, actor: ACTORS.senior, field: 'reason', build: (reason) => ({ type: 'approve-exception', reason }), max: 2000 },
    { type: 'instruct', state: FIXTURES.escalated, actor: ACTORS.superior, field: 'instruction', build: (instruction) => ({ type: 'instruct', instruction }), max: 2000 },
    { type: 'resolve', state: FIXTURES.in_progress_handler, actor: ACTORS.handler, field: 'result', build: (result) => ({ type: 'resolve', result }), max: 10_000 },
    { type: 'reopen', state: FIXTURES.closed, actor: ACTORS.customer, field: 'reason', build: (reason) => ({ type: 'reopen', reason }), max: 2000 },
    { type: 'reopen', state: FIXTURES.closed_old, actor: ACTORS.owner, field: 'reason', build: (reason) => ({ type: 'reopen', reason }), max: 2000 },
  ];
  for (const c of textCases) {
    it(`${c.type} by ${c.actor.kind}: "${c.field}" is required, trimmed and at most ${c.max} characters`, () => {
      expectRefused(decide(c.state, c.actor, c.build('')), 'invalid', c.field);
      expectRefused(decide(c.state, c.actor, c.build(' \n\t ')), 'invalid', c.field);
      expectRefused(decide(c.state, c.actor, c.build('x'.repeat(c.max + 1))), 'invalid', c.field);
      expectOk(decide(c.state, c.actor, c.build('x'.repeat(c.max))));
      const ok = expectOk(decide(c.state, c.actor, c.build('  Please check the meter.  ')));
      expect(Object.values(ok.events[0]!.payload)).toContain('Please check the meter.');
    });
  }
  it('escalate: the reason is required', () => {
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, { type: 'escalate', reason: ' ' }, { ownerSuperiorId: 4 }), 'invalid', 'reason');
  });
  it('transfer-ownership: the reason is required', () => {
    const { context } = SAMPLE_ACTIONS['transfer-ownership'];
    expectRefused(decide(FIXTURES.registered, ACTORS.admin, { type: 'transfer-ownership', newOwnerId: NEW_OWNER_ID, reason: '' }, context), 'invalid', 'reason');
  });
  it('treats text that is not a string as invalid rather than crashing', () => {
    const action = { type: 'note', text: 42 } as unknown as TicketAction;
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, action), 'invalid', 'text');
  });
  it('optional texts may be left out or blank, and are stored as null', () => {
    const confirmed = expectOk(decide(FIXTURES.resolved, ACTORS.customer, { type: 'confirm', comment: '   ' }));
    expect(confirmed.events[0]!.payload['comment']).toBeNull();
    const called = expectOk(decide(FIXTURES.resolved, ACTORS.owner, { type: 'callback', satisfaction: 5, channel: 'phone' }));
    expect(called.events[0]!.payload['comment']).toBeNull();
    expectRefused(decide(FIXTURES.resolved, ACTORS.owner, { type: 'callback', satisfaction: 5, channel: 'phone', comment: 'x'.repeat(2001) }), 'invalid', 'comment');
  });
});

describe('decideTicketAction: structured input', () => {
  it('callback: satisfaction is a whole number from 1 to 5, and the channel is known', () => {
    for (const satisfaction of [0, 6, 2.5, Number.NaN, '4' as unknown as number]) {
      expectRefused(decide(FIXTURES.resolved, ACTORS.owner, { type: 'callback', satisfaction, channel: 'phone' }), 'invalid', 'satisfaction');
    }
    for (const satisfaction of [1, 2, 3, 4, 5]) {
      expect(expectOk(decide(FIXTURES.resolved, ACTORS.owner, { type: 'callback', satisfaction, channel: 'visit' })).next.satisfaction).toBe(satisfaction);
    }
    expectRefused(decide(FIXTURES.resolved, ACTORS.owner, { type: 'callback', satisfaction: 3, channel: 'fax' as never }), 'invalid', 'channel');
  });
  it('contact: the channel and direction must be known', () => {
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, { type: 'contact', channel: 'pigeon' as never, summary: 'x' }), 'invalid', 'channel');
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, { type: 'contact', channel: 'phone', summary: 'x', direction: 'sideways' as never }), 'invalid', 'direction');
    const ok = expectOk(decide(FIXTURES.registered, ACTORS.owner, { type: 'contact', channel: 'email', summary: 'Sent the form', direction: 'inbound' }));
    expect(ok.events[0]!.payload).toEqual({ channel: 'email', direction: 'inbound', summary: 'Sent the form' });
  });
  it('escalate: the cause must be known', () => {
    expectRefused(decide(FIXTURES.registered, ACTORS.owner, { type: 'escalate', reason: 'x', cause: 'bored' as never }, { ownerSuperiorId: 4 }), 'invalid', 'cause');
  });

  describe('hand-over targets', () => {
    const department = { id: 20, active: true, headId: 3 };
    const clerk = { id: OTHER_BILLING_CLERK_ID, active: true, departmentId: 20 };
    const handOver = (action: Partial<Extract<TicketAction, { type: 'hand-over' }>>, context: Omit<TicketDecisionContext, 'nowMs'>) =>
      decide(FIXTURES.registered, ACTORS.owner, { type: 'hand-over', departmentId: 20, ...action }, context);

    it('needs a department id', () => {
      expectRefused(handOver({ departmentId: 0 }, { department }), 'invalid', 'departmentId');
      expectRefused(handOver({ departmentId: 'billing' as never }, { department }), 'invalid', 'departmentId');
    });
    it('refuses an inactive department', () => {
      expectRefused(handOver({}, { department: { ...department, active: false } }), 'invalid', 'departmentId');
    });
    it('refuses a handler outside the department, or inactive', () => {
      expectRefused(handOver({ handlerId: 12 }, { department, staff: { ...clerk, departmentId: 30 } }), 'invalid', 'handlerId');
      expectRefused(handOver({ handlerId: 12 }, { department, staff: { ...clerk, active: false } }), 'invalid', 'handlerId');
      expectRefused(handOver({ handlerId: -1 }, { department }), 'invalid', 'handlerId');
    });
    it('refuses a department without a head when nobody is named', () => {
      expectRefused(handOver({}, { department: { ...department, headId: null } }), 'invalid', 'departmentId');
      expectRefused(handOver({ needsSeveralPeople: true }, { department: { ...department, headId: null } }), 'invalid', 'departmentId');
    });
    it('refuses handing the ticket to its own owner: that is `take`', () => {
      expectRefused(handOver({ handlerId: 1 }, { department: { id: 20, active: true, headId: 3 }, staff: { id: 1, active: true, departmentId: 20 } }), 'invalid', 'handlerId');
      expectRefused(handOver({ needsSeveralPeople: true }, { department: { ...department, headId: 1 } }), 'invalid', 'departmentId');
    });
    it('a matter needing several people goes to the head, who becomes its handler; naming someone else is refused', () => {
      expectRefused(handOver({ needsSeveralPeople: true, handlerId: 12 }, { department, staff: clerk }), 'invalid', 'handlerId');
      const ok = expectOk(handOver({ needsSeveralPeople: true }, { department }));
      expect(ok.next).toMatchObject({ status: 'handed_over', handlerId: 3, handlerDepartmentId: 20, handedOverAtMs: NOW_MS });
      expect(ok.notify).toEqual([{ recipientId: 3, kind: 'handed_to_you' }]);
      expect(ok.events[0]!.payload['needsSeveralPeople']).toBe(true);
    });
    it('throws when the service forgot to look the target up (a bug, not a user error)', () => {
      expect(() => handOver({}, {})).toThrow(/context.department/);
      expect(() => handOver({ departmentId: 30 }, { department })).toThrow(/context.department/);
      expect(() => handOver({ handlerId: 12 }, { department })).toThrow(/context.staff/);
    });
    it('redirecting a ticket tells the handler who loses it', () => {
      const ok = expectOk(decide(FIXTURES.in_progress_handler, ACTORS.owner, { type: 'hand-over', departmentId: 20, handlerId: 12 }, { department, staff: clerk }));
      expect(ok.notify).toEqual([{ recipientId: 12, kind: 'handed_to_you' }, { recipientId: 2, kind: 'unassigned' }]);
      expect(ok.next.acceptedAtMs).toBeNull();
    });
  });

  describe('assign targets', () => {
    const assign = (handlerId: number, staff: TicketDecisionContext['staff'], state = FIXTURES.handed_over_department) =>
      decide(state, ACTORS.head, { type: 'assign', handlerId }, { staff });
    it('refuses someone outside the department, inactive, or already the handler', () => {
      expectRefused(assign(6, { id: 6, active: true, departmentId: 30 }), 'invalid', 'handlerId');
      expectRefused(assign(12, { id: 12, active: false, departmentId: 20 }), 'invalid', 'handlerId');
      expectRefused(assign(2, { id: 2, active: true, departmentId: 20 }, FIXTURES.handed_over_handler), 'invalid', 'handlerId');
      expectRefused(assign(0, undefined), 'invalid', 'handlerId');
    });
    it('a head who assigns himself has accepted it', () => {
      const ok = expectOk(assign(3, { id: 3, active: true, departmentId: 20 }));
      expect(ok.next).toMatchObject({ status: 'in_progress', handlerId: 3, acceptedAtMs: NOW_MS });
      expect(ok.events.map((e) => e.type)).toEqual(['assigned', 'accepted']);
      expect(ok.notify).toEqual([{ recipientId: 1, kind: 'accepted' }]);
    });
    it('reassigning a named handler tells both', () => {
      const ok = expectOk(assign(12, { id: 12, active: true, departmentId: 20 }, FIXTURES.handed_over_handler));
      expect(ok.next).toMatchObject({ status: 'handed_over', handlerId: 12, handlerDepartmentId: 20 });
      expect(ok.notify).toEqual([{ recipientId: 12, kind: 'handed_to_you' }, { recipientId: 2, kind: 'unassigned' }]);
    });
  });

  describe('escalate and instruct', () => {
    it('is a conflict when the owner has no superior', () => {
      expectRefused(decide(FIXTURES.registered, ACTORS.owner, SAMPLE_ACTIONS.escalate.action, { ownerSuperiorId: null }), 'conflict');
      expectRefused(decide(FIXTURES.registered, ACTORS.owner, SAMPLE_ACTIONS.escalate.action, { ownerSuperiorId: 1 }), 'conflict');
      expect(() => decide(FIXTURES.registered, ACTORS.owner, SAMPLE_ACTIONS.escalate.action, {})).toThrow(/ownerSuperiorId/);
    });
    it('escalating takes the ticket from an unreachable handler and tells the superior', () => {
      const ok = expectOk(decide(FIXTURES.handed_over_handler, ACTORS.owner, SAMPLE_ACTIONS.escalate.action, { ownerSuperiorId: 4 }));
      expect(ok.next).toMatchObject({ status: 'escalated', escalatedToId: 4, handlerId: null, handlerDepartmentId: null });
      expect(ok.notify).toEqual([{ recipientId: 4, kind: 'escalated_to_you' }, { recipientId: 2, kind: 'unassigned' }]);
      expect(ok.events[0]).toMatchObject({ type: 'escalated', visibleToCustomer: false, payload: { cause: 'handler_unreachable', previousHandlerId: 2 } });
    });
    it('an instruction alone returns the ticket to the owner', () => {
      const ok = expectOk(decide(FIXTURES.escalated, ACTORS.superior, { type: 'instruct', instruction: '  Refuse it politely  ' }));
      expect(ok.next).toMatchObject({ status: 'registered', handlerId: null, escalatedToId: 4 });
      expect(ok.events[0]!.payload).toEqual({ instruction: 'Refuse it politely', handlerId: null });
      expect(ok.notify).toEqual([{ recipientId: 1, kind: 'instructed' }]);
    });
    it('naming the owner as handler puts it in progress with him', () => {
      const ok = expectOk(decide(FIXTURES.escalated, ACTORS.superior, { type: 'instruct', instruction: 'Do it yourself', handlerId: 1 }, { staff: { id: 1, active: true, departmentId: 10 } }));
      expect(ok.next).toMatchObject({ status: 'in_progress', handlerId: 1, handlerDepartmentId: 10, acceptedAtMs: NOW_MS });
    });
    it('refuses an inactive handler, and needs the handler looked up', () => {
      expectRefused(decide(FIXTURES.escalated, ACTORS.superior, { type: 'instruct', instruction: 'x', handlerId: 12 }, { staff: { id: 12, active: false, departmentId: 20 } }), 'invalid', 'handlerId');
      expectRefused(decide(FIXTURES.escalated, ACTORS.superior, { type: 'instruct', instruction: 'x', handlerId: 1.5 }), 'invalid', 'handlerId');
      expect(() => decide(FIXTURES.escalated, ACTORS.superior, { type: 'instruct', instruction: 'x', handlerId: 12 })).toThrow(/context.staff/);
    });
  });

  describe('transfer-ownership', () => {
    it('refuses the current owner, an inactive person or a bad id', () => {
      expectRefused(decide(FIXTURES.registered, ACTORS.admin, { type: 'transfer-ownership', newOwnerId: 1, reason: 'x' }, { staff: { id: 1, active: true, departmentId: 10 } }), 'invalid', 'newOwnerId');
      expectRefused(decide(FIXTURES.registered, ACTORS.admin, { type: 'transfer-ownership', newOwnerId: 13, reason: 'x' }, { staff: { id: 13, active: false, departmentId: 10 } }), 'invalid', 'newOwnerId');
      expectRefused(decide(FIXTURES.registered, ACTORS.admin, { type: 'transfer-ownership', newOwnerId: 0, reason: 'x' }), 'invalid', 'newOwnerId');
    });
    it('moves the work with the ownership when the old owner was handling it himself', () => {
      const ok = expectOk(decide(FIXTURES.in_progress_owner, ACTORS.admin, SAMPLE_ACTIONS['transfer-ownership'].action, { staff: { id: 13, active: true, departmentId: 11 } }));
      expect(ok.next).toMatchObject({ ownerId: 13, ownerDepartmentId: 11, handlerId: 13, handlerDepartmentId: 11, status: 'in_progress' });
    });
    it('leaves another handler in place', () => {
      const ok = expectOk(decide(FIXTURES.in_progress_handler, ACTORS.admin, SAMPLE_ACTIONS['transfer-ownership'].action, SAMPLE_ACTIONS['transfer-ownership'].context));
      expect(ok.next).toMatchObject({ ownerId: 13, handlerId: 2, handlerDepartmentId: 20 });
      expect(ok.events[0]).toMatchObject({ type: 'ownership_transferred', visibleToCustomer: false, payload: { fromOwnerId: 1, toOwnerId: 13 } });
      expect(ok.notify).toEqual([{ recipientId: 13, kind: 'ownership_transferred_to_you' }]);
    });
  });

  describe('close', () => {
    it('an admin closing a resolved ticket nobody called back must say why', () => {
      expectRefused(decide(FIXTURES.resolved, ACTORS.admin, { type: 'close' }), 'invalid', 'reason');
      const ok = expectOk(decide(FIXTURES.resolved, ACTORS.admin, { type: 'close', reason: 'Customer unreachable' }));
      expect(ok.events[0]).toMatchObject({ type: 'closed', visibleToCustomer: true, payload: { withoutCallback: true } });
    });
    it('needs no reason after the callback, the confirmation or a refusal', () => {
      for (const state of [FIXTURES.called_back, FIXTURES.resolved_confirmed, FIXTURES.refused]) {
        const ok = expectOk(decide(state, ACTORS.owner, { type: 'close' }));
        expect(ok.next).toMatchObject({ status: 'closed', closedAtMs: NOW_MS });
        expectOk(decide(state, ACTORS.admin, { type: 'close' }));
      }
    });
  });

  describe('reopen', () => {
    it('customers: up to exactly 14 days after resolution, or after closing for closed tickets', () => {
      const resolvedAt = FIXTURES.resolved.resolvedAtMs!;
      expectOk(decide(FIXTURES.resolved, ACTORS.customer, SAMPLE_ACTIONS.reopen.action, {}, resolvedAt + 14 * DAY_MS));
      expectRefused(decide(FIXTURES.resolved, ACTORS.customer, SAMPLE_ACTIONS.reopen.action, {}, resolvedAt + 14 * DAY_MS + 1), 'wrong_state');
      // Resolved 20 days ago but closed 3 days ago: closing counts.
      expectOk(decide(FIXTURES.closed, ACTORS.customer, SAMPLE_ACTIONS.reopen.action));
      expect(listAvailableActions(FIXTURES.closed, ACTORS.customer, NOW_MS)).toContain('reopen');
      expect(listAvailableActions(FIXTURES.closed, ACTORS.customer, FIXTURES.closed.closedAtMs! + 15 * DAY_MS)).not.toContain('reopen');
    });
    it('returns the ticket to its handler, clears the result and counts the reopening', () => {
      const ok = expectOk(decide(FIXTURES.called_back, ACTORS.owner, SAMPLE_ACTIONS.reopen.action));
      expect(ok.next).toMatchObject({ status: 'in_progress', handlerId: 2, resolvedAtMs: null, result: null, satisfaction: null, reopenCount: 1 });
      expect(ok.notify).toEqual([{ recipientId: 2, kind: 'reopened' }]);
    });
    it('returns a ticket nobody handled (closed after a refusal) to the owner', () => {
      const closedRefused = decide(FIXTURES.refused, ACTORS.owner, { type: 'close' });
      const closed = expectOk(closedRefused).next;
      const ok = expectOk(decide(closed, ACTORS.customer, SAMPLE_ACTIONS.reopen.action));
      expect(ok.next).toMatchObject({ status: 'registered', handlerId: null, refusalReason: null, closedAtMs: null });
      expect(ok.notify).toEqual([{ recipientId: 1, kind: 'reopened' }]);
      expect(ok.events[0]).toMatchObject({ actorKind: 'customer', actorId: 500, visibleToCustomer: true });
    });
  });
});
