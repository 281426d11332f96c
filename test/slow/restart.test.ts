import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/db/embedded.ts';

// Runs the real CLI (`start`) on its own embedded PostgreSQL, whatever database the other tests use:
// this is about the embedded cluster surviving a `kill -9` of Centric.
const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir: string;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  // Stop any postmaster still running on the test's data folder before removing it.
  try {
    const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    if (pid) process.kill(pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 1000));
  } catch {
    // no cluster left running
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function startCentric(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', CENTRIC_DATA_DIR: dataDir, PORT: String(port), CENTRIC_ADMIN_EMAIL: 'boss@example.com', CENTRIC_ADMIN_PASSWORD: 'restart-secret-1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`centric exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`centric did not become healthy:\n${output}`);
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'boss@example.com', password: 'restart-secret-1' }) });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrfToken };
}

describe('restart after kill -9', () => {
  it('recovers the embedded cluster with committed data intact and no manual step', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-restart-'));
    await fs.chmod(dataDir, 0o755);
    const port = await findFreePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startCentric(port);
    const s = await signIn(base);
    const created = await fetch(`${base}/api/departments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken },
      body: JSON.stringify({ name: '抢修中心 Emergency repair' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    // The orphaned postmaster from the killed run is still there; the next start must deal with it.
    const pidFile = await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
    expect(Number(pidFile.split('\n')[0])).toBeGreaterThan(0);

    const second = await startCentric(port);
    const s2 = await signIn(base);
    const got = await fetch(`${base}/api/departments/${id}`, { headers: { cookie: s2.cookie } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { name: string }).name).toBe('抢修中心 Emergency repair');

    // A clean stop (SIGTERM) stops PostgreSQL too, leaving no postmaster behind.
    second.kill('SIGTERM');
    const code = await new Promise((r) => second.once('exit', r));
    expect(code).toBe(0);
    await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
  }, 120_000);
});
