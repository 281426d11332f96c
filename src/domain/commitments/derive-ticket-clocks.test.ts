import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build24x7Calendar, buildChinaMainlandCalendar, compileCalendar } from '../calendar/index.ts';
import type { CommitmentVersionSpec } from './commitment-spec.ts';
import {
  deriveTicketClocks,
  type ClockCalendar,
  type ClockCommitmentCandidate,
  type ClockTicketFacts,
  type ClockTimelineEvent,
  type DerivedClock,
  type DeriveTicketClocksInput,
  type ExistingClock,
} from './derive-ticket-clocks.ts';

const MIN = 60_000;
const AROUND = 1;
const CHINA = 2;
const calendars = new Map<number, ClockCalendar>([
  [AROUND, { version: 1, calendar: compileCalendar(build24x7Calendar('Asia/Shanghai')) }],
  [CHINA, { version: 4, calendar: compileCalendar(buildChinaMainlandCalendar()) }],
]);
const T0 = Date.parse('2025-03-07T17:00:00+08:00'); // a Friday, 17:00 in Shanghai
const facts: ClockTicketFacts = { ownerId: 10, ownerDepartmentId: 100, handlerId: null, handlerDepartmentId: null };

const spec = (o: Partial<CommitmentVersionSpec> = {}): CommitmentVersionSpec => ({
  commitmentId: 1,
  version: 1,
  level: 1,
  parentCommitmentId: null,
  startEvent: 'registered',
  stopEvent: 'resolved',
  pauseOnWait: true,
  targetMinutes: 60,
  warnShare: 0.8,
  calendarId: AROUND,
  responsible: { kind: 'owner' },
  escalateAfterMinutes: [],
  createdAtMs: T0 - 86_400_000,
  ...o,
});
const candidate = (s: CommitmentVersionSpec, applies = true): ClockCommitmentCandidate => ({ commitmentId: s.commitmentId, parentCommitmentId: s.parentCommitmentId, versions: [{ spec: s, applies }] });

/** Events at minutes after T0, ids in order. */
function timeline(...entries: [string, number][]): ClockTimelineEvent[] {
  return entries.map(([type, minutes], i) => ({ id: i + 1, type, atMs: T0 + minutes * MIN }));
}

function derive(o: Partial<DeriveTicketClocksInput>): DerivedClock[] {
  return deriveTicketClocks({ timeline: [], facts, candidates: [], existing: [], calendars, nowMs: T0, ...o });
}

/** A derived clock as the engine would store it, to derive again. */
function toExisting(clock: DerivedClock, s: CommitmentVersionSpec, scheduler: Partial<ExistingClock> = {}): ExistingClock {
  return {
    spec: s,
    parentCommitmentId: clock.parentCommitmentId,
    state: clock.state,
    startedAtMs: clock.startedAtMs,
    elapsedMsBefore: clock.elapsedMsBefore,
    runningSinceMs: clock.runningSinceMs,
    pausedAtMs: clock.pausedAtMs,
    warnAtMs: clock.warnAtMs,
    dueAtMs: clock.dueAtMs,
    stoppedAtMs: clock.stoppedAtMs,
    elapsedMinutes: clock.elapsedMinutes,
    lateMinutes: clock.lateMinutes,
    calendarVersion: clock.calendarVersion,
    responsibleDepartmentId: clock.responsibleDepartmentId,
    responsibleStaffId: clock.responsibleStaffId,
    nextFireAtMs: clock.nextFireAtMs,
    warned: false,
    breachedAtMs: null,
    escalationStep: 0,
    ...scheduler,
  };
}

