import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { markNoticeRead } from '../../../services/accountability/notices/mark-notice-read.ts';
import { publishNotice } from '../../../services/accountability/notices/publish-notice.ts';
import { getNotice, getNoticeReceipts, listNotices } from '../../../services/accountability/notices/views.ts';
import { withdrawNotice } from '../../../services/accountability/notices/withdraw-notice.ts';
import { IdParams, withErrors } from '../../../contracts/common.ts';
import { ListNoticesQuery, NoticeList, NoticeReceipts, NoticeView, PublishNoticeBody, WithdrawNoticeBody } from '../../../contracts/notices.ts';

export function registerNoticeRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['notices'];
  app.get(
    '/api/notices',
    {
      schema: {
        tags, summary: 'The company-wide notice board, newest first, with whether I have read each; history=true (office) includes withdrawn notices',
        querystring: ListNoticesQuery,
        response: withErrors({ 200: NoticeList }),
      },
    },
    async (request) => listNotices(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/notices',
    { schema: { tags, summary: 'Publish a notice of criticism or commendation (office)', body: PublishNoticeBody, response: withErrors({ 201: NoticeView }) } },
    async (request, reply) => reply.status(201).send(await publishNotice(deps.db, staffContext(request), { ...request.body, nowMs: deps.now() })),
  );
  app.get('/api/notices/:id', { schema: { tags, summary: 'One notice', params: IdParams, response: withErrors({ 200: NoticeView }) } }, async (request) =>
    getNotice(deps.db, staffContext(request), { id: request.params.id }),
  );
  app.post(
    '/api/notices/:id/read',
    { schema: { tags, summary: 'I have read it (the read receipt; the first reading counts)', params: IdParams, response: withErrors({ 200: NoticeView }) } },
    async (request) => markNoticeRead(deps.db, staffContext(request), { id: request.params.id, nowMs: deps.now() }),
  );
  app.post(
    '/api/notices/:id/withdraw',
    { schema: { tags, summary: 'Withdraw a notice from the board, with the reason (office); it stays in the history', params: IdParams, body: WithdrawNoticeBody, response: withErrors({ 200: NoticeView }) } },
    async (request) => withdrawNotice(deps.db, staffContext(request), { id: request.params.id, reason: request.body.reason, nowMs: deps.now() }),
  );
  app.get(
    '/api/notices/:id/receipts',
    { schema: { tags, summary: 'Who has read it and who has not yet (office)', params: IdParams, response: withErrors({ 200: NoticeReceipts }) } },
    async (request) => getNoticeReceipts(deps.db, staffContext(request), { id: request.params.id }),
  );
}
