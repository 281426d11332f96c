import { pathToFileURL } from 'node:url';
import {
  addBusinessMinutes,
  buildChinaMainlandCalendar,
  businessMinutesBetween,
  compileCalendar,
  isWorkingTime,
} from '../src/domain/calendar/index.ts';

const INPUT_COUNT = 100_000;
const WORKING_DAY_MINUTES = 8 * 60;
const FROM_MS = Date.parse('2025-01-01T00:00:00+08:00');
const TO_MS = Date.parse('2027-01-01T00:00:00+08:00');

/**
 * Business-calendar throughput on the compiled mainland-China calendar: random starts across
 * 2025–2026, random targets from 30 minutes to 5 working days. Prints figures; asserts nothing
 * about time (the goal is ≥ 1,000,000 addBusinessMinutes per second once the day cache is warm).
 */
export async function benchCalendar(log: (line: string) => void): Promise<void> {
  const random = createSeededRandom(20250128);
  const starts = new Float64Array(INPUT_COUNT);
  const targets = new Float64Array(INPUT_COUNT);
  for (let i = 0; i < INPUT_COUNT; i += 1) {
    starts[i] = Math.floor(FROM_MS + random() * (TO_MS - FROM_MS));
    targets[i] = 30 + Math.floor(random() * (5 * WORKING_DAY_MINUTES - 30 + 1));
  }

  let started = performance.now();
  const definition = buildChinaMainlandCalendar();
  const calendar = compileCalendar(definition);
  log(`calendar: build + compile China mainland (${definition.holidays.length} holidays, ${definition.extraWorkingDays.length} make-up days): ${(performance.now() - started).toFixed(1)} ms`);

  // The first pass resolves every local day of 2025–2026 through Intl once.
  started = performance.now();
  let sink = 0;
  for (let i = 0; i < INPUT_COUNT; i += 1) sink += addBusinessMinutes(starts[i]!, targets[i]!, calendar);
  log(`calendar: first pass, cold day cache: ${formatRate(INPUT_COUNT, performance.now() - started)} addBusinessMinutes`);

  const measure = (label: string, operation: (i: number) => number, goal = '') => {
    const rounds = 10;
    started = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < INPUT_COUNT; i += 1) sink += operation(i);
    }
    log(`calendar: ${label}: ${formatRate(rounds * INPUT_COUNT, performance.now() - started)}${goal}`);
  };
  measure('addBusinessMinutes, 30 min – 5 working days', (i) => addBusinessMinutes(starts[i]!, targets[i]!, calendar), ' (target ≥ 1,000,000 ops/s)');
  measure('businessMinutesBetween, random pairs in 2025–2026', (i) => businessMinutesBetween(starts[i]!, starts[(i + 1) % INPUT_COUNT]!, calendar));
  measure('isWorkingTime', (i) => (isWorkingTime(starts[i]!, calendar) ? 1 : 0));
  // Keeps the results alive so the loops cannot be optimised away.
  if (Number.isNaN(sink)) log('calendar: unexpected NaN');
}

function formatRate(operations: number, elapsedMs: number): string {
  const perSecond = Math.round((operations / elapsedMs) * 1000);
  return `${perSecond.toLocaleString('en-US')} ops/s (${operations.toLocaleString('en-US')} in ${elapsedMs.toFixed(0)} ms)`;
}

/** mulberry32: the same inputs on every run, so figures are comparable. */
function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchCalendar((line) => console.log(line));
}
