import pg from 'pg';
import { TICKET_CHANGES_CHANNEL } from '../tickets/perform-ticket-action.ts';

/** One committed ticket change, as `insertTicketEffects` announces it with pg_notify. */
export interface TicketChange {
  ticketId: number;
  /** Timeline event types, e.g. `['handed_over']`. */
  events: string[];
  /** Staff ids that got an in-app notification. */
  recipients: number[];
}

export type HubSignal =
  | { type: 'change'; change: TicketChange }
  /** LISTEN is active; `resumed` after a lost connection, when changes made meanwhile were not heard. */
  | { type: 'listening'; resumed: boolean }
  /** With `raw`: a notification's payload as sent (channels whose payload is not a ticket change). */
  | { type: 'raw'; payload: string };

export type HubListener = (signal: HubSignal) => void;

export interface TicketChangeHub {
  /** Starts listening on first use; returns the unsubscribe function. */
  subscribe(listener: HubListener): () => void;
  readonly listening: boolean;
  /** How many times the connection was re-established after a loss. */
  readonly reconnects: number;
  close(): Promise<void>;
}

export interface TicketChangeHubOptions {
  url: string;
  channel?: string;
  /** Shown in pg_stat_activity, so an operator (or a test) can find the listener. */
  applicationName?: string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A silent network loss (no RST) is noticed by a `select 1` this often. */
  pingEveryMs?: number;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Pass payloads through unparsed (e.g. the clock scheduler's wake-ups on centric_clock_changes). */
  raw?: boolean;
}

/** Reads a NOTIFY payload defensively: anything on the channel that is not ours is ignored. */
export function parseTicketChange(payload: string | undefined): TicketChange | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const v = value as Partial<TicketChange> | null;
  if (!v || !Number.isSafeInteger(v.ticketId) || (v.ticketId as number) <= 0) return null;
  const events = Array.isArray(v.events) ? v.events.filter((e): e is string => typeof e === 'string') : [];
  const recipients = Array.isArray(v.recipients) ? v.recipients.filter((r): r is number => Number.isSafeInteger(r)) : [];
  return { ticketId: v.ticketId as number, events, recipients };
}

/**
 * One dedicated PostgreSQL connection per process LISTENs for ticket changes and fans them out in
 * memory, so a thousand open browser tabs cost one connection, not a thousand. NOTIFY is sent by
 * the changing transaction on whichever instance made the change and delivered on commit to every
 * listener, which is how several Centric instances behind a load balancer see each other's work.
 *
 * The connection is not pooled (a pool would hand it to queries and drop the LISTEN). When it is
 * lost (server restart, failover, pg_terminate_backend, a network cut noticed by the ping) the hub
 * reconnects with exponential backoff and full jitter, so many instances do not stampede a
 * recovering server; after reconnecting it signals `resumed`, because NOTIFYs sent while nobody
 * listened are gone and subscribers must refetch.
 */
export function createTicketChangeHub(options: TicketChangeHubOptions): TicketChangeHub {
  const channel = options.channel ?? TICKET_CHANGES_CHANNEL;
  const minBackoffMs = options.minBackoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 15_000;
  const pingEveryMs = options.pingEveryMs ?? 30_000;
  const listeners = new Set<HubListener>();
  let client: pg.Client | null = null;
  let started = false;
  let closed = false;
  let listening = false;
  let everListened = false;
  let attempt = 0;
  let reconnects = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;

  const emit = (signal: HubSignal) => {
    for (const listener of [...listeners]) {
      try {
        listener(signal);
      } catch (err) {
        options.log?.warn({ err }, 'a live-update subscriber failed');
      }
    }
  };

  const dropClient = (c: pg.Client) => {
    c.removeAllListeners('notification');
    // An 'error' after we gave up on the client must not crash the process.
    c.removeAllListeners('error');
    c.on('error', () => {});
    c.end().catch(() => {});
  };

  const scheduleConnect = () => {
    if (closed || retryTimer) return;
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** attempt);
    const delay = attempt === 0 ? 0 : Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const onLost = (c: pg.Client, reason: unknown) => {
    if (client !== c) return;
    client = null;
    listening = false;
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
    dropClient(c);
    if (closed) return;
    options.log?.warn({ err: reason }, 'live updates: lost the PostgreSQL LISTEN connection; reconnecting');
    scheduleConnect();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: options.url, application_name: options.applicationName ?? 'centric-live', keepAlive: true, connectionTimeoutMillis: 10_000 });
    client = c;
    c.on('error', (err) => onLost(c, err));
    c.on('end', () => onLost(c, new Error('connection ended')));
    c.on('notification', (message) => {
      if (message.channel !== channel) return;
      if (options.raw) return emit({ type: 'raw', payload: message.payload ?? '' });
      const change = parseTicketChange(message.payload);
      if (change) emit({ type: 'change', change });
      else options.log?.warn({ payload: message.payload?.slice(0, 200) }, 'live updates: ignored a malformed notification');
    });
    try {
      await c.connect();
      await c.query(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (err) {
      onLost(c, err);
      return;
    }
    if (closed || client !== c) {
      dropClient(c);
      return;
    }
    const resumed = everListened;
    if (resumed) reconnects += 1;
    everListened = true;
    listening = true;
    attempt = 0;
    pingTimer = setInterval(() => {
      c.query('select 1').catch((err: unknown) => onLost(c, err));
    }, pingEveryMs);
    pingTimer.unref();
    if (resumed) options.log?.info({ reconnects }, 'live updates: listening again');
    emit({ type: 'listening', resumed });
  }

  return {
    subscribe(listener) {
      if (closed) throw new Error('the live-update hub is closed');
      listeners.add(listener);
      if (!started) {
        started = true;
        scheduleConnect();
      }
      return () => {
        listeners.delete(listener);
      };
    },
    get listening() {
      return listening;
    },
    get reconnects() {
      return reconnects;
    },
    async close() {
      closed = true;
      listening = false;
      listeners.clear();
      if (retryTimer) clearTimeout(retryTimer);
      if (pingTimer) clearInterval(pingTimer);
      retryTimer = pingTimer = null;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
