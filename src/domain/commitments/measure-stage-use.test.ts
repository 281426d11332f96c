import { describe, expect, it } from 'vitest';
import { build24x7Calendar, compileCalendar } from '../calendar/index.ts';
import type { CommitmentVersionSpec } from './commitment-spec.ts';
import type { ClockCalendar, ClockTimelineEvent } from './derive-ticket-clocks.ts';
import { measureStageUseAt } from './measure-stage-use.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const calendars = new Map<number, ClockCalendar>([[1, { version: 1, calendar: compileCalendar(build24x7Calendar('Asia/Shanghai')) }]]);
const spec = (o: Partial<CommitmentVersionSpec>): CommitmentVersionSpec => ({
  commitmentId: 1, version: 1, level: 1, parentCommitmentId: null, startEvent: 'registered', stopEvent: 'resolved', pauseOnWait: true, targetMinutes: 120,
  warnShare: 0.8, calendarId: 1, responsible: { kind: 'owner' }, escalateAfterMinutes: [], createdAtMs: T0 - 86_400_000, ...o,
});
const timeline = (...entries: [string, number][]): ClockTimelineEvent[] => entries.map(([type, m], i) => ({ id: i + 1, type, atMs: T0 + m * MIN }));

const parent = { spec: spec({}), startedAtMs: T0 };
const contact = { spec: spec({ commitmentId: 2, level: 2, parentCommitmentId: 1, stopEvent: 'contact_logged', targetMinutes: 30 }), startedAtMs: T0 };
const handover = { spec: spec({ commitmentId: 3, level: 2, parentCommitmentId: 1, stopEvent: 'handed_over', targetMinutes: 20 }), startedAtMs: T0 };

describe('measureStageUseAt', () => {
  it('counts each stage up to the instant asked, not up to what happened after it', () => {
    // Due at 120; the breach is measured then even though the hand-over came at 400 (the service was down).
    const events = timeline(['registered', 0], ['contact_logged', 100], ['handed_over', 400], ['waiting_started', 410]);
    const used = measureStageUseAt({ timeline: events, parent, stages: [contact, handover], calendars, atMs: T0 + 120 * MIN });
    expect(used.get(2)).toBe(100 * MIN);
    expect(used.get(3)).toBe(120 * MIN);
  });

  it('leaves out a wait on the customer before the instant, and charges nothing to a stage not yet started', () => {
    const events = timeline(['registered', 0], ['waiting_started', 40], ['resumed', 70], ['contact_logged', 300]);
    const late = { spec: spec({ commitmentId: 4, level: 2, parentCommitmentId: 1, startEvent: 'contact_logged', stopEvent: 'resolved', targetMinutes: 10 }), startedAtMs: T0 + 300 * MIN };
    const used = measureStageUseAt({ timeline: events, parent, stages: [contact, late], calendars, atMs: T0 + 150 * MIN });
    expect(used.get(2)).toBe(120 * MIN);
    expect(used.get(4)).toBe(0);
  });
});
