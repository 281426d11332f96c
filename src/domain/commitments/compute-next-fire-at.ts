import { addBusinessMinutes, type CompiledCalendar } from '../calendar/index.ts';

/** What the scheduler needs to know about a clock to say when it must next act on it. */
export interface ClockFiringState {
  state: 'running' | 'paused' | 'met' | 'breached';
  /** Stopped (met, or met late): nothing more fires. */
  stoppedAtMs: number | null;
  warned: boolean;
  warnAtMs: number | null;
  dueAtMs: number | null;
  /** When the breach fired; null until then. */
  breachedAtMs: number | null;
  /** Escalation steps already taken after the breach. */
  escalationStep: number;
  /** Business minutes after the breach at which each further step up the line of superiors is told. */
  escalateAfterMinutes: readonly number[];
}

export type ClockFiringKind = 'warning' | 'breach' | 'escalation';

/**
 * The next thing the scheduler must do on a clock and when: the warning (unless already given),
 * then the breach, then each escalation step in business minutes after the breach. A stopped or
 * paused clock fires nothing (a paused clock's due time moves when it resumes).
 */
export function computeNextFiring(clock: ClockFiringState, calendar: CompiledCalendar): { kind: ClockFiringKind; step: number; atMs: number } | null {
  if (clock.stoppedAtMs !== null || clock.state === 'met' || clock.state === 'paused') return null;
  if (clock.breachedAtMs === null) {
    if (clock.dueAtMs === null) return null;
    if (!clock.warned && clock.warnAtMs !== null && clock.warnAtMs < clock.dueAtMs) return { kind: 'warning', step: 0, atMs: clock.warnAtMs };
    return { kind: 'breach', step: 0, atMs: clock.dueAtMs };
  }
  const after = clock.escalateAfterMinutes[clock.escalationStep];
  if (after === undefined) return null;
  return { kind: 'escalation', step: clock.escalationStep + 1, atMs: addBusinessMinutes(clock.breachedAtMs, after, calendar) };
}
