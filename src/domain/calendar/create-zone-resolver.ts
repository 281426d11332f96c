/** Converts between instants and wall-clock time in one IANA time zone through `Intl` (no tz database of our own). */
export interface ZoneResolver {
  /** UTC offset in ms at an instant (local wall time = atMs + offset). */
  offsetMsAt(atMs: number): number;
  /**
   * The instant at which the wall clock reads `wallMs` (local time expressed as if it were UTC ms),
   * given the offsets in force before and after the day in question. A wall time that occurs twice
   * (clocks turned back) gives the earlier instant; one that never occurs (clocks turned forward)
   * gives the instant of the jump, so a working interval across the gap keeps only its real length.
   */
  instantAtWall(wallMs: number, offsetBeforeMs: number, offsetAfterMs: number): number;
}

export function createZoneResolver(timeZone: string): ZoneResolver {
  // h23, not hour12:false: the latter prints midnight as "24" in some engines.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

  const offsetMsAt = (atMs: number): number => {
    const wholeSecondMs = atMs - (((atMs % 1000) + 1000) % 1000);
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of format.formatToParts(wholeSecondMs)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        default: break;
      }
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecondMs;
  };

  const instantAtWall = (wallMs: number, offsetBeforeMs: number, offsetAfterMs: number): number => {
    if (offsetBeforeMs === offsetAfterMs) return wallMs - offsetBeforeMs;
    const withBefore = wallMs - offsetBeforeMs;
    const withAfter = wallMs - offsetAfterMs;
    const beforeFits = offsetMsAt(withBefore) === offsetBeforeMs;
    const afterFits = offsetMsAt(withAfter) === offsetAfterMs;
    if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
    if (beforeFits) return withBefore;
    if (afterFits) return withAfter;
    // In the gap: find the jump by bisection on whole seconds (transitions fall on whole seconds).
    let lowMs = Math.min(withBefore, withAfter);
    let highMs = Math.max(withBefore, withAfter);
    const lowOffsetMs = offsetMsAt(lowMs);
    while (highMs - lowMs > 1000) {
      const midMs = lowMs + Math.floor((highMs - lowMs) / 2000) * 1000;
      if (offsetMsAt(midMs) === lowOffsetMs) lowMs = midMs;
      else highMs = midMs;
    }
    return highMs;
  };

  return { offsetMsAt, instantAtWall };
}
