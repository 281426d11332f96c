import type { Db } from '../db/connect.ts';
import { systemContext } from '../services/context.ts';
import { generateCareVisits, type GenerateCareVisitsResult } from '../services/care/generate-care-visits.ts';
import { createPeriodicJob, type JobLog, type PeriodicJob } from './create-periodic-job.ts';

const HOUR_MS = 3_600_000;
/** Up to this much more on each wait. */
const JITTER_MS = 60_000;

/** `runOnce()` is one generation now (what the job does each time). */
export type CareVisitGenerator = PeriodicJob<GenerateCareVisitsResult>;

export interface CareVisitGeneratorOptions {
  db: Db;
  now: () => number;
  log?: Pick<JobLog, 'error' | 'info'>;
  intervalMs?: number;
  initialDelayMs?: number;
}

/**
 * Keeps special-care visit tickets generated 30 days ahead. Every instance runs one; the visits'
 * unique (plan, date) key makes a second instance's run a no-op, so no leader is needed. An hourly
 * run means a new day's visits appear within the hour after local midnight.
 */
export function createCareVisitGenerator(options: CareVisitGeneratorOptions): CareVisitGenerator {
  const { db, now, log } = options;
  return createPeriodicJob({
    id: 'care-visit-generator',
    everyMs: options.intervalMs ?? HOUR_MS,
    jitterMs: JITTER_MS,
    firstDelayMs: options.initialDelayMs ?? 60_000,
    log,
    run: () => generateCareVisits(db, systemContext(), { nowMs: now() }),
    onResult(r) {
      if (r.created > 0 || r.skippedPlans.length > 0) log?.info({ ...r }, 'special-care visits generated');
    },
  });
}
