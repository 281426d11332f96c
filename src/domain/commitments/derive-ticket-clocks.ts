import { addBusinessMilliseconds, businessMillisecondsBetween, type CompiledCalendar } from '../calendar/index.ts';
import type { CommitmentVersionSpec } from './commitment-spec.ts';
import { computeNextFiring } from './compute-next-fire-at.ts';

const MINUTE_MS = 60_000;

/**
 * Clocks are a projection of the ticket's timeline (PRODUCT.md §2). Given the whole timeline, the
 * ticket's people, the commitments that could start a clock and the clocks already stored, this
 * says what every clock is — the same answer however often and whenever it is asked.
 *
 * Rules (kept in one place so the engine, the calendar editor and the tests agree):
 * - A clock starts at the first occurrence of its start event once the commitment exists, on the
 *   version in force at that instant (editing a commitment never moves a running clock; a ticket
 *   that starts later gets the new version). If that version does not apply to the ticket, none does.
 * - A stage clock (level 2–3) starts only while its parent commitment's clock on the ticket runs
 *   (started, not stopped), and stops when the parent stops if its own stop event has not come.
 * - It stops at the first later occurrence of its stop event, or when the ticket is closed. A
 *   stopped clock stays stopped: a reopened ticket does not restart it (a commitment that starts on
 *   `reopened` measures the reopened work). Stopped clocks already stored are final and returned as
 *   they are, so a calendar edited later never rewrites history.
 * - With `pauseOnWait`, `waiting_started` pauses it and the end of the wait (`resumed`, or a
 *   resolve/close/reopen) lets it run again.
 * - Budget: the target in business minutes of its calendar. warnAt / dueAt are the instants the
 *   warn share / the whole target were used up: exact when already past, projected from the running
 *   stretch with the remaining budget while running, null while paused before them.
 * - state: met when stopped within target; breached when stopped late (lateMinutes, at least 1) or
 *   when the scheduler fired the breach (breachedAtMs) and it still runs; else running / paused.
 * - Responsible: the commitment's department, or the ticket's owner / handler (the owner while
 *   nobody handles it) as they are now; kept from the stored clock once it stopped.
 */

export interface ClockTimelineEvent {
  /** The event id: the timeline's order. */
  id: number;
  type: string;
  atMs: number;
}

export interface ClockTicketFacts {
  ownerId: number | null;
  ownerDepartmentId: number | null;
  handlerId: number | null;
  handlerDepartmentId: number | null;
}

export interface ClockCalendar {
  version: number;
  calendar: CompiledCalendar;
}

/** An active commitment that may start a new clock: every version, with whether it applies to this ticket. */
export interface ClockCommitmentCandidate {
  commitmentId: number;
  parentCommitmentId: number | null;
  versions: readonly { spec: CommitmentVersionSpec; applies: boolean }[];
}

export const CLOCK_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** A clock as stored, with the version it is pinned to. */
export interface ExistingClock {
  spec: CommitmentVersionSpec;
  /** The commitment of the clock it is stored under (null for level 1). */
  parentCommitmentId: number | null;
  state: ClockState;
  startedAtMs: number;
  elapsedMsBefore: number;
  runningSinceMs: number | null;
  pausedAtMs: number | null;
  warnAtMs: number | null;
  dueAtMs: number | null;
  stoppedAtMs: number | null;
  elapsedMinutes: number | null;
  lateMinutes: number | null;
  calendarVersion: number;
  responsibleDepartmentId: number | null;
  responsibleStaffId: number | null;
  nextFireAtMs: number | null;
  /** Owned by the scheduler: read, never changed here. */
  warned: boolean;
  breachedAtMs: number | null;
  escalationStep: number;
}

export interface DeriveTicketClocksInput {
  timeline: readonly ClockTimelineEvent[];
  facts: ClockTicketFacts;
  candidates: readonly ClockCommitmentCandidate[];
  existing: readonly ExistingClock[];
  calendars: ReadonlyMap<number, ClockCalendar>;
  nowMs: number;
}

