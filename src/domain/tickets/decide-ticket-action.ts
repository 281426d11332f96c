import { checkTicketAction } from './check-ticket-action.ts';
import { normalizeTicketText } from './normalize-ticket-text.ts';
import { TICKET_ACTION_TYPES, type TicketAction } from './ticket-action.ts';
import type { StaffTicketActor, TicketActor } from './ticket-actor.ts';
import type { TicketDecision, TicketDecisionContext, TicketRefusal } from './ticket-decision.ts';
import type { TicketEvent, TicketEventPayload, TicketEventType, TicketNotification, TicketNotificationKind } from './ticket-event.ts';
import { TICKET_CHANNELS, type TicketChannel, type TicketState, type WaitableStatus } from './ticket-state.ts';

const ESCALATION_CAUSES = ['handler_unreachable', 'responsibility_unclear', 'other'] as const;
const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;

const invalid = (message: string, field: string): TicketRefusal => ({ ok: false, code: 'invalid', message, field });
const isRefusal = (value: unknown): value is TicketRefusal =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** The facts the decision for one action is built from. */
interface Draft {
  state: TicketState;
  actor: TicketActor;
  action: TicketAction;
  nowMs: number;
}

/**
 * Decides one action on one ticket: the service loads the state and the facts in `context`, calls
 * this, and saves `next` (expecting `state.version`), the events and the notifications — or turns the
 * refusal into an error. Pure: time comes from `context.nowMs`.
 */
