import { Type } from 'typebox';
import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { listNotifications, markNotificationsRead } from '../../../services/notifications.ts';
import { Body, PageQuery } from '../common.ts';

export function registerNotificationRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['notifications'];
  app.get('/api/notifications', { schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), ...PageQuery }) } }, async (request) =>
    listNotifications(deps.db, staffContext(request).actor.id, request.query),
  );
  app.post(
    '/api/notifications/read',
    { schema: { tags, summary: 'Mark notifications read (all when ids is omitted)', body: Body({ ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })) }) } },
    async (request) => ({ updated: await markNotificationsRead(deps.db, staffContext(request).actor.id, request.body.ids ?? null, deps.now()) }),
  );
}
