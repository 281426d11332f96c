import type { Db } from '../db/connect.ts';
import { openWeeklyScorecards } from '../services/scorecards/open-weekly-scorecards.ts';
import { sendScorecardReminders } from '../services/scorecards/send-scorecard-reminders.ts';
import { createPeriodicJob, type JobLog, type PeriodicJob } from './create-periodic-job.ts';

/** How often each instance looks: a new week is opened within this of Monday 00:00, reminders within this of a day. */
const DEFAULT_INTERVAL_MS = 15 * 60_000;
/** The first run waits a little after start-up, so a restart storm does not hit the database at once. */
const DEFAULT_FIRST_DELAY_MS = 60_000;
/** Up to this much more on each wait. */
const DEFAULT_JITTER_MS = 60_000;

/** `runOnce()` opens this week's scorecards and sends the reminders due now. */
export type ScorecardScheduler = PeriodicJob<{ opened: number; reminded: number }>;

/**
 * Weekly B2B scorecards in the background, on every instance. The work itself is idempotent in the
 * database (a unique key per account and week; reminders claimed by one conditional UPDATE), so any
 * number of instances may run it at the same moment.
 */
export function createScorecardScheduler(options: {
  db: Db;
  now: () => number;
  log?: Pick<JobLog, 'error'>;
  intervalMs?: number;
  firstDelayMs?: number;
  random?: () => number;
}): ScorecardScheduler {
  const { db, now } = options;
  return createPeriodicJob({
    id: 'scorecard-scheduler',
    everyMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    jitterMs: DEFAULT_JITTER_MS,
    firstDelayMs: options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS,
    log: options.log,
    random: options.random,
    async run() {
      const nowMs = now();
      const { opened } = await openWeeklyScorecards(db, nowMs);
      const { reminded } = await sendScorecardReminders(db, nowMs);
      return { opened: opened.length, reminded: reminded.length };
    },
  });
}
