import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageLoader } from '../components/guards.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PortalComplaintsNavLink } from './complaint-routes.tsx';
import { PORTAL_SESSION_KEY, portalSignOut, setPortalUnauthorizedHandler, usePortalSession } from './api.ts';

/** The portal's frame: product name, my requests, language, sign out; then the page. */
export function PortalLayout() {
  const { t } = useTranslation('portal');
  const session = usePortalSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const customer = session.data?.customer;

  // A session that ends mid-visit sends the customer back to sign in.
  useEffect(() => {
    setPortalUnauthorizedHandler(() => queryClient.setQueryData(PORTAL_SESSION_KEY, null));
    return () => setPortalUnauthorizedHandler(null);
  }, [queryClient]);

  const onRequests = location.pathname.startsWith('/portal/requests') && !location.pathname.startsWith('/portal/requests/new');

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="xs" wrap="nowrap" align="baseline">
              <Anchor component={Link} to={customer ? '/portal/requests' : '/portal'} underline="never" c="inherit" fw={700} fz="lg">
                {t('app.name')}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('app.portal')}
              </Text>
            </Group>
            <Group gap="xs" wrap="wrap" component="nav" aria-label={t('nav.label')}>
              {customer && (
                <>
                  <Button component={Link} to="/portal/requests" variant={onRequests ? 'light' : 'subtle'} size="sm" aria-current={location.pathname === '/portal/requests' ? 'page' : undefined}>
                    {t('nav.myRequests')}
                  </Button>
                  <Button component={Link} to="/portal/requests/new" variant="subtle" size="sm" aria-current={location.pathname === '/portal/requests/new' ? 'page' : undefined}>
                    {t('nav.newRequest')}
                  </Button>
                  {/* Its texts (accountability) come with the signed-in pages' chunk; until then the link waits, the frame does not. */}
                  <Suspense fallback={null}>
                    <PortalComplaintsNavLink />
                  </Suspense>
                </>
              )}
              <LanguageSwitch />
              {customer && (
                <>
                  <Text size="sm" c="dimmed" visibleFrom="sm">
                    {t('nav.signedInAs', { name: customer.name })}
                  </Text>
                  <Button
                    variant="default"
                    size="sm"
                    onClick={() => {
                      void portalSignOut(queryClient).finally(() => navigate('/portal', { replace: true }));
                    }}
                  >
                    {t('nav.signOut')}
                  </Button>
                </>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" id="main" tabIndex={-1} size="lg" py="lg">
        {/* The pages behind sign-in are a chunk of their own: the frame stays while it loads. */}
        <Suspense fallback={<FullPageLoader />}>
          <Outlet />
        </Suspense>
      </Container>
    </Box>
  );
}