describe('deriveTicketClocks: one level-1 clock', () => {
  it('runs from registration with its warn and due instants projected', () => {
    const [clock] = derive({ timeline: timeline(['registered', 0]), candidates: [candidate(spec())], nowMs: T0 + 10 * MIN });
    expect(clock).toMatchObject({
      commitmentId: 1, version: 1, level: 1, isNew: true, state: 'running', startedAtMs: T0, runningSinceMs: T0, elapsedMsBefore: 0,
      warnAtMs: T0 + 48 * MIN, dueAtMs: T0 + 60 * MIN, stoppedAtMs: null, elapsedMinutes: null, lateMinutes: null,
      nextFireAtMs: T0 + 48 * MIN, elapsedMs: 10 * MIN, responsibleStaffId: 10, responsibleDepartmentId: 100, calendarVersion: 1,
    });
  });

  it('is met when stopped within target, and breached with how late when not', () => {
    const [met] = derive({ timeline: timeline(['registered', 0], ['resolved', 45]), candidates: [candidate(spec())] });
    expect(met).toMatchObject({ state: 'met', stoppedAtMs: T0 + 45 * MIN, elapsedMinutes: 45, lateMinutes: null, runningSinceMs: null, nextFireAtMs: null, warnAtMs: T0 + 48 * MIN, dueAtMs: T0 + 60 * MIN });
    const [late] = derive({ timeline: timeline(['registered', 0], ['resolved', 75]), candidates: [candidate(spec())] });
    expect(late).toMatchObject({ state: 'breached', elapsedMinutes: 75, lateMinutes: 15, dueAtMs: T0 + 60 * MIN, nextFireAtMs: null });
    // Exactly on time is on time.
    const [onTime] = derive({ timeline: timeline(['registered', 0], ['resolved', 60]), candidates: [candidate(spec())] });
    expect(onTime!.state).toBe('met');
  });

  it('pauses while waiting on the customer and moves the due time by the pause', () => {
    const events = timeline(['registered', 0], ['waiting_started', 10], ['resumed', 40]);
    const [running] = derive({ timeline: events, candidates: [candidate(spec())], nowMs: T0 + 50 * MIN });
    expect(running).toMatchObject({ state: 'running', elapsedMsBefore: 10 * MIN, runningSinceMs: T0 + 40 * MIN, dueAtMs: T0 + 90 * MIN, warnAtMs: T0 + 78 * MIN, elapsedMs: 20 * MIN });

    const [paused] = derive({ timeline: events.slice(0, 2), candidates: [candidate(spec())], nowMs: T0 + 30 * MIN });
    expect(paused).toMatchObject({ state: 'paused', elapsedMsBefore: 10 * MIN, runningSinceMs: null, pausedAtMs: T0 + 10 * MIN, warnAtMs: null, dueAtMs: null, nextFireAtMs: null, elapsedMs: 10 * MIN });

    const [stopped] = derive({ timeline: [...events, { id: 4, type: 'resolved', atMs: T0 + 70 * MIN }], candidates: [candidate(spec())] });
    expect(stopped).toMatchObject({ state: 'met', elapsedMinutes: 40 });

    const [ignoring] = derive({ timeline: events, candidates: [candidate(spec({ pauseOnWait: false }))], nowMs: T0 + 50 * MIN });
    expect(ignoring).toMatchObject({ state: 'running', runningSinceMs: T0, dueAtMs: T0 + 60 * MIN });
  });

  it('starts paused when it starts while the ticket waits, and a customer reply that resumes it counts', () => {
    const events = timeline(['registered', 0], ['waiting_started', 5], ['contact_logged', 10], ['replied', 30], ['resumed', 30]);
    const [clock] = derive({ timeline: events, candidates: [candidate(spec({ startEvent: 'contact_logged', stopEvent: 'resolved' }))], nowMs: T0 + 40 * MIN });
    expect(clock).toMatchObject({ startedAtMs: T0 + 10 * MIN, state: 'running', runningSinceMs: T0 + 30 * MIN, elapsedMsBefore: 0, elapsedMs: 10 * MIN });
  });

  it('stops when the ticket is closed, and a reopen does not start it again', () => {
    const events = timeline(['registered', 0], ['contact_logged', 5], ['closed', 20], ['reopened', 30]);
    const clocks = derive({
      timeline: events,
      candidates: [candidate(spec({ stopEvent: 'called_back' })), candidate(spec({ commitmentId: 2, startEvent: 'reopened', stopEvent: 'resolved' }))],
      nowMs: T0 + 40 * MIN,
    });
    expect(clocks.map((c) => [c.commitmentId, c.state, c.stoppedAtMs])).toEqual([
      [1, 'met', T0 + 20 * MIN],
      [2, 'running', null],
    ]);
    expect(clocks[1]!.startedAtMs).toBe(T0 + 30 * MIN);
  });

  it('counts only working time on the China mainland calendar', () => {
    const s = spec({ calendarId: CHINA, targetMinutes: 480 });
    const [clock] = derive({ timeline: timeline(['registered', 0]), candidates: [candidate(s)], nowMs: T0 + 3 * 86_400_000 });
    // Friday 17:00–18:00 is 60 minutes; Monday 09:00–12:00 and 13:00–17:00 make up the other 420.
    expect(clock).toMatchObject({ dueAtMs: Date.parse('2025-03-10T17:00:00+08:00'), warnAtMs: Date.parse('2025-03-10T15:24:00+08:00'), calendarVersion: 4 });
    // On Monday 10:00 it has used Friday's hour and Monday's first.
    const [monday] = derive({ timeline: timeline(['registered', 0]), candidates: [candidate(s)], nowMs: Date.parse('2025-03-10T10:00:00+08:00') });
    expect(monday!.elapsedMs).toBe(120 * MIN);
  });

  it('keeps what the scheduler did: a fired breach makes a running clock breached and the next firing an escalation', () => {
    const s = spec({ escalateAfterMinutes: [30, 90] });
    const events = timeline(['registered', 0]);
    const [first] = derive({ timeline: events, candidates: [candidate(s)] });
    const stored = toExisting(first!, s, { warned: true, breachedAtMs: T0 + 60 * MIN, escalationStep: 1 });
    const [again] = derive({ timeline: events, existing: [stored], nowMs: T0 + 100 * MIN });
    expect(again).toMatchObject({ isNew: false, state: 'breached', stoppedAtMs: null, nextFireAtMs: T0 + 150 * MIN });
    // Met late afterwards: how late is recorded.
    const [metLate] = derive({ timeline: [...events, { id: 2, type: 'resolved', atMs: T0 + 80 * MIN }], existing: [stored] });
    expect(metLate).toMatchObject({ state: 'breached', lateMinutes: 20, elapsedMinutes: 80, nextFireAtMs: null });
  });

  it('returns a stopped stored clock untouched, whatever the timeline says now', () => {
    const s = spec();
    const [met] = derive({ timeline: timeline(['registered', 0], ['resolved', 30]), candidates: [candidate(s)] });
    const stored = toExisting(met!, s);
    const [again] = derive({ timeline: timeline(['registered', 0], ['resolved', 30], ['reopened', 40], ['resolved', 200]), existing: [stored], candidates: [candidate(s)] });
    expect(again).toMatchObject({ unchanged: true, state: 'met', elapsedMinutes: 30, stoppedAtMs: T0 + 30 * MIN });
  });
});

