import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../api/session.ts';
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
