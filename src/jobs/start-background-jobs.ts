import type { Db } from '../db/connect.ts';
import { createCareVisitGenerator, type CareVisitGenerator } from './care-visit-generator.ts';
import { createClockEngine, type ClockEngine } from './clock-engine.ts';
import { createClockScheduler, type ClockScheduler } from './clock-scheduler.ts';
import type { JobLog } from './create-periodic-job.ts';
import { createScorecardScheduler, type ScorecardScheduler } from './scorecard-scheduler.ts';

export interface BackgroundJobsDeps {
  db: Db;
  /** The database's URL: the clock engine and scheduler each LISTEN on a connection of their own. */
  databaseUrl: string;
  /** The clock (default Date.now); tests pass the test app's. */
  now?: () => number;
  log?: JobLog;
}

/** The background work of one Centric process; every instance runs the same set (see each job for why that is safe). */
export interface BackgroundJobs {
  /** Projects ticket timelines into clocks; `catchUp()` projects everything committed so far. */
  clockEngine: ClockEngine;
  /** Fires warnings, breaches and escalations when due; `runOnce()` fires what is due now. */
  clockScheduler: ClockScheduler;
  /** Opens weekly scorecards and sends their reminders; `runOnce()` does it now. */
  scorecardScheduler: ScorecardScheduler;
  /** Registers special-care visit tickets ahead; `runOnce()` does it now. */
  careVisitGenerator: CareVisitGenerator;
  /** Starts all four (each at most once). */
  start(): void;
  /** Stops all four, waiting for passes in progress; the database may be closed after it resolves. */
  stop(): Promise<void>;
}

/** Creates the jobs without starting any: tests drive them with `catchUp()` / `runOnce()`. */
export function createBackgroundJobs(deps: BackgroundJobsDeps): BackgroundJobs {
  const { db, databaseUrl, log } = deps;
  const now = deps.now ?? Date.now;
  const clockEngine = createClockEngine({ db, now, log });
  const clockScheduler = createClockScheduler({ db, now, log });
  const scorecardScheduler = createScorecardScheduler({ db, now, log });
  const careVisitGenerator = createCareVisitGenerator({ db, now, log });
  return {
    clockEngine,
    clockScheduler,
    scorecardScheduler,
    careVisitGenerator,
    start() {
      clockEngine.start({ url: databaseUrl });
      clockScheduler.start({ url: databaseUrl });
      scorecardScheduler.start();
      careVisitGenerator.start();
    },
    async stop() {
      // All of them, even when one fails to stop; then the first failure.
      const results = await Promise.allSettled([clockEngine.stop(), clockScheduler.stop(), scorecardScheduler.stop(), careVisitGenerator.stop()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** What `main.ts start` runs once the server listens: every background job, started. */
export function startBackgroundJobs(deps: BackgroundJobsDeps): BackgroundJobs {
  const jobs = createBackgroundJobs(deps);
  jobs.start();
  return jobs;
}