describe('deriveTicketClocks: versions and applicability', () => {
  const v1 = spec({ version: 1, targetMinutes: 60, createdAtMs: T0 - 1000 });
  const v2 = spec({ version: 2, targetMinutes: 30, createdAtMs: T0 + 5 * MIN });
  const both: ClockCommitmentCandidate = { commitmentId: 1, parentCommitmentId: null, versions: [{ spec: v2, applies: true }, { spec: v1, applies: true }] };

  it('starts on the version in force when the start event happened', () => {
    expect(derive({ timeline: timeline(['registered', 0]), candidates: [both] })[0]).toMatchObject({ version: 1, targetMinutes: 60 });
    expect(derive({ timeline: timeline(['registered', 10]), candidates: [both] })[0]).toMatchObject({ version: 2, targetMinutes: 30, dueAtMs: T0 + 40 * MIN });
  });

  it('keeps a running clock on the version it started with', () => {
    const events = timeline(['registered', 0]);
    const [first] = derive({ timeline: events, candidates: [both] });
    const [again] = derive({ timeline: [...events, { id: 2, type: 'note_added', atMs: T0 + 20 * MIN }], candidates: [both], existing: [toExisting(first!, v1)] });
    expect(again).toMatchObject({ version: 1, isNew: false, dueAtMs: T0 + 60 * MIN });
  });

  it('starts nothing for a ticket that began before the commitment existed, or that it does not apply to', () => {
    expect(derive({ timeline: timeline(['registered', 0]), candidates: [candidate(spec({ createdAtMs: T0 + 1 }))] })).toEqual([]);
    expect(derive({ timeline: timeline(['registered', 0]), candidates: [candidate(spec(), false)] })).toEqual([]);
    // A later occurrence after the commitment was created does start it.
    const later = derive({ timeline: timeline(['registered', 0], ['contact_logged', 10], ['contact_logged', 30]), candidates: [candidate(spec({ startEvent: 'contact_logged', createdAtMs: T0 + 20 * MIN }))] });
    expect(later[0]!.startedAtMs).toBe(T0 + 30 * MIN);
  });
});

