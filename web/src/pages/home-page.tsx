import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../api/session.ts';
import { VIEWS, useTicketCounts, type CountedView } from '../api/tickets.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';

interface CardSpec {
  key: 'account' | 'staff' | 'departments' | 'categories' | 'audit' | 'apiDocs';
  to: string;
  external?: boolean;
}

export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const user = useCurrentUser();
  const isAdmin = hasRole(user.roles, 'admin');
  const cards: CardSpec[] = [
    { key: 'account', to: '/account' },
    ...(isAdmin
      ? ([
          { key: 'staff', to: '/admin/staff' },
          { key: 'departments', to: '/admin/departments' },
          { key: 'categories', to: '/admin/categories' },
          { key: 'audit', to: '/admin/audit' },
          { key: 'apiDocs', to: '/api/docs', external: true },
        ] satisfies CardSpec[])
      : []),
  ];
  const counts = useTicketCounts();
  const countedViews = VIEWS.filter((v): v is CountedView => v !== 'all');
  const navKey = { account: 'nav.account', staff: 'nav.staff', departments: 'nav.departments', categories: 'nav.categories', audit: 'nav.audit', apiDocs: 'nav.apiDocs' } as const;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('home.greeting', { name: user.name })}</Title>
        <Text>{user.departmentName ? t('home.department', { name: user.departmentName }) : t('home.noDepartment')}</Text>
        <Group gap="xs">
          <Text>{t('home.roles')}</Text>
          {user.roles.map((r) => (
            <Badge key={r} variant="light">
              {t(`roles.${r}`)}
            </Badge>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {t('home.staffClass', { name: t(`staffClass.${user.staffClass}`) })}
        </Text>
      </Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('home.queuesTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('home.queuesIntro')}
          </Text>
        </div>
        <div>
          <Button component={Link} to="/tickets/new" aria-keyshortcuts="Alt+N">
            {t('home.registerCta')}
          </Button>
          <Text size="xs" c="dimmed" mt={4}>
            {t('home.registerHint')}
          </Text>
        </div>
      </Group>
      <ErrorAlert error={counts.error} />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="view-counts">
        {countedViews.map((v) => (
          <Card key={v} withBorder padding="md" radius="md">
            <Text fz={32} fw={700} lh={1.1} aria-hidden="true">
              {counts.data ? counts.data[v] : '…'}
            </Text>
            <Anchor component={Link} to={`/queues/${v}`} fw={600}>
              {t(`views.${v}`)}
              <Text span className="visually-hidden">
                {': '}
                {counts.data ? t('home.countLabel', { count: counts.data[v] }) : t('common.loading')}
              </Text>
            </Anchor>
          </Card>
        ))}
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('home.cardsTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {cards.map((c) => (
          <Card key={c.key} withBorder padding="lg" radius="md">
            <Title order={3} size="h4" mb="xs">
              {c.external ? (
                <Anchor href={c.to} target="_blank" rel="noopener">
                  {t(navKey[c.key])}
                </Anchor>
              ) : (
                <Anchor component={Link} to={c.to}>
                  {t(navKey[c.key])}
                </Anchor>
              )}
            </Title>
            <Text size="sm">{t(`home.cards.${c.key}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
