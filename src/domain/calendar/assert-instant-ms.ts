const EARLIEST_MS = Date.UTC(1900, 0, 2);
const LATEST_MS = Date.UTC(2999, 11, 30);

/**
 * Rejects what is not an epoch-ms instant between 1900 and 2999: NaN, seconds passed as ms the
 * other way round (year 57000) and the like would otherwise resolve thousands of days silently.
 */
export function assertInstantMs(value: number, name: string): void {
  if (!Number.isFinite(value) || value < EARLIEST_MS || value > LATEST_MS) {
    throw new RangeError(`${name} must be epoch milliseconds between 1900 and 2999, got ${String(value)}.`);
  }
}
