import type { Db } from '../db/connect.ts';
import { systemContext } from '../services/context.ts';
import { generateCareVisits, type GenerateCareVisitsResult } from '../services/care/generate-care-visits.ts';

const HOUR_MS = 3_600_000;

export interface CareVisitGenerator {
  /** Runs every `intervalMs` (with jitter), the first time `initialDelayMs` after start. */
  start(): void;
  /** One generation now (what the job does each time). */
  runOnce(): Promise<GenerateCareVisitsResult>;
  stop(): Promise<void>;
}

export interface CareVisitGeneratorOptions {
  db: Db;
  now: () => number;
  log?: { error(obj: object, msg: string): void; info(obj: object, msg: string): void };
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
  const intervalMs = options.intervalMs ?? HOUR_MS;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<GenerateCareVisitsResult> | null = null;

  const jitter = (ms: number) => ms + Math.floor(Math.random() * Math.min(ms / 10, 60_000));

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      runOnce()
        .then((r) => {
          if (r.created > 0 || r.skippedPlans.length > 0) log?.info({ ...r }, 'special-care visits generated');
        })
        .catch((err: unknown) => log?.error({ err }, 'special-care visit generation failed; trying again next time'))
        .finally(() => schedule(jitter(intervalMs)));
    }, delayMs);
    timer.unref();
  }

  function runOnce(): Promise<GenerateCareVisitsResult> {
    running ??= generateCareVisits(db, systemContext(), { nowMs: now() }).finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start: () => schedule(jitter(options.initialDelayMs ?? 60_000)),
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