export interface DerivedClock {
  commitmentId: number;
  version: number;
  level: number;
  parentCommitmentId: number | null;
  /** No clock was stored for it yet. */
  isNew: boolean;
  /** Stored and already stopped, or not found on the timeline: returned as stored, nothing to write. */
  unchanged: boolean;
  state: ClockState;
  startedAtMs: number;
  /** Business ms counted before `runningSinceMs` (all of them while paused or stopped). */
  elapsedMsBefore: number;
  runningSinceMs: number | null;
  pausedAtMs: number | null;
  warnAtMs: number | null;
  dueAtMs: number | null;
  stoppedAtMs: number | null;
  /** Business minutes used, when stopped. */
  elapsedMinutes: number | null;
  /** How late a clock stopped after its target, in business minutes. */
  lateMinutes: number | null;
  calendarId: number;
  calendarVersion: number;
  responsibleDepartmentId: number | null;
  responsibleStaffId: number | null;
  /** computeNextFiring(...).atMs, or null. */
  nextFireAtMs: number | null;
  targetMinutes: number;
  /** Business ms used as of `nowMs`. */
  elapsedMs: number;
}

/** Events that end a wait on the customer. */
const ENDS_WAIT = new Set(['resumed', 'resolved', 'closed', 'reopened']);

export function deriveTicketClocks(input: DeriveTicketClocksInput): DerivedClock[] {
  const events = orderTimeline(input.timeline);
  const waitingAfter = computeWaitingAfter(events);
  const existingById = new Map(input.existing.map((c) => [c.spec.commitmentId, c]));
  const candidateById = new Map(input.candidates.map((c) => [c.commitmentId, c]));
  const pending = new Map<number, number | null>();
  for (const c of input.existing) pending.set(c.spec.commitmentId, c.parentCommitmentId);
  for (const c of input.candidates) if (!pending.has(c.commitmentId)) pending.set(c.commitmentId, c.parentCommitmentId);

  const derived = new Map<number, DerivedClock>();
  const decided = new Set<number>();
  // Parents before their stages: a stage needs its parent's start and stop.
  let progress = true;
  while (progress) {
    progress = false;
    for (const [commitmentId, parentId] of [...pending].sort((a, b) => a[0] - b[0])) {
      if (parentId !== null && pending.has(parentId) && !decided.has(parentId)) continue;
      pending.delete(commitmentId);
      decided.add(commitmentId);
      progress = true;
      const parent = parentId === null ? null : (derived.get(parentId) ?? null);
      const existing = existingById.get(commitmentId);
      const clock = existing
        ? deriveExisting(existing, parent, events, waitingAfter, input)
        : deriveNew(candidateById.get(commitmentId)!, parent, events, waitingAfter, input);
      if (clock) derived.set(commitmentId, clock);
    }
  }
  // Whatever is left sits under a parent that loops back to it: stored clocks stay as they are.
  for (const commitmentId of pending.keys()) {
    const existing = existingById.get(commitmentId);
    if (existing) derived.set(commitmentId, asStored(existing, input.nowMs, input.calendars));
  }
  return [...derived.values()];
}

function orderTimeline(timeline: readonly ClockTimelineEvent[]): ClockTimelineEvent[] {
  const sorted = timeline.filter((e) => !e.type.startsWith('clock_')).sort((a, b) => a.id - b.id);
  // The timeline's order is its id order; a clock skew between instances must not run time backwards.
  let last = -Infinity;
  return sorted.map((e) => {
    last = Math.max(last, e.atMs);
    return e.atMs === last ? e : { ...e, atMs: last };
  });
}

function computeWaitingAfter(events: readonly ClockTimelineEvent[]): boolean[] {
  let waiting = false;
  return events.map((e) => {
    if (e.type === 'waiting_started') waiting = true;
    else if (ENDS_WAIT.has(e.type)) waiting = false;
    return waiting;
  });
}

function deriveExisting(
  existing: ExistingClock,
  parent: DerivedClock | null,
  events: readonly ClockTimelineEvent[],
  waitingAfter: readonly boolean[],
  input: DeriveTicketClocksInput,
): DerivedClock {
  if (existing.stoppedAtMs !== null) return asStored(existing, input.nowMs, input.calendars);
  const calendar = input.calendars.get(existing.spec.calendarId);
  const startIndex = events.findIndex((e) => e.type === existing.spec.startEvent && e.atMs >= existing.startedAtMs);
  if (!calendar || startIndex < 0) return asStored(existing, input.nowMs, input.calendars);
  return simulate(existing.spec, calendar, startIndex, parent, events, waitingAfter, input, existing);
}

