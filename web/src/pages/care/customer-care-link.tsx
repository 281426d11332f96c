import { Alert, Anchor, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { careApi } from '../../api/care.ts';
import { formatDate } from '../../lib/format.ts';
import { ReasonBadges } from './care-labels.tsx';

/** On the customer 360 page: whether the customer is on the special-care register, with a link to the entry. */
export function CustomerCareLink({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation('care');
  const entries = useQuery({ queryKey: ['care', 'entries', 'customer', customerId], queryFn: () => careApi.listEntries({ customerId, active: true }) });
  const entry = entries.data?.items[0];
  if (!entry) return null;
  return (
    <Alert color="grape" variant="light" py="xs" data-testid="customer-special-care">
      <Group gap="sm">
        <Anchor component={Link} to={`/care/entries/${entry.id}`} fw={600}>
          {t('customer.onRegister')}
        </Anchor>
        <ReasonBadges reasons={entry.reasons} />
        {entry.nextVisitOn && <span>{t('customer.nextVisit', { date: formatDate(entry.nextVisitOn, i18n.language) })}</span>}
      </Group>
    </Alert>
  );
}