export function decideTicketAction(
  state: TicketState,
  actor: TicketActor,
  action: TicketAction,
  context: TicketDecisionContext,
): TicketDecision {
  if (!Number.isFinite(context.nowMs)) throw new Error('decideTicketAction: context.nowMs must be a finite epoch-ms number');
  if (!(TICKET_ACTION_TYPES as readonly string[]).includes((action as { type?: unknown }).type as string)) {
    return invalid(`"${String((action as { type?: unknown }).type)}" is not a ticket action`, 'type');
  }
  const blocked = checkTicketAction(state, actor, action.type, context.nowMs);
  if (blocked) return blocked;
  const draft: Draft = { state, actor, action, nowMs: context.nowMs };

  switch (action.type) {
    case 'pick-up': {
      const staff = asStaff(actor);
      return succeed(draft, { status: 'registered', ownerId: staff.id, ownerDepartmentId: staff.departmentId }, [
        event(draft, 'picked_up', { ownerId: staff.id }, true),
      ]);
    }
    case 'take':
      return succeed(
        draft,
        { status: 'in_progress', handlerId: state.ownerId, handlerDepartmentId: state.ownerDepartmentId, handedOverAtMs: null, acceptedAtMs: draft.nowMs },
        [event(draft, 'taken', { previousHandlerId: state.handlerId }, false)],
        unassignedNotice(state, state.ownerId),
      );
    case 'hand-over':
      return decideHandOver(draft, action, context);
    case 'assign':
      return decideAssign(draft, action, context);
    case 'accept':
      return succeed(draft, { status: 'in_progress', acceptedAtMs: draft.nowMs }, [event(draft, 'accepted', { handlerId: state.handlerId }, false)], [
        notice(state.ownerId, 'accepted'),
      ]);
    case 'decline': {
      const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
      if (isRefusal(reason)) return reason;
      return succeed(
        draft,
        { status: 'registered', handlerId: null, handlerDepartmentId: null, handedOverAtMs: null, acceptedAtMs: null },
        [event(draft, 'declined', { reason, handlerId: state.handlerId, departmentId: state.handlerDepartmentId }, false)],
        [notice(state.ownerId, 'declined')],
      );
    }
    case 'contact': {
      const channel = checkChannel(action.channel, 'channel');
      if (isRefusal(channel)) return channel;
      const direction = action.direction ?? 'outbound';
      if (!(CONTACT_DIRECTIONS as readonly string[]).includes(direction)) return invalid('"direction" must be outbound or inbound', 'direction');
      const summary = normalizeTicketText(action.summary, 'summary', 'summary', true);
      if (isRefusal(summary)) return summary;
      return succeed(draft, {}, [event(draft, 'contact_logged', { channel, direction, summary }, false)]);
    }
    case 'note': {
      const text = normalizeTicketText(action.text, 'text', 'text', true);
      if (isRefusal(text)) return text;
      return succeed(draft, {}, [event(draft, 'note_added', { text }, false)]);
    }
    case 'reply':
      return decideReply(draft, action.text);
    case 'wait': {
      const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
      if (isRefusal(reason)) return reason;
      return succeed(draft, { status: 'waiting', statusBeforeWait: state.status as WaitableStatus, waitingSinceMs: draft.nowMs }, [
        event(draft, 'waiting_started', { reason }, true),
      ]);
    }
    case 'resume':
      return succeed(draft, resumedChanges(state), [event(draft, 'resumed', resumedPayload(draft, 'staff'), true)]);
    case 'escalate':
      return decideEscalate(draft, action, context);
    case 'instruct':
      return decideInstruct(draft, action, context);
    case 'refuse': {
      const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
      if (isRefusal(reason)) return reason;
      return succeed(
        draft,
        { status: 'refused', refusalReason: reason, handlerId: null, handlerDepartmentId: null, handedOverAtMs: null, acceptedAtMs: null },
        [event(draft, 'refused', { reason }, true)],
        unassignedNotice(state, null),
      );
    }
    case 'approve-exception': {
      const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
      if (isRefusal(reason)) return reason;
      // Internal: the owner tells the customer how it proceeds; the manager's grounds may be internal.
      return succeed(draft, { status: 'registered', exceptionApproved: true, refusalReason: null }, [
        event(draft, 'exception_approved', { reason, refusalReason: state.refusalReason }, false),
      ], [notice(state.ownerId, 'exception_approved')]);
    }
    case 'resolve': {
      const result = normalizeTicketText(action.result, 'result', 'result', true);
      if (isRefusal(result)) return result;
      // Resolving straight from `registered` means the owner handled it himself in one go.
      const selfHandled = state.handlerId === null;
      return succeed(
        draft,
        {
          status: 'resolved',
          result,
          resolvedAtMs: draft.nowMs,
          satisfaction: null,
          customerConfirmedAtMs: null,
          handlerId: selfHandled ? state.ownerId : state.handlerId,
          handlerDepartmentId: selfHandled ? state.ownerDepartmentId : state.handlerDepartmentId,
          acceptedAtMs: selfHandled ? draft.nowMs : state.acceptedAtMs,
        },
        [event(draft, 'resolved', { result }, true)],
        [notice(state.ownerId, 'callback_due')],
      );
    }
    case 'callback': {
      if (typeof action.satisfaction !== 'number' || !Number.isInteger(action.satisfaction) || action.satisfaction < 1 || action.satisfaction > 5) {
        return invalid('Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied)', 'satisfaction');
      }
      const channel = checkChannel(action.channel, 'channel');
      if (isRefusal(channel)) return channel;
      const comment = normalizeTicketText(action.comment, 'comment', 'comment', false);
      if (isRefusal(comment)) return comment;
      return succeed(
        draft,
        { status: 'called_back', satisfaction: action.satisfaction },
        [event(draft, 'called_back', { satisfaction: action.satisfaction, comment, channel }, true)],
        [notice(state.handlerId, 'satisfaction_recorded')],
      );
    }
    case 'confirm': {
      const comment = normalizeTicketText(action.comment, 'comment', 'comment', false);
      if (isRefusal(comment)) return comment;
      return succeed(draft, { customerConfirmedAtMs: draft.nowMs }, [event(draft, 'customer_confirmed', { comment }, true)], [
        notice(state.ownerId, 'customer_confirmed'),
      ]);
    }
    case 'rate': {
      if (typeof action.satisfaction !== 'number' || !Number.isInteger(action.satisfaction) || action.satisfaction < 1 || action.satisfaction > 5) {
        return invalid('Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied)', 'satisfaction');
      }
      const via = action.via ?? 'portal';
      if (via !== 'portal' && via !== 'link') return invalid('"via" must be portal or link', 'via');
      const comment = normalizeTicketText(action.comment, 'comment', 'comment', false);
      if (isRefusal(comment)) return comment;
      // The customer answered the callback survey themselves: the satisfaction is recorded (called
      // back, so nobody has to phone them) and rating the result counts as confirming it.
      return succeed(
        draft,
        { status: 'called_back', satisfaction: action.satisfaction, customerConfirmedAtMs: state.customerConfirmedAtMs ?? draft.nowMs },
        [event(draft, 'customer_rated', { satisfaction: action.satisfaction, comment, via, confirmed: state.customerConfirmedAtMs === null }, true)],
        [notice(state.ownerId, 'satisfaction_recorded'), notice(state.handlerId, 'satisfaction_recorded')],
      );
    }
    case 'close':
      return decideClose(draft, action);
    case 'reopen': {
      const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
      if (isRefusal(reason)) return reason;
      // Back to whoever did the work; a ticket nobody handled (closed after a refusal) goes to the owner.
      return succeed(
        draft,
        {
          status: state.handlerId !== null ? 'in_progress' : 'registered',
          resolvedAtMs: null,
          result: null,
          satisfaction: null,
          customerConfirmedAtMs: null,
          closedAtMs: null,
          refusalReason: null,
          statusBeforeWait: null,
          waitingSinceMs: null,
          reopenCount: state.reopenCount + 1,
        },
        [event(draft, 'reopened', { reason, reopenedFrom: state.status, handlerId: state.handlerId }, true)],
        [notice(state.handlerId, 'reopened'), notice(state.ownerId, 'reopened')],
      );
    }
    case 'transfer-ownership':
      return decideTransferOwnership(draft, action, context);
  }
}

