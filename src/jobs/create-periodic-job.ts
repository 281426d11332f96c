/** What a background job may log through (pino's logger, Fastify's `app.log`, or a test double). */
export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface PeriodicJob<T> {
  readonly id: string;
  /** Runs the job every `everyMs` plus up to `jitterMs`, the first time `firstDelayMs` (plus jitter) after this call. */
  start(): void;
  /** Runs the job now (after a pass already running in this process) and resolves with its result; a failure rejects. */
  runOnce(): Promise<T>;
  /** No further timed runs; resolves when a pass already running has ended. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions<T> {
  /** Names the job in logs. */
  id: string;
  everyMs: number;
  /** Each wait is `everyMs` plus a random share of this, so instances started together drift apart. */
  jitterMs: number;
  /** The wait before the first run (default `everyMs`): a restart storm should not hit the database at once. */
  firstDelayMs?: number;
  run: () => Promise<T>;
  log?: Pick<JobLog, 'error'> & Partial<JobLog>;
  /** Called with each timed run's result (e.g. to log what it did); runOnce's caller has its own. */
  onResult?: (result: T) => void;
  /** 0 ≤ random() < 1, for the jitter (tests pass a fixed one). */
  random?: () => number;
}

/**
 * A setTimeout chain with jitter (the next wait starts when a run has ended, so runs never overlap),
 * for work that is idempotent in the database and may therefore run on every instance at once.
 * Timers are unref'd: a job never keeps a process alive by itself.
 */
export function createPeriodicJob<T>(options: PeriodicJobOptions<T>): PeriodicJob<T> {
  const { id, everyMs, jitterMs, run, log, onResult } = options;
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | null = null;
  /** Bumped by start and stop: a chain left over from an earlier start schedules nothing. */
  let generation = 0;
  let started = false;
  // One pass at a time in this process: a runOnce during a timed run waits for it, then runs.
  let chain: Promise<unknown> = Promise.resolve();

  const runOnce = (): Promise<T> => {
    const next = chain.then(() => run());
    chain = next.catch(() => undefined);
    return next;
  };

  const schedule = (gen: number, delayMs: number): void => {
    if (gen !== generation) return;
    timer = setTimeout(() => {
      timer = null;
      if (gen !== generation) return;
      runOnce()
        .then((result) => onResult?.(result))
        .catch((err: unknown) => log?.error({ err, job: id }, `${id}: a run failed; trying again next time`))
        .finally(() => schedule(gen, everyMs + jitterMs * random()));
    }, delayMs);
    timer.unref();
  };

  return {
    id,
    start() {
      if (started) return;
      started = true;
      generation += 1;
      schedule(generation, (options.firstDelayMs ?? everyMs) + jitterMs * random());
    },
    runOnce,
    async stop() {
      started = false;
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}
