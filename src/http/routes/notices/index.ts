import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { getNotice, getNoticeReceipts, listNotices, markNoticeRead, publishNotice, withdrawNotice } from '../../../services/accountability/notices.ts';
import { Body, IdParams, NullableId, PageQuery } from '../common.ts';

const Kind = Type.Union([Type.Literal('criticism'), Type.Literal('commendation')]);

export function registerNoticeRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['notices'];
  app.get(
    '/api/notices',
    {
      schema: {
        tags, summary: 'The company-wide notice board, newest first, with whether I have read each; history=true (office) includes withdrawn notices',
        querystring: Type.Object({ kind: Type.Optional(Kind), unread: Type.Optional(Type.Boolean()), history: Type.Optional(Type.Boolean()), ...PageQuery }),
      },
    },
    async (request) => listNotices(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/notices',
    { schema: { tags, summary: 'Publish a notice of criticism or commendation (office)', body: Body({ kind: Kind, title: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }), personId: Type.Optional(NullableId), departmentId: Type.Optional(NullableId) }) } },
    async (request, reply) => reply.status(201).send(await publishNotice(deps.db, staffContext(request), request.body, deps.now())),
  );
  app.get('/api/notices/:id', { schema: { tags, summary: 'One notice', params: IdParams } }, async (request) => getNotice(deps.db, staffContext(request), request.params.id));
  app.post('/api/notices/:id/read', { schema: { tags, summary: 'I have read it (the read receipt; the first reading counts)', params: IdParams } }, async (request) =>
    markNoticeRead(deps.db, staffContext(request), request.params.id, deps.now()),
  );
  app.post(
    '/api/notices/:id/withdraw',
    { schema: { tags, summary: 'Withdraw a notice from the board, with the reason (office); it stays in the history', params: IdParams, body: Body({ reason: Type.String({ maxLength: 2000 }) }) } },
    async (request) => withdrawNotice(deps.db, staffContext(request), request.params.id, request.body, deps.now()),
  );
  app.get('/api/notices/:id/receipts', { schema: { tags, summary: 'Who has read it and who has not yet (office)', params: IdParams } }, async (request) =>
    getNoticeReceipts(deps.db, staffContext(request), request.params.id),
  );
}
