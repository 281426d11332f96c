import type { CommitmentVersionSpec } from './commitment-spec.ts';
import { deriveTicketClocks, type ClockCalendar, type ClockTimelineEvent, type ExistingClock } from './derive-ticket-clocks.ts';

/** A clock to measure: the version it runs on and when it started. */
export interface MeasuredClock {
  spec: CommitmentVersionSpec;
  startedAtMs: number;
}

export interface MeasureStageUseInput {
  /** The ticket's timeline (clock_* events are ignored); events after `atMs` are not looked at. */
  timeline: readonly ClockTimelineEvent[];
  /** The level-1 clock the stages run under. */
  parent: MeasuredClock;
  stages: readonly MeasuredClock[];
  calendars: ReadonlyMap<number, ClockCalendar>;
  /** The instant to measure at: the parent's due time, when its promise broke. */
  atMs: number;
}

const NO_FACTS = { ownerId: null, ownerDepartmentId: null, handlerId: null, handlerDepartmentId: null };

function asOpen(c: MeasuredClock, parentCommitmentId: number | null): ExistingClock {
  return {
    spec: c.spec, parentCommitmentId, state: 'running', startedAtMs: c.startedAtMs, elapsedMsBefore: 0, runningSinceMs: null, pausedAtMs: null,
    warnAtMs: null, dueAtMs: null, stoppedAtMs: null, elapsedMinutes: null, lateMinutes: null, calendarVersion: 0, responsibleDepartmentId: null,
    responsibleStaffId: null, nextFireAtMs: null, warned: false, breachedAtMs: null, escalationStep: 0,
  };
}

/**
 * The business milliseconds each stage had used at `atMs`, by commitment id: the stages derived
 * again from the timeline as it stood then, so a breach fired late (after downtime) does not charge
 * a stage for the time that passed after the promise had already broken. A stage that had not
 * started by then used nothing.
 */
export function measureStageUseAt(input: MeasureStageUseInput): Map<number, number> {
  const timeline = input.timeline.filter((e) => e.atMs <= input.atMs);
  const parentId = input.parent.spec.commitmentId;
  const started = input.stages.filter((s) => s.startedAtMs <= input.atMs);
  const derived = deriveTicketClocks({
    timeline,
    facts: NO_FACTS,
    candidates: [],
    existing: [asOpen(input.parent, null), ...started.map((s) => asOpen(s, parentId))],
    calendars: input.calendars,
    nowMs: input.atMs,
  });
  const used = new Map(input.stages.map((s) => [s.spec.commitmentId, 0]));
  for (const c of derived) if (c.commitmentId !== parentId && used.has(c.commitmentId)) used.set(c.commitmentId, c.elapsedMs);
  return used;
}