function decideHandOver(draft: Draft, action: Extract<TicketAction, { type: 'hand-over' }>, context: TicketDecisionContext): TicketDecision {
  const { state } = draft;
  if (!isId(action.departmentId)) return invalid('Choose the department to hand the ticket to', 'departmentId');
  const wantedHandler = action.handlerId ?? null;
  if (wantedHandler !== null && !isId(wantedHandler)) return invalid('"handlerId" must be a staff id', 'handlerId');
  if (action.needsSeveralPeople !== undefined && typeof action.needsSeveralPeople !== 'boolean') {
    return invalid('"needsSeveralPeople" must be true or false', 'needsSeveralPeople');
  }
  const note = normalizeTicketText(action.note, 'note', 'note', false);
  if (isRefusal(note)) return note;
  const department = context.department;
  if (!department || department.id !== action.departmentId) throw new Error('decideTicketAction(hand-over): context.department must describe action.departmentId');
  if (!department.active) return invalid('That department is no longer active; choose another from the duty catalog', 'departmentId');

  let handlerId: number | null;
  if (action.needsSeveralPeople) {
    if (wantedHandler !== null) return invalid('A matter needing several people goes to the head of the main department; leave the handler empty', 'handlerId');
    if (department.headId === null) return invalid('That department has no head to coordinate a matter needing several people', 'departmentId');
    handlerId = department.headId;
  } else if (wantedHandler !== null) {
    const staff = context.staff;
    if (!staff || staff.id !== wantedHandler) throw new Error('decideTicketAction(hand-over): context.staff must describe action.handlerId');
    if (!staff.active) return invalid('That person is no longer active; choose another handler', 'handlerId');
    if (staff.departmentId !== department.id) return invalid('That person does not belong to the chosen department', 'handlerId');
    handlerId = wantedHandler;
  } else {
    if (department.headId === null) return invalid('That department has no head to assign the ticket; choose a handler there', 'departmentId');
    handlerId = null;
  }
  if (handlerId !== null && handlerId === state.ownerId) {
    return invalid('You would be handing the ticket to yourself; take it instead', action.needsSeveralPeople ? 'departmentId' : 'handlerId');
  }

  const notify: (TicketNotification | null)[] = [
    handlerId !== null ? notice(handlerId, 'handed_to_you') : notice(department.headId, 'handed_to_department'),
    ...unassignedNotice(state, handlerId),
  ];
  return succeed(
    draft,
    { status: 'handed_over', handlerId, handlerDepartmentId: department.id, handedOverAtMs: draft.nowMs, acceptedAtMs: null },
    [
      event(
        draft,
        'handed_over',
        { departmentId: department.id, handlerId, needsSeveralPeople: action.needsSeveralPeople === true, note, previousHandlerId: state.handlerId },
        false,
      ),
    ],
    notify,
  );
}

function decideAssign(draft: Draft, action: Extract<TicketAction, { type: 'assign' }>, context: TicketDecisionContext): TicketDecision {
  const { state } = draft;
  const head = asStaff(draft.actor);
  if (!isId(action.handlerId)) return invalid('Choose the handler', 'handlerId');
  const note = normalizeTicketText(action.note, 'note', 'note', false);
  if (isRefusal(note)) return note;
  const staff = context.staff;
  if (!staff || staff.id !== action.handlerId) throw new Error('decideTicketAction(assign): context.staff must describe action.handlerId');
  if (action.handlerId === state.handlerId) return invalid('That person is already the handler', 'handlerId');
  if (!staff.active) return invalid('That person is no longer active; choose another handler', 'handlerId');
  if (staff.departmentId !== state.handlerDepartmentId) return invalid('That person does not belong to the department the ticket was handed to', 'handlerId');

  const assigned = event(draft, 'assigned', { handlerId: action.handlerId, note, previousHandlerId: state.handlerId }, false);
  if (action.handlerId === head.id) {
    // A head who assigns himself has accepted it in the same breath.
    return succeed(draft, { status: 'in_progress', handlerId: head.id, acceptedAtMs: draft.nowMs }, [
      assigned,
      event(draft, 'accepted', { handlerId: head.id }, false),
    ], [notice(state.ownerId, 'accepted'), ...unassignedNotice(state, head.id)]);
  }
  return succeed(draft, { handlerId: action.handlerId }, [assigned], [notice(action.handlerId, 'handed_to_you'), ...unassignedNotice(state, action.handlerId)]);
}

