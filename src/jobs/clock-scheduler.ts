import type { Db } from '../db/connect.ts';
import { fireDueClocks, nextClockFireAt } from '../services/commitments/fire-due-clocks.ts';
import { CLOCK_CHANGES_CHANNEL } from '../services/commitments/project-ticket-clocks.ts';
import { createTicketChangeHub, type TicketChangeHub } from '../services/live/ticket-change-hub.ts';

const DEFAULT_BATCH_SIZE = 500;
/** The longest sleep: a safety net for a wake-up that was lost (a dropped LISTEN connection, a clock written by hand). */
const DEFAULT_MAX_SLEEP_MS = 30_000;
/**
 * The least wait, plus up to as much again of jitter, when a run claimed nothing yet something is due:
 * another instance holds those clocks (SKIP LOCKED) and is firing them; rescheduling at once would spin.
 */
const DEFAULT_BUSY_BACKOFF_MS = 100;

export interface ClockSchedulerStats {
  fired: number;
  runs: number;
  errors: number;
  /** Delay of each firing recorded by this process (ms after its due time); the bench reads it. */
  delaysMs: number[];
}

export interface ClockScheduler {
  /** LISTEN for clock changes on `url` and sleep until the earliest next firing. */
  start(options: { url: string }): void;
  /** Fires everything due now (in batches) and returns how many firings this process recorded. */
  runOnce(): Promise<number>;
  /** Tells the scheduler a clock may now be due at `atMs` (the engine calls this after projecting). */
  wakeAt(atMs: number): void;
  stop(): Promise<void>;
  readonly stats: ClockSchedulerStats;
}

export interface ClockSchedulerOptions {
  db: Db;
  now: () => number;
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  batchSize?: number;
  maxSleepMs?: number;
  /** Keep every firing delay in stats (the bench); off, only counts are kept. */
  recordDelays?: boolean;
  /** See DEFAULT_BUSY_BACKOFF_MS. */
  busyBackoffMs?: number;
  /** 0 ≤ random() < 1, for the jitter (tests pass a fixed one). */
  random?: () => number;
}

/**
 * Warnings, breaches and escalations on time (PRODUCT.md §2). The scheduler does not poll: it sleeps
 * until the earliest `next_fire_at` in the database, and is woken earlier by NOTIFY
 * centric_clock_changes, which the clock engine sends (from any instance) when it writes an earlier
 * one. Every instance runs one; claims with SKIP LOCKED and the firing's primary key make each
 * firing happen exactly once however many run, and a restart fires what came due meanwhile.
 */
export function createClockScheduler(options: ClockSchedulerOptions): ClockScheduler {
  const { db, now, log } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
  const busyBackoffMs = options.busyBackoffMs ?? DEFAULT_BUSY_BACKOFF_MS;
  const random = options.random ?? Math.random;
  const stats: ClockSchedulerStats = { fired: 0, runs: 0, errors: 0, delaysMs: [] };
  let hub: TicketChangeHub | null = null;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  /** Clocks the latest run claimed; 0 with something due means another instance holds them. */
  let lastClaimed = 0;

  async function drain(): Promise<number> {
    let total = 0;
    lastClaimed = 0;
    for (;;) {
      const result = await fireDueClocks(db, now(), batchSize);
      lastClaimed += result.claimed;
      stats.runs += 1;
      stats.fired += result.fired;
      if (options.recordDelays) for (const d of result.delaysMs) stats.delaysMs.push(d);
      total += result.fired;
      if (result.claimed < batchSize || stopped) return total;
    }
  }

  /** One run at a time in this process; a wake-up during a run asks for another. */
  function run(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await drain();
        } while (again && !stopped);
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  function schedule(atMs: number): void {
    if (stopped) return;
    const at = Math.min(atMs, now() + maxSleepMs);
    if (timer && at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      void tick();
    }, Math.max(0, at - now()));
    timer.unref();
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      await run();
      const next = await nextClockFireAt(db);
      const t = now();
      if (next !== null && next <= t && lastClaimed === 0) schedule(t + busyBackoffMs * (1 + random()));
      else schedule(next ?? t + maxSleepMs);
    } catch (err) {
      stats.errors += 1;
      log?.error({ err }, 'clock scheduler: a run failed; trying again shortly');
      schedule(now() + 1_000);
    }
  }

  return {
    stats,
    start({ url }) {
      if (stopped || hub) return;
      hub = createTicketChangeHub({ url, channel: CLOCK_CHANGES_CHANNEL, applicationName: 'centric-clock-scheduler', raw: true, log });
      hub.subscribe((signal) => {
        if (signal.type === 'raw') {
          const at = Number(signal.payload);
          schedule(Number.isFinite(at) ? at : now());
        } else if (signal.type === 'listening' && signal.resumed) schedule(now()); // NOTIFYs were lost while disconnected
      });
      schedule(now());
    },
    runOnce: () => run(),
    wakeAt: (atMs) => schedule(atMs),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await hub?.close();
      hub = null;
      await running?.catch(() => undefined);
    },
  };
}
