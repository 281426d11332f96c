import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../src/db/embedded.ts';
import { benchCommitments } from './commitments.ts';
import { benchCustomers } from './customers.ts';
import { benchCustomerImport } from './customer-import.ts';
import { benchTickets } from './tickets.ts';
import { benchWeb } from './web.ts';

/**
 * `npm run bench`: prints figures, each beside its target; asserts nothing about time. Uses a
 * throw-away embedded PostgreSQL in a temp folder (durable settings, as in production: the commit
 * rate is part of what is measured), or the server in BENCH_DATABASE_URL (a database it may fill
 * with a million tickets and drop tables in). Only ever talks to 127.0.0.1 when embedded.
 */
const log = (line: string) => process.stdout.write(`${line}\n`);

async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (given) {
    log(`database: BENCH_DATABASE_URL (${new URL(given).host})`);
    return run(given);
  }
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-bench-'));
  // As root, PostgreSQL runs as the postgres user, who must be able to enter mkdtemp's 0700 folder.
  await fs.chmod(tmpDir, 0o755);
  let embedded: EmbeddedServer | null = null;
  const cleanUp = async () => {
    await embedded?.stop().catch(() => {});
    await fs.rm(tmpDir, { recursive: true, force: true });
  };
  // Ctrl-C must not leave a postmaster and a gigabyte of data behind.
  const onSignal = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`database: embedded PostgreSQL 17 in ${tmpDir} (throw-away)`);
    embedded = await startEmbeddedPostgres({ pgDir: path.join(tmpDir, 'pg') });
    const admin = new pg.Client({ connectionString: embedded.adminUrl });
    await admin.connect();
    await admin.query('create database centric_bench');
    await admin.end();
    return await run(embedded.urlFor('centric_bench'));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanUp();
  }
}

async function benchCalendarIfPresent(): Promise<void> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'calendar.ts');
  if (!existsSync(file)) {
    log('[calendar] skipped: bench/calendar.ts is not there');
    return;
  }
  const mod = (await import(pathToFileURL(file).href)) as { benchCalendar?: (log: (line: string) => void) => Promise<void> | void };
  if (typeof mod.benchCalendar !== 'function') {
    log('[calendar] skipped: bench/calendar.ts exports no benchCalendar');
    return;
  }
  await mod.benchCalendar((line) => log(`[calendar] ${line}`));
}

/**
 * BENCH_ONLY=<part> runs one part: calendar, tickets (registration alone: BENCH_ONLY=registration),
 * commitments, customers, import (the 100,000-row customer import), web (initial JS per entry point). One switch for all parts, so a new part adds its name here.
 */
const ONLY = process.env.BENCH_ONLY?.trim() || null;
const PART_OF: Record<string, string> = { registration: 'tickets' };
const runsPart = (part: string) => !ONLY || (PART_OF[ONLY] ?? ONLY) === part;

async function main(): Promise<void> {
  const started = performance.now();
  // Other work on the machine skews every figure; the load average says how much there was.
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  log(`Centric bench — Node ${process.version}, ${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, load average ${load()}`);
  if (runsPart('calendar')) await benchCalendarIfPresent();
  if (runsPart('web')) benchWeb({ log: (line) => log(`[web] ${line}`) });
  if (runsPart('tickets') || runsPart('commitments') || runsPart('customers') || runsPart('import')) await withBenchDatabase(async (url) => {
    if (runsPart('tickets')) await benchTickets({ url, log: (line) => log(`[tickets] ${line}`) });
    // After the tickets: the sweep's million clocks sit on the bulk-loaded tickets.
    if (runsPart('commitments')) await benchCommitments({ url, log: (line) => log(`[commitments] ${line}`) });
    if (runsPart('customers')) await benchCustomers({ url, log: (line) => log(`[customers] ${line}`) });
    // After the customers: the duplicate lookups then run against a million records.
    if (runsPart('import')) await benchCustomerImport({ url, log: (line) => log(`[import] ${line}`) });
  });
  log(`bench finished in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${load()}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
