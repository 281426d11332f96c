import type { AppDeps, AppInstance } from '../../app-deps.ts';
import { staffContext } from '../../auth.ts';
import { withErrors } from '../../../contracts/common.ts';
import { MarkedNotificationsRead, MarkNotificationsReadBody, NotificationListQuery, NotificationPage } from '../../../contracts/notifications.ts';
import { listNotifications, markNotificationsRead } from '../../../services/notifications.ts';

export function registerNotificationRoutes(app: AppInstance, deps: AppDeps): void {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    { schema: { tags, summary: 'My notifications, newest first, with the unread count', querystring: NotificationListQuery, response: withErrors({ 200: NotificationPage }) } },
    async (request) => listNotifications(deps.db, staffContext(request), request.query),
  );
  app.post(
    '/api/notifications/read',
    { schema: { tags, summary: 'Mark notifications read (all when ids is omitted)', body: MarkNotificationsReadBody, response: withErrors({ 200: MarkedNotificationsRead }) } },
    async (request) => ({ updated: await markNotificationsRead(deps.db, staffContext(request), { ids: request.body.ids ?? null, nowMs: deps.now() }) }),
  );
}
