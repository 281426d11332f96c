import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createTicketChangeHub, type TicketChangeHub } from '../live/ticket-change-hub.ts';

/** NOTIFY channel: the payload is the id of a staff member whose sessions, tokens, roles or status changed. */
export const AUTH_CHANGES_CHANNEL = 'centric_auth_changes';

/**
 * How long an instance may answer from memory for a session or token it last read, at most. Every
 * change made through Centric reaches all instances by NOTIFY within milliseconds of its commit;
 * this bounds only what NOTIFY cannot carry (a change typed into psql, a listener cut silently).
 */
export const PRINCIPAL_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Tells every Centric instance to forget what it cached about this person's sign-ins. Call it in
 * the transaction that signs out, revokes, deactivates or changes roles: PostgreSQL delivers it on
 * commit, so no instance drops its entry before the change is visible to its next read.
 */
export async function announceAuthChange(db: Kysely<Database>, staffId: number): Promise<void> {
  // This process's own caches hold off at once: its next request must not see the old state in
  // the moment before its own NOTIFY comes back.
  for (const hold of localHolds) hold(staffId);
  await sql`select pg_notify(${AUTH_CHANGES_CHANNEL}::text, ${String(staffId)}::text)`.execute(db);
}

/** Every live cache in this process, told of a change before it commits. */
const localHolds = new Set<(staffId: number) => void>();

export interface LoadedPrincipal<T> {
  value: T;
  staffId: number;
  /** When the session or token itself expires (null: never); checked on every hit. */
  expiresAtMs: number | null;
}

export interface PrincipalCache {
  /** The cached value for `key`, or `load()`'s (cached when it may be). `load` answers null for unknown, expired or revoked. */
  resolve<T>(key: string, nowMs: number, load: () => Promise<LoadedPrincipal<T> | null>): Promise<T | null>;
  /** True while LISTEN is active: only then are entries kept. */
  readonly active: boolean;
  readonly stats: { hits: number; misses: number; invalidations: number };
  close(): Promise<void>;
}

interface Entry {
  value: unknown;
  staffId: number;
  expiresAtMs: number | null;
  cachedAtMs: number;
}

/**
 * Remembers, per hashed session cookie or API token, who the caller is, so that a request costs no
 * database round trip for authentication (registration: one statement instead of two). Entries
 * live while this process LISTENs on AUTH_CHANGES_CHANNEL and at most `ttlMs`; without a working
 * LISTEN connection every request reads the database, as if there were no cache.
 */
export function createPrincipalCache(options: { url: string; ttlMs?: number; log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void } }): PrincipalCache {
  const ttlMs = options.ttlMs ?? PRINCIPAL_CACHE_TTL_MS;
  const entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, invalidations: 0 };
  // Bumped on every invalidation: a read that started before one must not store what it read.
  let epoch = 0;
  // People with a change announced here and not yet heard back by NOTIFY (or rolled back: then
  // it lapses after ttlMs): their reads are not stored, as they may predate the commit.
  const held = new Map<number, number>();
  const forgetAll = () => {
    epoch += 1;
    entries.clear();
  };
  const forgetStaff = (staffId: number) => {
    epoch += 1;
    for (const [key, entry] of entries) if (entry.staffId === staffId) entries.delete(key);
  };
  const hold = (staffId: number) => {
    held.set(staffId, Date.now());
    forgetStaff(staffId);
  };
  localHolds.add(hold);
  const isHeld = (staffId: number) => {
    const since = held.get(staffId);
    if (since === undefined) return false;
    if (Date.now() - since < ttlMs) return true;
    held.delete(staffId);
    return false;
  };
  const hub: TicketChangeHub = createTicketChangeHub({ url: options.url, channel: AUTH_CHANGES_CHANNEL, raw: true, applicationName: 'centric-auth', log: options.log });
  hub.subscribe((signal) => {
    // (Re)connected: whatever was announced while nobody listened is lost, so start empty.
    if (signal.type === 'listening') return forgetAll();
    if (signal.type !== 'raw') return;
    stats.invalidations += 1;
    const staffId = Number(signal.payload);
    if (!Number.isSafeInteger(staffId)) return forgetAll();
    held.delete(staffId);
    forgetStaff(staffId);
  });

  return {
    async resolve<T>(key: string, nowMs: number, load: () => Promise<LoadedPrincipal<T> | null>): Promise<T | null> {
      if (!hub.listening) {
        if (entries.size > 0) forgetAll();
        return (await load())?.value ?? null;
      }
      const hit = entries.get(key);
      if (hit && nowMs - hit.cachedAtMs < ttlMs && (hit.expiresAtMs === null || hit.expiresAtMs > nowMs)) {
        stats.hits += 1;
        return hit.value as T;
      }
      if (hit) entries.delete(key);
      stats.misses += 1;
      const startedAt = epoch;
      const loaded = await load();
      if (!loaded) return null;
      if (epoch === startedAt && hub.listening && !isHeld(loaded.staffId)) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { value: loaded.value, staffId: loaded.staffId, expiresAtMs: loaded.expiresAtMs, cachedAtMs: nowMs });
      }
      return loaded.value;
    },
    get active() {
      return hub.listening;
    },
    stats,
    async close() {
      localHolds.delete(hold);
      entries.clear();
      await hub.close();
    },
  };
}