function deriveNew(
  candidate: ClockCommitmentCandidate,
  parent: DerivedClock | null,
  events: readonly ClockTimelineEvent[],
  waitingAfter: readonly boolean[],
  input: DeriveTicketClocksInput,
): DerivedClock | null {
  if (candidate.parentCommitmentId !== null && parent === null) return null;
  const versions = [...candidate.versions].sort((a, b) => a.spec.createdAtMs - b.spec.createdAtMs || a.spec.version - b.spec.version);
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i]!;
    if (parent && parent.stoppedAtMs !== null && event.atMs >= parent.stoppedAtMs) return null;
    if (parent && event.atMs < parent.startedAtMs) continue;
    const inForce = findLast(versions, (v) => v.spec.createdAtMs <= event.atMs);
    if (!inForce || event.type !== inForce.spec.startEvent) continue;
    // The first chance under the commitment decides: a version that does not apply starts nothing.
    if (!inForce.applies) return null;
    const calendar = input.calendars.get(inForce.spec.calendarId);
    if (!calendar) return null;
    return simulate(inForce.spec, calendar, i, parent, events, waitingAfter, input, null);
  }
  return null;
}

function simulate(
  spec: CommitmentVersionSpec,
  { calendar, version: calendarVersion }: ClockCalendar,
  startIndex: number,
  parent: DerivedClock | null,
  events: readonly ClockTimelineEvent[],
  waitingAfter: readonly boolean[],
  input: DeriveTicketClocksInput,
  existing: ExistingClock | null,
): DerivedClock {
  const startedAtMs = events[startIndex]!.atMs;
  const parentStopMs = parent?.stoppedAtMs ?? null;
  const stretches: [number, number][] = [];
  let runStart: number | null = spec.pauseOnWait && waitingAfter[startIndex] ? null : startedAtMs;
  let pausedAtMs: number | null = runStart === null ? startedAtMs : null;
  let stoppedAtMs: number | null = null;

  for (let i = startIndex + 1; i < events.length; i += 1) {
    const { type, atMs } = events[i]!;
    if (parentStopMs !== null && atMs > parentStopMs) break;
    if (type === spec.stopEvent || type === 'closed') {
      stoppedAtMs = atMs;
      break;
    }
    if (!spec.pauseOnWait) continue;
    if (runStart !== null && waitingAfter[i]) {
      stretches.push([runStart, atMs]);
      runStart = null;
      pausedAtMs = atMs;
    } else if (runStart === null && !waitingAfter[i]) {
      runStart = atMs;
      pausedAtMs = null;
    }
  }
  if (stoppedAtMs === null && parentStopMs !== null) stoppedAtMs = Math.max(parentStopMs, startedAtMs);
  const runningAtStop = stoppedAtMs !== null && runStart !== null;
  if (stoppedAtMs !== null && runStart !== null) {
    stretches.push([runStart, stoppedAtMs]);
    runStart = null;
  }

  const targetMs = spec.targetMinutes * MINUTE_MS;
  const warnMs = Math.round(spec.warnShare * targetMs);
  let usedMs = 0;
  let warnAtMs: number | null = null;
  let dueAtMs: number | null = null;
  let lastStretch: { startMs: number; usedBeforeMs: number } | null = null;
  for (const [s, e] of stretches) {
    const used = businessMillisecondsBetween(s, e, calendar);
    if (warnAtMs === null && usedMs + used >= warnMs) warnAtMs = addBusinessMilliseconds(s, warnMs - usedMs, calendar);
    if (dueAtMs === null && usedMs + used >= targetMs) dueAtMs = addBusinessMilliseconds(s, targetMs - usedMs, calendar);
    lastStretch = { startMs: s, usedBeforeMs: usedMs };
    usedMs += used;
  }
  // Projected from the stretch that runs now (or ran until the stop) with the budget left then.
  const projectFrom = runStart !== null ? { startMs: runStart, usedBeforeMs: usedMs } : runningAtStop ? lastStretch : null;
  if (projectFrom) {
    warnAtMs ??= addBusinessMilliseconds(projectFrom.startMs, warnMs - projectFrom.usedBeforeMs, calendar);
    dueAtMs ??= addBusinessMilliseconds(projectFrom.startMs, targetMs - projectFrom.usedBeforeMs, calendar);
  }

  const elapsedMs = runStart === null ? usedMs : usedMs + businessMillisecondsBetween(runStart, Math.max(runStart, input.nowMs), calendar);
  const breachedAtMs = existing?.breachedAtMs ?? null;
  let state: ClockState;
  let elapsedMinutes: number | null = null;
  let lateMinutes: number | null = null;
  if (stoppedAtMs !== null) {
    elapsedMinutes = Math.round(usedMs / MINUTE_MS);
    if (usedMs <= targetMs) state = 'met';
    else {
      state = 'breached';
      lateMinutes = Math.max(1, Math.round((usedMs - targetMs) / MINUTE_MS));
    }
  } else if (runStart === null) state = 'paused';
  else state = breachedAtMs !== null ? 'breached' : 'running';

  const responsible = resolveResponsible(spec, input.facts);
  const warned = existing?.warned ?? false;
  const escalationStep = existing?.escalationStep ?? 0;
  const next = computeNextFiring(
    { state, stoppedAtMs, warned, warnAtMs, dueAtMs, breachedAtMs, escalationStep, escalateAfterMinutes: spec.escalateAfterMinutes },
    calendar,
  );
  return {
    commitmentId: spec.commitmentId,
    version: spec.version,
    level: spec.level,
    parentCommitmentId: existing ? existing.parentCommitmentId : spec.parentCommitmentId,
    isNew: existing === null,
    unchanged: false,
    state,
    startedAtMs,
    elapsedMsBefore: usedMs,
    runningSinceMs: runStart,
    pausedAtMs: stoppedAtMs === null ? pausedAtMs : null,
    warnAtMs,
    dueAtMs,
    stoppedAtMs,
    elapsedMinutes,
    lateMinutes,
    calendarId: spec.calendarId,
    calendarVersion,
    responsibleDepartmentId: responsible.departmentId,
    responsibleStaffId: responsible.staffId,
    nextFireAtMs: next?.atMs ?? null,
    targetMinutes: spec.targetMinutes,
    elapsedMs,
  };
}

