import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allErrors, countCustomersIn, settle, uploadAndValidate } from '../helpers/customer-imports.ts';
import { createTestApp, signInNew, type Client, type TestApp } from '../helpers/test-app.ts';

// The import at a size where batches, progress and streaming show: 5,000 rows here (a few seconds);
// the 100,000-row figure is the bench's (`BENCH_ONLY=import npm run bench`).
const ROWS = 5_000;
let t: TestApp;
let agent: Client;

beforeAll(async () => {
  t = await createTestApp();
  agent = await signInNew(t);
});
afterAll(() => t.close());

const countCustomers = () => countCustomersIn(t.db);

/** A file of `rows` rows with 4 bad rows in every 1,000: a bad phone, a bad email, no name, a phone repeated from the row above. */
function bigCsv(rows: number, seed: number): { csv: Buffer; bad: Map<number, string> } {
  const lines = ['Name,Phone,Email,Organisation,Tags'];
  const bad = new Map<number, string>();
  for (let i = 0; i < rows; i++) {
    const rowNumber = i + 2;
    const phone = `1${seed}${String(i).padStart(8, '0')}`;
    let name = `客户${i}`;
    let phoneCell = phone;
    let email = `c${seed}-${i}@example.com`;
    switch (i % 1000) {
      case 101: phoneCell = 'no phone'; bad.set(rowNumber, 'Phone'); break;
      case 202: email = `nobody-${i}`; bad.set(rowNumber, 'Email'); break;
      case 303: name = ''; bad.set(rowNumber, 'Name'); break;
      case 404: phoneCell = `1${seed}${String(i - 1).padStart(8, '0')}`; bad.set(rowNumber, 'Phone'); break;
    }
    lines.push(`${name},${phoneCell},${email},"Acme, Ltd",vip;north`);
  }
  return { csv: Buffer.from(lines.join('\n')), bad };
}

describe('a 5,000-row import', () => {
  it('validates every row, refuses all-or-nothing, and imports exactly the good rows with valid-only, streaming', { timeout: 120_000 }, async () => {
    const rows = ROWS;
    const { csv, bad } = bigCsv(rows, 52);
    const before = await countCustomers();
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 100);
    const startedAt = Date.now();
    const validated = await uploadAndValidate(agent, csv, 'big.csv');
    const validatedAt = Date.now();
    expect(validated).toMatchObject({ status: 'validated', totalRows: rows, validRows: rows - bad.size, errorRows: bad.size });
    const { items, total } = await allErrors(agent, validated.id);
    expect(total).toBe(bad.size);
    expect(new Map(items.map((e) => [e.rowNumber, e.column]))).toEqual(bad);
    expect(items.find((e) => e.rowNumber === 406)!.message).toContain('row 405');

    const refused = await agent.request('POST', `/api/customer-imports/${validated.id}/run`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(409);
    expect(await countCustomers()).toBe(before);

    const progress: number[] = [];
    expect((await agent.request('POST', `/api/customer-imports/${validated.id}/run`, { mode: 'valid_only' })).statusCode).toBe(202);
    const done = await settle(agent, validated.id, progress);
    clearInterval(sampler);
    expect(done).toMatchObject({ status: 'done', importedRows: rows - bad.size, processedRows: rows });
    expect(await countCustomers()).toBe(before + rows - bad.size);
    // Progress was visible on the way (batches of 1,000 rows), not only at the end.
    expect(progress.some((p) => p > 0 && p < rows)).toBe(true);
    const linked = await t.db.selectFrom('import_job_customers').select((eb) => eb.fn.countAll<number>().as('n')).where('job_id', '=', validated.id).executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBe(rows - bad.size);
    // The last row, read back whole.
    const last = rows - 1;
    const sample = await t.db.selectFrom('customers').select(['name', 'organisation', 'tags', 'phones']).where('phones', '@>', sql<string[]>`${[`152${String(last).padStart(8, '0')}`]}::text[]`).execute();
    expect(sample).toEqual([{ name: `客户${last}`, organisation: 'Acme, Ltd', tags: ['vip', 'north'], phones: [`152${String(last).padStart(8, '0')}`] }]);
    console.log(`customer import: ${csv.length} bytes, ${rows} rows; validate ${validatedAt - startedAt} ms, import ${Date.now() - validatedAt} ms; peak RSS ${Math.round(Math.max(...rss) / 1_048_576)} MiB`);
  });
});
