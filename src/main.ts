import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { startBackgroundJobs, type BackgroundJobs } from './jobs/start-background-jobs.ts';
import { systemContext } from './services/context.ts';
import { insertStaff, resetStaffPassword } from './services/org/staff.ts';
import { ensureFirstAdmin } from './services/setup/ensure-first-admin.ts';
import { DomainError } from './domain/shared/domain-error.ts';

const USAGE = `Usage: centric <command> [options]

Commands:
  start                         run migrations, then serve the web app and API (HOST, PORT)
  migrate                       apply pending database migrations and exit
  create-admin --email E [--name N] [--password P]
                                add an admin (a password is generated when none is given)
  reset-password --email E [--password P]
                                set a new password for a staff member and end their sessions
  help                          this text

Configuration comes from environment variables; see README.md.`;

async function open(config: Config): Promise<DatabaseHandle> {
  const handle = await connectDatabase(config, (m) => {
    if (process.env.CENTRIC_DEBUG_PG) process.stderr.write(`[pg] ${m}\n`);
  });
  await migrateToLatest(handle.db as never);
  return handle;
}

async function start(config: Config): Promise<void> {
  const handle = await open(config);
  const admin = await ensureFirstAdmin(handle.db, { email: config.adminEmail, password: config.adminPassword });
  if (admin?.password) {
    process.stdout.write(`\nFirst start: created the admin ${admin.email} with the password\n\n    ${admin.password}\n\nIt is shown only this once; change it after signing in.\n\n`);
  } else if (admin) {
    process.stdout.write(`First start: created the admin ${admin.email} with the configured password.\n`);
  }
  const app = await buildApp({ db: handle.db, databaseUrl: handle.url, config, logger: { level: config.logLevel } });
  let stopping = false;
  let jobs: BackgroundJobs | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    // The jobs first: a pass in progress ends before the pool it uses is closed.
    try {
      await jobs?.stop();
    } catch (err) {
      app.log.error({ err }, 'a background job did not stop cleanly');
    }
    await app.close();
    await handle.close();
    process.exit(0);
  };
  // `on`, not `once`: tsx relays the signal it receives, so the same signal can arrive twice.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  // buildApp starts no job; this process does, once it serves (unless a signal came while it started listening).
  if (!stopping) jobs = startBackgroundJobs({ db: handle.db, databaseUrl: handle.url, log: app.log });
  process.stdout.write(`Centric is running at http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(app.server.address() as { port: number }).port}/\n`);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    allowPositionals: false,
    strict: true,
  });
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const config = loadConfig();
  if (command === 'start') {
    await start(config);
    return -1; // keeps running
  }
  if (command === 'migrate') {
    const handle = await connectDatabase(config);
    try {
      const applied = await migrateToLatest(handle.db as never);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n');
    } finally {
      await handle.close();
    }
    return 0;
  }
  if (command === 'create-admin' || command === 'reset-password') {
    if (!values.email) {
      process.stderr.write(`${command} needs --email\n`);
      return 2;
    }
    const handle = await open(config);
    try {
      if (command === 'create-admin') {
        const result = await insertStaff(handle.db, systemContext(), {
          email: values.email, name: values.name ?? 'Administrator', roles: ['admin'], ...(values.password ? { password: values.password } : {}),
        });
        process.stdout.write(`Created admin ${result.staff.email}${result.generatedPassword ? ` with the password ${result.generatedPassword}` : ''}\n`);
      } else {
        const result = await resetStaffPassword(handle.db, systemContext(), { email: values.email, ...(values.password ? { password: values.password } : {}) });
        process.stdout.write(`New password for ${values.email}${values.password ? ' set' : `: ${result.password}`}\n`);
      }
    } finally {
      await handle.close();
    }
    return 0;
  }
  process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`Configuration error: ${err.message}\n`);
    else if (err instanceof DomainError) process.stderr.write(`${err.message}${err.field ? ` (${err.field})` : ''}\n`);
    else if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    else process.stderr.write(`Centric could not start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
