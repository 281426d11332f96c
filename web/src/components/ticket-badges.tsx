import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority, TicketStatus } from '../api/tickets.ts';

const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'grape',
  registered: 'blue',
  in_progress: 'cyan',
  handed_over: 'indigo',
  escalated: 'orange',
  waiting: 'yellow',
  resolved: 'teal',
  called_back: 'green',
  closed: 'gray',
  refused: 'red',
};

const PRIORITY_COLOR: Record<Priority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

/** The ticket's status in words (the colour only repeats it). */
export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status] ?? 'gray'} size="sm">
      {t(`statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge variant={priority === 'urgent' ? 'filled' : 'outline'} color={PRIORITY_COLOR[priority] ?? 'gray'} size="sm">
      {t(`priorities.${priority}`, { defaultValue: priority })}
    </Badge>
  );
}
