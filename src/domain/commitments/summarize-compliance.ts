/** How one clock ended (or stands, once breached): the plain facts a compliance figure is made of. */
export interface ClockOutcome {
  /** The commitment's target in business minutes. */
  targetMinutes: number;
  /** Business minutes counted: at the stop, or so far for a breached clock still open. */
  elapsedMinutes: number;
  /** True when the clock went past its due time (still open, or met late). */
  breached: boolean;
  /** How late a breached clock was met; null while it is still open or when it was met on time. */
  lateMinutes: number | null;
}

export interface ComplianceSummary {
  count: number;
  met: number;
  breaches: number;
  /** met / count × 100, rounded to one decimal; null when there is nothing to count. */
  metPercent: number | null;
  /** Nearest-rank percentiles of the elapsed business minutes; null when count is 0. */
  medianElapsedMinutes: number | null;
  p90ElapsedMinutes: number | null;
  /** Nearest-rank percentiles of elapsed ÷ target per clock (1 = exactly on target), rounded to 3 decimals. */
  medianShareOfTarget: number | null;
  p90ShareOfTarget: number | null;
  /** Sum of the late minutes of breached clocks that were met late. */
  lateMinutesTotal: number;
}

/**
 * The nearest-rank percentile: the smallest value with at least p % of the values at or below it,
 * i.e. the value at rank ⌈p/100 × n⌉ (1-based) of the sorted list. It is always one of the values
 * (no interpolation), so a median of 2 values is the lower one and "p90 = 45 min" means a real
 * clock took 45 minutes. Null for an empty list.
 */
export function computeNearestRank(values: readonly number[], percent: number): number | null {
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percent must be in (0, 100], got ${percent}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // percent × n first: (7 / 100) × 100 is 7.000000000000001 in floating point, and its ceiling 8.
  const rank = Math.ceil((percent * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * Compliance figures for a set of clock outcomes: how many, how many met on time, breaches, and the
 * median and p90 (nearest rank, see computeNearestRank) of the elapsed time, both in minutes and as
 * a share of each clock's own target, so groups mixing commitments with different targets compare.
 */
export function summarizeCompliance(outcomes: readonly ClockOutcome[]): ComplianceSummary {
  const count = outcomes.length;
  const breaches = outcomes.filter((o) => o.breached).length;
  const met = count - breaches;
  const elapsed = outcomes.map((o) => Math.max(0, o.elapsedMinutes));
  const shares = outcomes.map((o) => (o.targetMinutes > 0 ? Math.max(0, o.elapsedMinutes) / o.targetMinutes : 0));
  const share = (p: number) => {
    const v = computeNearestRank(shares, p);
    return v === null ? null : round(v, 3);
  };
  return {
    count,
    met,
    breaches,
    metPercent: count === 0 ? null : round((met / count) * 100, 1),
    medianElapsedMinutes: computeNearestRank(elapsed, 50),
    p90ElapsedMinutes: computeNearestRank(elapsed, 90),
    medianShareOfTarget: share(50),
    p90ShareOfTarget: share(90),
    lateMinutesTotal: outcomes.reduce((sum, o) => sum + (o.breached && o.lateMinutes !== null ? Math.max(0, o.lateMinutes) : 0), 0),
  };
}
