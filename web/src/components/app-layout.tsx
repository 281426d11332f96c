import { Anchor, AppShell, Burger, Button, Group, Menu, NavLink, ScrollArea, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole, signOut, useCurrentUser } from '../api/session.ts';
import { LanguageSwitch } from './language-switch.tsx';

/** The signed-in frame: header (product, language, user menu), navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isAdmin = hasRole(user.roles, 'admin');

  useEffect(() => close(), [location.pathname, close]);

  const link = (to: string, label: string) => (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={to === '/' ? location.pathname === '/' : location.pathname.startsWith(to)}
      aria-current={(to === '/' ? location.pathname === '/' : location.pathname.startsWith(to)) ? 'page' : undefined}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')} aria-expanded={opened} />
            <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} fz="lg">
              {t('app.name')}
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <Menu withInitialFocusPlaceholder={false} position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" size="sm" aria-label={t('userMenu.label', { name: user.name })}>
                  {user.name}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/account">
                  {t('userMenu.account')}
                </Menu.Item>
                <Menu.Item
                  onClick={() => {
                    void signOut(queryClient).finally(() => navigate('/sign-in', { replace: true }));
                  }}
                >
                  {t('userMenu.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <ScrollArea>
          {link('/', t('nav.home'))}
          {link('/account', t('nav.account'))}
          {isAdmin && (
            <>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mt="md" mb={4} component="h2">
                {t('nav.adminSection')}
              </Text>
              {link('/admin/staff', t('nav.staff'))}
              {link('/admin/departments', t('nav.departments'))}
              {link('/admin/categories', t('nav.categories'))}
              {link('/admin/audit', t('nav.audit'))}
              <NavLink href="/api/docs" target="_blank" rel="noopener" label={<>{t('nav.apiDocs')}<VisuallyHidden component="span"> (↗)</VisuallyHidden></>} rightSection={<span aria-hidden="true">↗</span>} />
            </>
          )}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
