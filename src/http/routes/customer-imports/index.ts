import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { exportCustomersCsv } from '../../../services/customer-imports/export-customers.ts';
import { getCustomerImport } from '../../../services/customer-imports/get-customer-import.ts';
import type { ImportWorkDeps } from '../../../services/customer-imports/import-job-progress.ts';
import { startCustomerImportRun } from '../../../services/customer-imports/run-customer-import.ts';
import { uploadCustomerImport } from '../../../services/customer-imports/upload-customer-import.ts';
import { startCustomerImportValidation, type StartedImportStep } from '../../../services/customer-imports/validate-customer-import.ts';
import { listCustomerImportErrors } from '../../../services/customer-imports/views.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import {
  CustomerImportErrorList,
  CustomerImportErrorsQuery,
  CustomerImportView,
  CustomersCsv,
  RunCustomerImportBody,
  UploadCustomerImportQuery,
  ValidateCustomerImportBody,
} from '../../../contracts/customer-imports.ts';
import { ExportCustomersQuery } from '../../../contracts/customers.ts';

function tooLarge(limit: number): Error {
  return Object.assign(new Error(`The file is larger than ${limit} bytes (CENTRIC_IMPORT_LIMIT_BYTES)`), { statusCode: 413 });
}

/** The request body as it arrives, refused past `limit` bytes: Fastify's own limit applies only to bodies it buffers. */
async function* limitBody(body: AsyncIterable<Buffer> | undefined, limit: number): AsyncGenerator<Buffer> {
  if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') return;
  let bytes = 0;
  for await (const piece of body) {
    bytes += piece.length;
    if (bytes > limit) throw tooLarge(limit);
    yield piece;
  }
}

export function registerCustomerImportRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['customers'];
  const work: ImportWorkDeps = { db: deps.db, now: deps.now, log: app.log };
  // Validation and import run after the answer, in this instance; their state is in import_jobs, so any instance can report it.
  const running = new Set<Promise<void>>();
  const inBackground = (step: StartedImportStep) => {
    const p = step.work().finally(() => running.delete(p));
    running.add(p);
    return step.job;
  };
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });

  // Raw file bodies only on the upload route: its own scope, so no other route accepts them.
  app.register(async (raw: FastifyInstance) => {
    const scope = raw as unknown as AppInstance;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/customer-imports',
      {
        bodyLimit: deps.config.importLimitBytes,
        schema: {
          tags,
          summary: 'Upload a CSV (text/csv, UTF-8 or GB18030) or XLSX file of customers (the raw file as the body): answers its columns, a suggested mapping and the first rows',
          querystring: UploadCustomerImportQuery,
          response: withErrors({ 201: CustomerImportView }),
        },
      },
      async (request, reply) => {
        const ctx = staffContext(request);
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > deps.config.importLimitBytes) throw tooLarge(deps.config.importLimitBytes);
        const job = await uploadCustomerImport(deps.db, ctx, {
          fileName: request.query.fileName,
          contentType: request.headers['content-type'] ?? null,
          body: limitBody(request.body as AsyncIterable<Buffer> | undefined, deps.config.importLimitBytes),
        });
        return reply.status(201).send(job);
      },
    );
  });

  app.get(
    '/api/customer-imports/:id',
    { schema: { tags, summary: 'A customer import: its step, counts and progress (poll while it validates or imports)', params: IdParams, response: withErrors({ 200: CustomerImportView }) } },
    async (request) => getCustomerImport(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() }),
  );

  app.get(
    '/api/customer-imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'The rows that cannot be imported: row number (the header is row 1), column and message, in file order',
        params: IdParams,
        querystring: CustomerImportErrorsQuery,
        response: withErrors({ 200: CustomerImportErrorList }),
      },
    },
    async (request) => listCustomerImportErrors(deps.db, staffContext(request), { ...request.query, id: request.params.id }),
  );

  app.post(
    '/api/customer-imports/:id/validate',
    { schema: { tags, summary: 'Choose the columns and check every row (in the background: poll the import)', params: IdParams, body: ValidateCustomerImportBody, response: withErrors({ 202: CustomerImportView }) } },
    async (request, reply) => reply.status(202).send(inBackground(await startCustomerImportValidation(work, staffContext(request), { ...request.body, id: request.params.id }))),
  );

  app.post(
    '/api/customer-imports/:id/run',
    {
      schema: {
        tags,
        summary: 'Import the validated file: all_or_nothing (every row or none) or valid_only (the valid rows, skipping the others); in the background: poll the import',
        params: IdParams,
        body: RunCustomerImportBody,
        response: withErrors({ 202: CustomerImportView }),
      },
    },
    async (request, reply) => reply.status(202).send(inBackground(await startCustomerImportRun(work, staffContext(request), { ...request.body, id: request.params.id }))),
  );

  app.get(
    '/api/customers/export.csv',
    { schema: { tags, summary: 'The customers GET /api/customers lists for the same filters (q, kind, segment, tag, account, parentId, active, sort), all of them, as CSV (UTF-8 with BOM), streamed', querystring: ExportCustomersQuery, response: withErrors({ 200: CustomersCsv }) } },
    async (request, reply) => {
      const lines = await exportCustomersCsv(deps.db, staffContext(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="customers.csv"')
        // The CSV text as a stream: never serialized, so the schema's string type names it for the docs only.
        .send(Readable.from(lines) as unknown as string);
    },
  );
}
