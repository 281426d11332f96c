import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { lockClockProjection, projectTicketClocks } from '../services/commitments/project-ticket-clocks.ts';
import { createTicketChangeHub, type TicketChangeHub } from '../services/live/ticket-change-hub.ts';

/** Tickets derived per transaction. */
const DEFAULT_BATCH_SIZE = 200;
/** A pass every second even when no NOTIFY arrives (one missed, or a change made by another tool). */
const DEFAULT_FALLBACK_MS = 1_000;
/**
 * A wake-up starts its pass this much later, so the NOTIFYs of a burst share one pass: at steady
 * registration a pass per NOTIFY cost each registration ~6.5 more queries and a second commit.
 */
const DEFAULT_COALESCE_MS = 50;
const DEFAULT_CATCH_UP_TIMEOUT_MS = 30_000;

export interface ClockEngineStats {
  passes: number;
  /** Tickets whose clocks were derived (a ticket counts once per pass that saw new events on it). */
  ticketsProjected: number;
  errors: number;
}

export interface ClockEngine {
  /** Starts the background work: LISTEN for ticket changes on `url`, and the fallback timer. */
  start(options: { url: string }): void;
  /**
   * Runs passes until every transaction that had committed when it was called is projected (by
   * this instance or another); rejects after `timeoutMs` while an older transaction stays open.
   */
  catchUp(options?: { timeoutMs?: number }): Promise<void>;
  /** One pass: 'busy' when another instance holds the cursor, 'done' when this one projected up to the snapshot's xmin. */
  runPass(): Promise<'busy' | 'done'>;
  stop(): Promise<void>;
  readonly stats: ClockEngineStats;
}

export interface ClockEngineOptions {
  db: Db;
  now: () => number;
  log?: { error(obj: object, msg: string): void; warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  batchSize?: number;
  fallbackMs?: number;
  coalesceMs?: number;
}

interface Pass {
  watermark: string;
  xmin: string;
  ticketIds: number[];
  next: number;
}

/**
 * The clock engine: clocks are a projection of the ticket timeline, kept up to date by this loop
 * inside every Centric process. Registration and ticket actions write only their events; a pass
 * takes the tickets with events in transactions `watermark <= tx < xmin` (xmin: the oldest
 * transaction still running, so every one below it has ended and none can still appear), derives
 * their clocks again from their whole timelines, and moves the watermark to xmin. Event ids would
 * not do: an id is handed out before commit, so a smaller one can become visible after a larger.
 *
 * Several instances share one cursor row: `for update skip locked` lets one of them work while the
 * others skip, so each change is projected once. A pass is done in transactions of `batchSize`
 * tickets; if another instance finishes the pass first, the rest is simply derived again (the
 * projection is idempotent). Wakes on NOTIFY centric_ticket_changes and on a fallback timer.
 */
export function createClockEngine(options: ClockEngineOptions): ClockEngine {
  const { db, now, log } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const fallbackMs = options.fallbackMs ?? DEFAULT_FALLBACK_MS;
  const coalesceMs = options.coalesceMs ?? DEFAULT_COALESCE_MS;
  let wakeTimer: NodeJS.Timeout | null = null;
  const stats: ClockEngineStats = { passes: 0, ticketsProjected: 0, errors: 0 };
  let pass: Pass | null = null;
  let hub: TicketChangeHub | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let wakeQueued = false;
  // One pass at a time in this process; the cursor lock keeps other processes out.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };

  async function runBatch(): Promise<'busy' | 'more' | 'done'> {
    try {
      return await db.transaction().execute(async (trx) => {
        const cursor = await lockClockProjection(trx, { skipLocked: true });
        if (!cursor) return 'busy';
        if (!pass || pass.watermark !== cursor.watermark) {
          // Clock events are the scheduler's own writes: they change no clock's course.
          const { rows } = await sql<{ ticket_id: number }>`
            select distinct ticket_id from ticket_events
            where tx >= ${cursor.watermark}::xid8 and tx < ${cursor.xmin}::xid8 and type not like 'clock\\_%'
            order by ticket_id`.execute(trx);
          pass = { watermark: cursor.watermark, xmin: cursor.xmin, ticketIds: rows.map((r) => r.ticket_id), next: 0 };
        }
        const current = pass;
        const batch = current.ticketIds.slice(current.next, current.next + batchSize);
        if (batch.length > 0) await projectTicketClocks(trx, batch, now());
        current.next += batch.length;
        stats.ticketsProjected += batch.length;
        if (current.next < current.ticketIds.length) return 'more';
        await sql`update clock_engine_cursor set watermark = greatest(watermark, ${current.xmin}::xid8), updated_at = now()`.execute(trx);
        pass = null;
        return 'done';
      });
    } catch (err) {
      // Start the pass afresh next time: what this transaction wrote was rolled back.
      pass = null;
      throw err;
    }
  }

  async function passOnce(): Promise<'busy' | 'done'> {
    for (;;) {
      const result = await runBatch();
      if (result !== 'more') {
        if (result === 'done') stats.passes += 1;
        return result;
      }
    }
  }

  function wake(): void {
    if (stopped || wakeQueued || wakeTimer) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = null;
      runSoon();
    }, coalesceMs);
    wakeTimer.unref();
  }

  function runSoon(): void {
    if (stopped || wakeQueued) return;
    wakeQueued = true;
    void exclusive(async () => {
      wakeQueued = false;
      if (stopped) return;
      try {
        await passOnce();
      } catch (err) {
        stats.errors += 1;
        log?.error({ err }, 'clock engine: a pass failed; retrying on the next wake-up');
      }
    });
  }

  async function watermarkReached(target: string): Promise<boolean> {
    const { rows } = await sql<{ reached: boolean }>`select watermark >= ${target}::xid8 as reached from clock_engine_cursor`.execute(db);
    return rows[0]?.reached ?? false;
  }

  return {
    stats,
    start({ url }) {
      if (stopped || hub) return;
      hub = createTicketChangeHub({ url, applicationName: 'centric-clock-engine', log });
      hub.subscribe(() => wake());
      timer = setInterval(wake, fallbackMs);
      timer.unref();
      wake();
    },
    runPass: () => exclusive(passOnce),
    async catchUp({ timeoutMs = DEFAULT_CATCH_UP_TIMEOUT_MS } = {}) {
      // Every transaction that committed before this call has an xid below the snapshot's xmax.
      const { rows } = await sql<{ target: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as target`.execute(db);
      const target = rows[0]!.target;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (stopped) throw new Error('the clock engine is stopped');
        await exclusive(passOnce);
        if (await watermarkReached(target)) return;
        if (Date.now() > deadline) throw new Error(`clock engine: could not catch up within ${timeoutMs} ms; a transaction older than xid ${target} is still open`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      timer = wakeTimer = null;
      await hub?.close();
      hub = null;
      await chain;
    },
  };
}
