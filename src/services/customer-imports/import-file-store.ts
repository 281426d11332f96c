import { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Pieces of 1 MiB: a 50 MiB file is 50 rows, and reading one back holds one piece in memory at a time. */
export const IMPORT_CHUNK_BYTES = 1_048_576;

/**
 * Copies the upload into `import_job_chunks` as it arrives (in the caller's transaction), so any
 * instance can read it later. Returns the size and the first bytes (for format and encoding checks).
 */
export async function storeImportFile(trx: Transaction<Database>, jobId: number, body: AsyncIterable<Buffer | string>): Promise<{ sizeBytes: number; head: Buffer }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let sizeBytes = 0;
  let head: Buffer | null = null;
  const flush = async (): Promise<void> => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    head ??= data.subarray(0, 65_536);
    pending = [];
    pendingBytes = 0;
    await trx.insertInto('import_job_chunks').values({ job_id: jobId, seq: seq++, data }).execute();
  };
  for await (const piece of body) {
    const buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    sizeBytes += buf.length;
    pending.push(buf);
    pendingBytes += buf.length;
    if (pendingBytes >= IMPORT_CHUNK_BYTES) await flush();
  }
  await flush();
  return { sizeBytes, head: head ?? Buffer.alloc(0) };
}

/** The stored file as a stream, one piece fetched at a time. */
export function openImportFile(db: Kysely<Database> | Transaction<Database>, jobId: number): Readable {
  async function* pieces(): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq += 1) {
      const row = await db.selectFrom('import_job_chunks').select('data').where('job_id', '=', jobId).where('seq', '=', seq).executeTakeFirst();
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}