function resolveResponsible(spec: CommitmentVersionSpec, facts: ClockTicketFacts): { departmentId: number | null; staffId: number | null } {
  const r = spec.responsible;
  if (r.kind === 'department') return { departmentId: r.departmentId, staffId: null };
  if (r.kind === 'handler' && (facts.handlerId !== null || facts.handlerDepartmentId !== null)) {
    return { departmentId: facts.handlerDepartmentId, staffId: facts.handlerId };
  }
  return { departmentId: facts.ownerDepartmentId, staffId: facts.ownerId };
}

function asStored(existing: ExistingClock, nowMs: number, calendars: ReadonlyMap<number, ClockCalendar>): DerivedClock {
  const calendar = calendars.get(existing.spec.calendarId)?.calendar;
  const running = existing.runningSinceMs !== null && existing.stoppedAtMs === null;
  const elapsedMs =
    running && calendar
      ? existing.elapsedMsBefore + businessMillisecondsBetween(existing.runningSinceMs!, Math.max(existing.runningSinceMs!, nowMs), calendar)
      : existing.elapsedMsBefore;
  return {
    commitmentId: existing.spec.commitmentId,
    version: existing.spec.version,
    level: existing.spec.level,
    parentCommitmentId: existing.parentCommitmentId,
    isNew: false,
    unchanged: true,
    state: existing.state,
    startedAtMs: existing.startedAtMs,
    elapsedMsBefore: existing.elapsedMsBefore,
    runningSinceMs: existing.runningSinceMs,
    pausedAtMs: existing.pausedAtMs,
    warnAtMs: existing.warnAtMs,
    dueAtMs: existing.dueAtMs,
    stoppedAtMs: existing.stoppedAtMs,
    elapsedMinutes: existing.elapsedMinutes,
    lateMinutes: existing.lateMinutes,
    calendarId: existing.spec.calendarId,
    calendarVersion: existing.calendarVersion,
    responsibleDepartmentId: existing.responsibleDepartmentId,
    responsibleStaffId: existing.responsibleStaffId,
    nextFireAtMs: existing.nextFireAtMs,
    targetMinutes: existing.spec.targetMinutes,
    elapsedMs,
  };
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i]!)) return items[i];
  return undefined;
}
