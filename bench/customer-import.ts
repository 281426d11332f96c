import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { loadConfig } from '../src/config.ts';
import { createKysely, createPool } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { systemContext } from '../src/services/context.ts';
import { insertStaff } from '../src/services/org/staff.ts';

type Log = (line: string) => void;

/** BENCH_IMPORT_ROWS overrides the 100,000 rows. */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

/** A CSV like the ones people bring: Chinese names, a phone and an email each, one bad row in 500. */
async function writeCsv(file: string): Promise<number> {
  const out = createWriteStream(file);
  out.write('姓名,手机,邮箱,单位,标签,备注\n');
  for (let i = 0; i < ROWS; i++) {
    const phone = i % 500 === 7 ? 'unknown' : `177${String(i).padStart(8, '0')}`;
    if (!out.write(`客户${i},${phone},import.${i}@example.com,"北京燃气, 第${i % 40}分公司",居民;bench,第${i}行\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await fs.stat(file)).size;
}

/**
 * The 100,000-row import over real HTTP: upload (streamed), validate, import valid rows only. Prints
 * each step's time and the server process's peak RSS and heap growth, the figure that shows the
 * file is streamed rather than held (the file's own size is printed beside it).
 */
export async function benchCustomerImport(options: { url: string; log: Log }): Promise<void> {
  const { log } = options;
  const db = createKysely(createPool(options.url, 6));
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'centric-import-bench-'));
  const app = await buildApp({ db, config: loadConfig({}) });
  try {
    await migrateToLatest(db as never);
    const password = 'bench-import-password';
    const { staff } = await insertStaff(db, systemContext(), { email: `bench-import-${Date.now()}@example.com`, name: 'Import bench', roles: ['agent'], departmentId: null, staffClass: 'functional', password });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: staff.email, password }) });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const auth = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
    const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${url}`, { method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    type Job = { id: number; status: string; suggestedMapping: unknown[]; totalRows: number; validRows: number; errorRows: number; importedRows: number };
    const settle = async (id: number): Promise<Job> => {
      for (;;) {
        const job = await call<Job>('GET', `/api/customer-imports/${id}`);
        if (job.status !== 'validating' && job.status !== 'importing') return job;
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const file = path.join(tmp, 'customers.csv');
    const size = await writeCsv(file);
    (globalThis as { gc?: () => void }).gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = 0;
    let peakHeap = 0;
    let peakLive = 0;
    let ticks = 0;
    // With --expose-gc (NODE_OPTIONS=--expose-gc), every 20th sample collects first: the heap still
    // live then is what the import holds, not garbage the collector has not got to yet.
    const gc = (globalThis as { gc?: () => void }).gc;
    const sampler = setInterval(() => {
      if (gc && ++ticks % 20 === 0) {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
      }
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 25);
    const t0 = performance.now();
    const up = await fetch(`${base}/api/customer-imports?fileName=customers.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(size) },
      body: createReadStream(file) as never,
      duplex: 'half',
    } as RequestInit);
    if (up.status !== 201) throw new Error(`upload → ${up.status} ${await up.text()}`);
    const job = (await up.json()) as Job;
    const t1 = performance.now();
    await call('POST', `/api/customer-imports/${job.id}/validate`, { mapping: job.suggestedMapping });
    const validated = await settle(job.id);
    const t2 = performance.now();
    await call('POST', `/api/customer-imports/${job.id}/run`, { mode: 'valid_only' });
    const done = await settle(job.id);
    const t3 = performance.now();
    clearInterval(sampler);
    const mib = (n: number) => `${(n / 1_048_576).toFixed(0)} MiB`;
    log(`file: ${ROWS.toLocaleString('en')} rows, ${mib(size)} CSV; ${validated.errorRows} bad rows   (reference)`);
    log(`upload (streamed into PostgreSQL, header + preview read): ${((t1 - t0) / 1000).toFixed(1)} s`);
    log(`validate every row: ${((t2 - t1) / 1000).toFixed(1)} s (${Math.round(ROWS / ((t2 - t1) / 1000)).toLocaleString('en')} rows/s)`);
    log(`import valid rows only: ${((t3 - t2) / 1000).toFixed(1)} s, ${done.importedRows.toLocaleString('en')} customers (${Math.round(done.importedRows / ((t3 - t2) / 1000)).toLocaleString('en')} rows/s)`);
    const live = gc ? `, peak live heap after GC ${mib(peakLive)}` : ' (NODE_OPTIONS=--expose-gc adds the live heap)';
    log(`server process: peak RSS ${mib(peakRss)}, peak heap ${mib(peakHeap)}${live}; heap at start ${mib(heapBefore)}, the file ${mib(size)}   (reference)`);
  } finally {
    await app.close();
    await db.destroy();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
