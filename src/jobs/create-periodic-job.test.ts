import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPeriodicJob } from './create-periodic-job.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run that stays open until the test lets it end. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { done, open };
}

describe('createPeriodicJob', () => {
  it('runs first after firstDelayMs plus jitter, then every everyMs plus jitter, each wait starting when a run ended', async () => {
    const runs: number[] = [];
    const job = createPeriodicJob({ id: 'test', everyMs: 1_000, jitterMs: 100, firstDelayMs: 50, random: () => 0.5, run: async () => runs.push(Date.now()) });
    const t0 = Date.now();
    job.start();
    job.start(); // a second start changes nothing
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([t0 + 100]);
    await vi.advanceTimersByTimeAsync(1_050);
    expect(runs).toEqual([t0 + 100, t0 + 1_150]);
    await job.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(2);
  });

  it('runOnce runs now and resolves with the result; a failed timed run is logged and the next one still comes', async () => {
    let n = 0;
    const errors: unknown[] = [];
    const results: number[] = [];
    const job = createPeriodicJob({
      id: 'flaky', everyMs: 1_000, jitterMs: 0,
      run: async () => {
        n += 1;
        if (n === 2) throw new Error('boom');
        return n;
      },
      log: { error: (obj) => errors.push(obj) },
      onResult: (r) => results.push(r),
    });
    expect(await job.runOnce()).toBe(1);
    job.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ job: 'flaky' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(results).toEqual([3]); // runOnce's result is its caller's, not onResult's
    await expect(job.runOnce()).resolves.toBe(4);
    await job.stop();
  });

  it('never overlaps runs: runOnce during a timed run waits for it; stop waits for a running pass', async () => {
    const gates = [gate(), gate()];
    let active = 0;
    let most = 0;
    let i = 0;
    const job = createPeriodicJob({
      id: 'slow', everyMs: 1_000, jitterMs: 0,
      run: async () => {
        const g = gates[i++]!;
        active += 1;
        most = Math.max(most, active);
        await g.done;
        active -= 1;
        return i;
      },
    });
    job.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(active).toBe(1);
    const once = job.runOnce();
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    gates[0]!.open();
    gates[1]!.open();
    expect(await once).toBe(2);
    await stopping;
    expect(stopped).toBe(true);
    expect(most).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(i).toBe(2);
  });

  it('can start again after a stop, with one chain of runs', async () => {
    let n = 0;
    const job = createPeriodicJob({ id: 'again', everyMs: 1_000, jitterMs: 0, run: async () => (n += 1) });
    job.start();
    await job.stop();
    job.start();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(n).toBe(3);
    await job.stop();
  });
});