describe('deriveTicketClocks: stage clocks', () => {
  const parent = spec({ commitmentId: 1, targetMinutes: 240 });
  const handover = spec({ commitmentId: 2, level: 2, parentCommitmentId: 1, startEvent: 'registered', stopEvent: 'handed_over', targetMinutes: 30, responsible: { kind: 'owner' } });
  const accept = spec({ commitmentId: 3, level: 2, parentCommitmentId: 1, startEvent: 'handed_over', stopEvent: 'accepted', targetMinutes: 60, responsible: { kind: 'handler' } });
  const deep = spec({ commitmentId: 4, level: 3, parentCommitmentId: 3, startEvent: 'handed_over', stopEvent: 'assigned', targetMinutes: 20, responsible: { kind: 'department', departmentId: 7 } });

  it('start under the running parent clock and answer to their own responsible', () => {
    const clocks = derive({
      timeline: timeline(['registered', 0], ['handed_over', 20], ['assigned', 30]),
      candidates: [candidate(deep), candidate(accept), candidate(handover), candidate(parent)],
      facts: { ...facts, handlerId: 11, handlerDepartmentId: 101 },
      nowMs: T0 + 40 * MIN,
    });
    expect(clocks.map((c) => [c.commitmentId, c.parentCommitmentId, c.state, c.startedAtMs - T0, c.responsibleStaffId, c.responsibleDepartmentId])).toEqual([
      [1, null, 'running', 0, 10, 100],
      [2, 1, 'met', 0, 10, 100],
      [3, 1, 'running', 20 * MIN, 11, 101],
      [4, 3, 'met', 20 * MIN, null, 7],
    ]);
  });

  it('stop when their parent stops, and never start without it', () => {
    const clocks = derive({ timeline: timeline(['registered', 0], ['handed_over', 20], ['resolved', 50], ['accepted', 60]), candidates: [candidate(parent), candidate(accept)] });
    expect(clocks.map((c) => [c.commitmentId, c.state, c.stoppedAtMs! - T0])).toEqual([
      [1, 'met', 50 * MIN],
      [3, 'met', 50 * MIN],
    ]);
    // The parent does not apply to this ticket: its stages start nothing either.
    expect(derive({ timeline: timeline(['registered', 0], ['handed_over', 20]), candidates: [candidate(parent, false), candidate(accept)] })).toEqual([]);
    // A stage whose start comes only after the parent stopped starts nothing.
    const after = derive({ timeline: timeline(['registered', 0], ['resolved', 10], ['reopened', 20], ['handed_over', 30]), candidates: [candidate(parent), candidate(accept)] });
    expect(after.map((c) => c.commitmentId)).toEqual([1]);
  });
});

