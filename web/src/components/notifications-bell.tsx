import { Badge, Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import { NOTIFICATIONS_KEY, useNotifications, type AppNotification } from '../api/tickets.ts';
import { formatDateTime } from '../lib/format.ts';

const KNOWN_KINDS = new Set([
  'handed_to_you',
  'handed_to_department',
  'unassigned',
  'accepted',
  'declined',
  'escalated_to_you',
  'instructed',
  'customer_replied',
  'callback_due',
  'satisfaction_recorded',
  'customer_confirmed',
  'exception_approved',
  'reopened',
  'ownership_transferred_to_you',
  'clock_warned',
  'clock_breached',
  'clock_escalated',
  'complaint_flag_raised',
  'scorecard_reminder',
  'scorecard_follow_up',
]);

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header's bell: the unread count in words and digits; choosing one opens its ticket and marks it read. */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data } = useNotifications();
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];

  const markRead = async (ids?: number[]) => {
    try {
      await api.post('/api/notifications/read', ids ? { ids } : {});
    } finally {
      await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    }
  };
  const open = (n: AppNotification) => {
    if (!n.readAt) void markRead([n.id]);
    if (n.ticketId !== null) navigate(`/tickets/${n.ticketId}`);
    // A three-complaint flag concerns a person, not a ticket: it opens the flags to decide.
    else if (n.kind === 'complaint_flag_raised') navigate('/complaint-flags');
    // A reminder is about an account's open scorecard of the week, not a ticket.
    else if (n.kind === 'scorecard_reminder') navigate('/scorecards');
  };
  const kindText = (kind: string) => t(`notifications.kinds.${KNOWN_KINDS.has(kind) ? kind : 'unknown'}` as 'notifications.kinds.unknown');

  return (
    <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal width={360}>
      <Menu.Target>
        <Button
          variant="subtle"
          size="sm"
          leftSection={<BellIcon />}
          rightSection={
            unread > 0 ? (
              <Badge color="red" variant="filled" size="sm" circle={unread < 10} data-testid="unread-count">
                {unread}
                <VisuallyHidden component="span">{t('notifications.unreadSuffix')}</VisuallyHidden>
              </Badge>
            ) : undefined
          }
        >
          {t('notifications.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {items.length === 0 && <Menu.Item disabled>{t('notifications.empty')}</Menu.Item>}
        {items.map((n) => (
          <Menu.Item key={n.id} onClick={() => open(n)} data-unread={n.readAt ? undefined : 'true'}>
            <Text size="sm" fw={n.readAt ? 400 : 700}>
              {!n.readAt && (
                <Badge size="xs" variant="light" color="blue" mr={6}>
                  {t('notifications.unread')}
                </Badge>
              )}
              {kindText(n.kind)}
            </Text>
            {n.ticketNumber && (
              <Text size="xs">{t('notifications.ticket', { number: n.ticketNumber, subject: n.ticketSubject ?? '' })}</Text>
            )}
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt, i18n.language)}
            </Text>
          </Menu.Item>
        ))}
        {unread > 0 && (
          <>
            <Menu.Divider />
            <Menu.Item onClick={() => void markRead()}>{t('notifications.markAllRead')}</Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
