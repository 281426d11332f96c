import type { Db } from '../db/connect.ts';
import { openWeeklyScorecards } from '../services/scorecards/open-weekly-scorecards.ts';
import { sendScorecardReminders } from '../services/scorecards/send-scorecard-reminders.ts';

/** How often each instance looks: a new week is opened within this of Monday 00:00, reminders within this of a day. */
const DEFAULT_INTERVAL_MS = 15 * 60_000;
/** The first run waits a little after start-up, so a restart storm does not hit the database at once. */
const DEFAULT_FIRST_DELAY_MS = 60_000;

export interface ScorecardScheduler {
  start(): void;
  /** Opens this week's scorecards and sends the reminders due now. */
  runOnce(): Promise<{ opened: number; reminded: number }>;
  stop(): Promise<void>;
}

/**
 * Weekly B2B scorecards in the background: a setTimeout chain with jitter on every instance. The work
 * itself is idempotent in the database (a unique key per account and week; reminders claimed by one
 * conditional UPDATE), so any number of instances may run it at the same moment.
 */
export function createScorecardScheduler(options: {
  db: Db;
  now: () => number;
  log?: { error(obj: object, msg: string): void };
  intervalMs?: number;
  firstDelayMs?: number;
  random?: () => number;
}): ScorecardScheduler {
  const { db, now, log } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const runOnce = async () => {
    const nowMs = now();
    const { opened } = await openWeeklyScorecards(db, nowMs);
    const { reminded } = await sendScorecardReminders(db, nowMs);
    return { opened: opened.length, reminded: reminded.length };
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((err: unknown) => log?.error({ err }, 'scorecard scheduler run failed'))
        .finally(() => {
          running = null;
          schedule(intervalMs * (0.9 + 0.2 * random()));
        });
    }, delayMs);
    timer.unref();
  };
  return {
    start() {
      stopped = false;
      schedule((options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS) * (1 + random()));
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