describe('deriveTicketClocks: properties', () => {
  const RUNS = { numRuns: 150 };
  const calendarId = fc.constantFrom(AROUND, CHINA);
  /** Alternating waits and resumes at increasing minutes after registration. */
  const waits = fc.array(fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 })), { maxLength: 5 });
  const target = fc.integer({ min: 1, max: 5000 });

  function withWaits(pairs: [number, number][], extra: [string, number][] = []): ClockTimelineEvent[] {
    const entries: [string, number][] = [['registered', 0]];
    let at = 0;
    for (const [gap, length] of pairs) {
      at += gap;
      entries.push(['waiting_started', at]);
      at += length;
      entries.push(['resumed', at]);
    }
    for (const [type, gap] of extra) {
      at += gap;
      entries.push([type, at]);
    }
    return timeline(...entries);
  }

  it('pausing never makes a clock due sooner', () => {
    fc.assert(
      fc.property(calendarId, target, waits, (cal, minutes, pairs) => {
        const s = spec({ calendarId: cal, targetMinutes: minutes });
        const [paused] = derive({ timeline: withWaits(pairs), candidates: [candidate(s)] });
        const [straight] = derive({ timeline: withWaits([]), candidates: [candidate(s)] });
        expect(paused!.dueAtMs!).toBeGreaterThanOrEqual(straight!.dueAtMs!);
        expect(paused!.warnAtMs!).toBeGreaterThanOrEqual(straight!.warnAtMs!);
      }),
      RUNS,
    );
  });

  it('never counts more than the wall-clock time on a 24x7 calendar, and exactly it when waits do not pause', () => {
    fc.assert(
      fc.property(target, waits, fc.boolean(), fc.integer({ min: 0, max: 20_000 }), (minutes, pairs, stop, nowAfter) => {
        const events = withWaits(pairs, stop ? [['resolved', 7]] : []);
        const lastMs = events[events.length - 1]!.atMs;
        const nowMs = lastMs + nowAfter * MIN;
        const [clock] = derive({ timeline: events, candidates: [candidate(spec({ targetMinutes: minutes }))], nowMs });
        const endMs = clock!.stoppedAtMs ?? nowMs;
        expect(clock!.elapsedMs).toBeLessThanOrEqual(endMs - T0);
        const [ignoring] = derive({ timeline: events, candidates: [candidate(spec({ targetMinutes: minutes, pauseOnWait: false }))], nowMs });
        expect(ignoring!.elapsedMs).toBe(endMs - T0);
      }),
      RUNS,
    );
  });

  it('gives the same clocks when the timeline is replayed, from nothing or from what it stored', () => {
    const eventType = fc.constantFrom('handed_over', 'accepted', 'waiting_started', 'resumed', 'contact_logged', 'resolved', 'reopened', 'note_added', 'closed');
    const tail = fc.array(fc.tuple(eventType, fc.integer({ min: 0, max: 600 })), { maxLength: 12 });
    fc.assert(
      fc.property(calendarId, tail, fc.integer({ min: 0, max: 10_000 }), (cal, extra, nowAfter) => {
        const parent = spec({ calendarId: cal, targetMinutes: 600 });
        const stage = spec({ commitmentId: 2, level: 2, parentCommitmentId: 1, calendarId: cal, startEvent: 'handed_over', stopEvent: 'accepted', targetMinutes: 120 });
        const events = withWaits([], extra as [string, number][]);
        const input = { timeline: events, candidates: [candidate(parent), candidate(stage)], nowMs: events[events.length - 1]!.atMs + nowAfter * MIN };
        const first = derive(input);
        expect(derive(input)).toEqual(first);
        const stored = first.map((c) => toExisting(c, c.commitmentId === 1 ? parent : stage));
        const again = derive({ ...input, existing: stored });
        const strip = (clocks: DerivedClock[]) => clocks.map(({ isNew: _n, unchanged: _u, ...rest }) => rest);
        expect(strip(again)).toEqual(strip(first));
      }),
      RUNS,
    );
  });
});
