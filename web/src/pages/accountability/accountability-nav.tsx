import { Badge, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountabilityReach, useUnreadNotices } from '../../api/accountability.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';

type LinkRenderer = (to: string, label: string, extra?: { rightSection?: ReactNode }) => ReactNode;

/** The accountability section of the navigation; `link` is the layout's own link renderer. */
export function AccountabilityNav({ link }: { link: LinkRenderer }) {
  const { t } = useTranslation('accountability');
  const user = useCurrentUser();
  const unread = useUnreadNotices();
  const reach = useAccountabilityReach();
  const office = hasRole(user.roles, 'office');
  // Department heads oversee their people whether or not they hold the supervisor role: the server says who does.
  const supervisor = hasRole(user.roles, 'supervisor') || reach.data?.overseesPeople === true;
  return (
    <>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mt="md" mb={4} component="h2">
        {t('nav.section')}
      </Text>
      {link('/notices', t('nav.notices'), {
        rightSection: unread.data ? (
          <Badge size="sm" variant="filled" color="red" aria-label={t('nav.unreadNotices', { count: unread.data })}>
            {unread.data}
          </Badge>
        ) : undefined,
      })}
      {link('/my-score', t('nav.myScore'))}
      {link('/complaints', t('nav.complaints'))}
      {(office || supervisor) && link('/deductions', t('nav.deductions'))}
      {(office || supervisor) && link('/complaint-flags', t('nav.flags'))}
      {supervisor && link('/ratings', t('nav.ratings'))}
      {office && link('/spot-checks', t('nav.spotChecks'))}
      {(office || supervisor) && link('/accountability/reports', t('nav.reports'))}
    </>
  );
}
