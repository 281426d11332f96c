import { describe, expect, it } from 'vitest';
import { canEventFollow, CLOCK_EVENTS, isClockEvent } from './can-event-follow.ts';

describe('canEventFollow', () => {
  it('lets the usual measurements through', () => {
    const pairs = [
      ['registered', 'contact_logged'],
      ['registered', 'resolved'],
      ['handed_over', 'accepted'],
      ['resolved', 'called_back'],
      ['registered', 'picked_up'],
      ['reopened', 'resolved'],
      ['closed', 'reopened'],
      // A reopened ticket can be handed over again after it was resolved.
      ['resolved', 'handed_over'],
    ] as const;
    for (const [start, stop] of pairs) expect(canEventFollow(start, stop), `${start} → ${stop}`).toBe(true);
  });

  it('refuses a stop that can never come after the start', () => {
    expect(canEventFollow('resolved', 'registered')).toBe(false);
    expect(canEventFollow('accepted', 'picked_up')).toBe(false);
    expect(canEventFollow('handed_over', 'registered')).toBe(false);
    expect(canEventFollow('accepted', 'accepted')).toBe(false);
  });

  it('never lets registration follow anything, nor a pick-up anything but what happens to a new portal ticket', () => {
    for (const start of CLOCK_EVENTS) {
      expect(canEventFollow(start, 'registered')).toBe(false);
      // A customer may reply on the portal before anyone picks the ticket up.
      expect(canEventFollow(start, 'picked_up'), start).toBe(start === 'registered' || start === 'replied');
    }
  });

  it('knows which names are clock events', () => {
    expect(isClockEvent('accepted')).toBe(true);
    expect(isClockEvent('waiting_started')).toBe(false);
    expect(isClockEvent(42)).toBe(false);
  });
});
