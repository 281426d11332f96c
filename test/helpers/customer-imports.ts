import { expect } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { expectOk } from './accountability.ts';
import type { Client } from './test-app.ts';

// The customer-import API as its tests drive it: upload, validate, poll until settled, read the errors.

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Job {
  id: number;
  status: string;
  columns: string[];
  preview: string[][];
  suggestedMapping: (string | null)[];
  totalRows: number | null;
  validRows: number | null;
  errorRows: number | null;
  processedRows: number;
  importedRows: number;
  message: string | null;
}
export interface RowError {
  rowNumber: number;
  column: string | null;
  field: string | null;
  message: string;
}

export const upload = (client: Client, body: Buffer | string, fileName: string, contentType = 'text/csv') =>
  client.request('POST', `/api/customer-imports?fileName=${encodeURIComponent(fileName)}`, body as never, { 'content-type': contentType });

/** Polls the job until it leaves validating/importing, and records the progress it saw on the way. */
export async function settle(client: Client, id: number, seen: number[] = []): Promise<Job> {
  for (let i = 0; i < 3000; i++) {
    const job = (await expectOk(client.request('GET', `/api/customer-imports/${id}`))).json<Job>();
    seen.push(job.processedRows);
    if (job.status !== 'validating' && job.status !== 'importing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import never finished');
}

export async function allErrors(client: Client, id: number): Promise<{ items: RowError[]; total: number }> {
  const items: RowError[] = [];
  let total = 0;
  for (let offset = 0; ; offset += 500) {
    const page = (await expectOk(client.request('GET', `/api/customer-imports/${id}/errors?offset=${offset}&limit=500`))).json<{ items: RowError[]; total: number }>();
    items.push(...page.items);
    total = page.total;
    if (page.items.length < 500) return { items, total };
  }
}

export const countCustomersIn = async (db: Db) => Number((await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export async function uploadAndValidate(client: Client, body: Buffer | string, fileName: string, contentType?: string, mapping?: (string | null)[]): Promise<Job> {
  const up = await upload(client, body, fileName, contentType);
  expect(up.statusCode, up.body).toBe(201);
  const job = up.json<Job>();
  const started = await client.request('POST', `/api/customer-imports/${job.id}/validate`, { mapping: mapping ?? job.suggestedMapping });
  expect(started.statusCode, started.body).toBe(202);
  return settle(client, job.id);
}