function decideReply(draft: Draft, raw: string): TicketDecision {
  const { state, actor } = draft;
  const text = normalizeTicketText(raw, 'text', 'text', true);
  if (isRefusal(text)) return text;
  const replied = event(draft, 'replied', { text }, true);
  if (actor.kind === 'staff') return succeed(draft, {}, [replied]);
  const notify = [notice(state.ownerId, 'customer_replied'), notice(state.handlerId, 'customer_replied')];
  if (state.status !== 'waiting') return succeed(draft, {}, [replied], notify);
  // The customer answered what we were waiting for: the clock runs again without a staff click.
  return succeed(draft, resumedChanges(state), [replied, event(draft, 'resumed', resumedPayload(draft, 'customer_reply'), true)], notify);
}

function decideEscalate(draft: Draft, action: Extract<TicketAction, { type: 'escalate' }>, context: TicketDecisionContext): TicketDecision {
  const { state } = draft;
  const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
  if (isRefusal(reason)) return reason;
  const cause = action.cause ?? 'other';
  if (!(ESCALATION_CAUSES as readonly string[]).includes(cause)) {
    return invalid('"cause" must be handler_unreachable, responsibility_unclear or other', 'cause');
  }
  if (context.ownerSuperiorId === undefined) throw new Error('decideTicketAction(escalate): context.ownerSuperiorId is required');
  const superiorId = context.ownerSuperiorId;
  if (superiorId === null || superiorId === state.ownerId) {
    return { ok: false, code: 'conflict', message: "Nobody above the owner's department has a head to escalate to. Ask an admin to set department heads." };
  }
  return succeed(
    draft,
    { status: 'escalated', escalatedToId: superiorId, handlerId: null, handlerDepartmentId: null, handedOverAtMs: null, acceptedAtMs: null },
    [event(draft, 'escalated', { reason, cause, escalatedToId: superiorId, previousHandlerId: state.handlerId }, false)],
    [notice(superiorId, 'escalated_to_you'), ...unassignedNotice(state, null)],
  );
}

function decideInstruct(draft: Draft, action: Extract<TicketAction, { type: 'instruct' }>, context: TicketDecisionContext): TicketDecision {
  const { state } = draft;
  const instruction = normalizeTicketText(action.instruction, 'instruction', 'instruction', true);
  if (isRefusal(instruction)) return instruction;
  const handlerId = action.handlerId ?? null;
  if (handlerId !== null && !isId(handlerId)) return invalid('"handlerId" must be a staff id', 'handlerId');
  const instructed = event(draft, 'instructed', { instruction, handlerId }, false);
  if (handlerId === null) {
    // An instruction alone returns the ticket to the owner, who acts on it.
    return succeed(draft, { status: 'registered' }, [instructed], [notice(state.ownerId, 'instructed')]);
  }
  const staff = context.staff;
  if (!staff || staff.id !== handlerId) throw new Error('decideTicketAction(instruct): context.staff must describe action.handlerId');
  if (!staff.active) return invalid('That person is no longer active; choose another handler', 'handlerId');
  if (handlerId === state.ownerId) {
    return succeed(
      draft,
      { status: 'in_progress', handlerId, handlerDepartmentId: state.ownerDepartmentId, acceptedAtMs: draft.nowMs },
      [instructed],
      [notice(state.ownerId, 'instructed')],
    );
  }
  return succeed(
    draft,
    { status: 'handed_over', handlerId, handlerDepartmentId: staff.departmentId, handedOverAtMs: draft.nowMs, acceptedAtMs: null },
    [instructed],
    [notice(state.ownerId, 'instructed'), notice(handlerId, 'handed_to_you')],
  );
}

function decideClose(draft: Draft, action: Extract<TicketAction, { type: 'close' }>): TicketDecision {
  const { state } = draft;
  const actor = asStaff(draft.actor);
  const reason = normalizeTicketText(action.reason, 'reason', 'reason', false);
  if (isRefusal(reason)) return reason;
  const unconfirmed = state.status === 'resolved' && state.customerConfirmedAtMs === null;
  if (unconfirmed && reason === null) {
    // The owner cannot get here (checkTicketAction stops him); an admin skipping the callback must say why.
    return invalid(`Say why you close it without a callback${actor.id === state.ownerId ? '' : ' from the owner'}`, 'reason');
  }
  return succeed(draft, { status: 'closed', closedAtMs: draft.nowMs }, [
    event(draft, 'closed', { reason, withoutCallback: unconfirmed, closedFrom: state.status }, true),
  ]);
}

