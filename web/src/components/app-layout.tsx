import { Anchor, AppShell, Badge, Burger, Button, Group, Kbd, Menu, NavLink, ScrollArea, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLiveUpdates } from '../api/live.ts';
import { useAllCategories } from '../api/org.ts';
import { hasRole, signOut, useCurrentUser } from '../api/session.ts';
import { VIEWS, useTicketCounts } from '../api/tickets.ts';
import { FullPageLoader } from './guards.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { AccountabilityNav } from '../pages/accountability/accountability-nav.tsx';
import { AREA_NAMESPACES } from '../lib/areas.ts';

const NAV_NAMESPACES = AREA_NAMESPACES.staff;

/** Alt+N (Option+N on a Mac: matched by the key's position, not the character it types) opens the registration form. */
function isRegisterShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyN';
}

/** The signed-in frame: header (product, language, user menu), navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  // The menu names every area in its own namespace's words: wait for them (the entry fetches them beside the staff app).
  useTranslation(NAV_NAMESPACES);
  const user = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const isAdmin = hasRole(user.roles, 'admin');

  useEffect(() => close(), [location.pathname, close]);
  useLiveUpdates();
  const counts = useTicketCounts();
  // The duty catalog is loaded once up front, so the registration form's category list is ready at once.
  useAllCategories();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isRegisterShortcut(e)) return;
      e.preventDefault();
      // On the form itself the call being typed stays. The address bar, not the rendered route: a route change may not have landed yet.
      if (window.location.pathname !== '/tickets/new') navigate('/tickets/new');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const link = (to: string, label: string, extra: { rightSection?: ReactNode; keyShortcuts?: string } = {}) => (
    <NavLink
      component={Link}
      to={to}
      label={label}
      rightSection={extra.rightSection}
      aria-keyshortcuts={extra.keyShortcuts}
      active={to === '/' ? location.pathname === '/' : location.pathname.startsWith(to)}
      aria-current={(to === '/' ? location.pathname === '/' : location.pathname.startsWith(to)) ? 'page' : undefined}
    />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header className="app-chrome">
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
            <NotificationsBell />
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

      <AppShell.Navbar p="xs" aria-label={t('nav.main')} className="app-chrome">
        <ScrollArea>
          {link('/', t('nav.home'))}
          {link('/tickets/new', t('nav.register'), { rightSection: <Kbd size="xs">{t('nav.registerShortcut')}</Kbd>, keyShortcuts: 'Alt+N' })}
          {link('/customers', t('nav.customers', { ns: 'customers' }))}
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mt="md" mb={4} component="h2">
            {t('nav.queuesSection')}
          </Text>
          {VIEWS.map((v) => {
            const count = v === 'all' ? undefined : counts.data?.[v];
            return (
              <div key={v}>
                {link(`/queues/${v}`, t(`views.${v}`), {
                  rightSection:
                    count === undefined ? undefined : (
                      <Badge size="sm" variant="light" color={count === 0 ? 'gray' : v === 'overdue' ? 'red' : 'blue'}>
                        {count}
                      </Badge>
                    ),
                })}
              </div>
            );
          })}
          <div style={{ height: 12 }} />
          {link('/account', t('nav.account'))}
          {(['admin', 'office', 'supervisor'] as const).some((r) => hasRole(user.roles, r)) && link('/reports/commitments', t('nav.report', { ns: 'commitments' }))}
          {link('/reports/dashboard', t('nav.dashboard', { ns: 'dashboard' }))}
          {link('/scorecards', t('nav.scorecards', { ns: 'scorecards' }))}
          {link('/reports/surveys', t('nav.results', { ns: 'surveys' }))}
          {(['admin', 'office'] as const).some((r) => hasRole(user.roles, r)) && link('/admin/survey-templates', t('nav.templates', { ns: 'surveys' }))}
          <AccountabilityNav link={link} />
          {link('/care', t('nav.register', { ns: 'care' }))}
          {isAdmin && (
            <>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" mt="md" mb={4} component="h2">
                {t('nav.adminSection')}
              </Text>
              {link('/admin/staff', t('nav.staff'))}
              {link('/admin/departments', t('nav.departments'))}
              {link('/admin/categories', t('nav.categories'))}
              {link('/admin/audit', t('nav.audit'))}
              {link('/admin/company-settings', t('nav.settings', { ns: 'scorecards' }))}
              {link('/admin/calendars', t('nav.calendars', { ns: 'commitments' }))}
              {link('/admin/commitments', t('nav.commitments', { ns: 'commitments' }))}
              <NavLink href="/api/docs" target="_blank" rel="noopener" label={<>{t('nav.apiDocs')}<VisuallyHidden component="span"> (↗)</VisuallyHidden></>} rightSection={<span aria-hidden="true">↗</span>} />
            </>
          )}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        {/* A page's chunk (or its texts) may still be on the way: the frame stays, a loader holds its place. */}
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
