import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerStatus } from '../api.ts';

const COLORS: Record<CustomerStatus, string> = {
  submitted: 'gray',
  in_progress: 'blue',
  waiting_on_you: 'orange',
  resolved: 'green',
  rated: 'teal',
  closed: 'gray',
  refused: 'red',
};

/** The request's status in words (never colour alone). */
export function StatusBadge({ status, withLabel = false }: { status: CustomerStatus; withLabel?: boolean }) {
  const { t } = useTranslation('portal');
  const words = t(`statuses.${status}`);
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" size="lg" data-status={status}>
      {withLabel ? t('statusLabel', { status: words }) : words}
    </Badge>
  );
}