function decideTransferOwnership(
  draft: Draft,
  action: Extract<TicketAction, { type: 'transfer-ownership' }>,
  context: TicketDecisionContext,
): TicketDecision {
  const { state } = draft;
  if (!isId(action.newOwnerId)) return invalid('Choose the new owner', 'newOwnerId');
  const reason = normalizeTicketText(action.reason, 'reason', 'reason', true);
  if (isRefusal(reason)) return reason;
  const staff = context.staff;
  if (!staff || staff.id !== action.newOwnerId) throw new Error('decideTicketAction(transfer-ownership): context.staff must describe action.newOwnerId');
  if (action.newOwnerId === state.ownerId) return invalid('That person already owns the ticket', 'newOwnerId');
  if (!staff.active) return invalid('That person is no longer active; choose another owner', 'newOwnerId');
  // If the old owner was handling it himself, the work moves with the ownership.
  const selfHandled = state.handlerId !== null && state.handlerId === state.ownerId;
  return succeed(
    draft,
    {
      ownerId: staff.id,
      ownerDepartmentId: staff.departmentId,
      ...(selfHandled ? { handlerId: staff.id, handlerDepartmentId: staff.departmentId } : {}),
    },
    [event(draft, 'ownership_transferred', { fromOwnerId: state.ownerId, toOwnerId: staff.id, reason }, false)],
    [notice(staff.id, 'ownership_transferred_to_you')],
  );
}

function resumedChanges(state: TicketState): Partial<TicketState> {
  return {
    status: state.statusBeforeWait ?? (state.handlerId !== null ? 'in_progress' : 'registered'),
    statusBeforeWait: null,
    waitingSinceMs: null,
  };
}

function resumedPayload(draft: Draft, trigger: 'staff' | 'customer_reply'): TicketEventPayload {
  const since = draft.state.waitingSinceMs;
  return { trigger, waitedMs: since === null ? null : Math.max(0, draft.nowMs - since) };
}

function checkChannel(raw: unknown, field: string): TicketChannel | TicketRefusal {
  return (TICKET_CHANNELS as readonly unknown[]).includes(raw)
    ? (raw as TicketChannel)
    : invalid(`"${field}" must be one of ${TICKET_CHANNELS.join(', ')}`, field);
}

function asStaff(actor: TicketActor): StaffTicketActor {
  // checkTicketAction lets only staff reach the staff-only branches.
  if (actor.kind !== 'staff') throw new Error('decideTicketAction: expected a staff actor');
  return actor;
}

function event(draft: Draft, type: TicketEventType, payload: TicketEventPayload, visibleToCustomer: boolean): TicketEvent {
  const { actor } = draft;
  return {
    type,
    action: draft.action.type,
    actorKind: actor.kind,
    actorId: actor.kind === 'staff' ? actor.id : actor.customerId,
    atMs: draft.nowMs,
    payload,
    visibleToCustomer,
  };
}

/** A notice, or a placeholder dropped by `succeed` when there is nobody to tell. */
function notice(recipientId: number | null, kind: TicketNotificationKind): TicketNotification | null {
  return recipientId === null ? null : { recipientId, kind };
}

/** Tells the handler who loses the ticket, unless that is the owner or he keeps it (`newHandlerId`). */
function unassignedNotice(state: TicketState, newHandlerId: number | null): (TicketNotification | null)[] {
  const previous = state.handlerId;
  if (previous === null || previous === state.ownerId || previous === newHandlerId) return [];
  return [notice(previous, 'unassigned')];
}

function succeed(
  draft: Draft,
  changes: Partial<TicketState>,
  events: TicketEvent[],
  notify: (TicketNotification | null)[] = [],
): TicketDecision {
  const actorStaffId = draft.actor.kind === 'staff' ? draft.actor.id : null;
  const seen = new Set<string>();
  const kept: TicketNotification[] = [];
  for (const n of notify) {
    // Nobody is told about their own action, and nobody twice about the same thing.
    if (n === null || n.recipientId === actorStaffId) continue;
    const key = `${n.recipientId}:${n.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(n);
  }
  return { ok: true, next: { ...draft.state, ...changes, version: draft.state.version + 1 }, events, notify: kept };
}

