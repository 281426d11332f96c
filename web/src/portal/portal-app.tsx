import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { usePortalSession } from './api.ts';
import { PortalErrorAlert } from './components/portal-alert.tsx';
import { portalRequestsArea } from '../areas/loaders.ts';
import { lazyPage } from '../lib/lazy-area.ts';
import { PortalSignInPage } from './pages/portal-sign-in-page.tsx';
import { PortalSignUpPage } from './pages/portal-sign-up-page.tsx';
import { PortalLayout } from './portal-layout.tsx';
import { usePortalTitle } from './use-portal-title.ts';
import { renderPortalComplaintRoutes } from './complaint-routes.tsx';
import './portal.css';

// Sign-in and sign-up come with the portal's own chunk; the pages behind sign-in are fetched after it.
const NewRequestPage = lazyPage(portalRequestsArea, 'NewRequestPage');
const RequestPage = lazyPage(portalRequestsArea, 'RequestPage');
const RequestsPage = lazyPage(portalRequestsArea, 'RequestsPage');

/** Shows its children to a signed-in customer; sends anyone else to sign in, and back here after. */
function RequireCustomer({ children }: { children: ReactNode }) {
  const { t } = useTranslation('portal');
  const session = usePortalSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.isError) return <PortalErrorAlert error={session.error} />;
  if (!session.data) return <Navigate to={`/portal?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

function PortalNotFound() {
  const { t } = useTranslation('portal');
  usePortalTitle(t('notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
    </Stack>
  );
}

/** The customer portal under /portal: its own session, its own frame, outside the staff app. */
export function PortalApp() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<PortalSignInPage />} />
        <Route path="sign-up" element={<PortalSignUpPage />} />
        <Route path="requests" element={<RequireCustomer><RequestsPage /></RequireCustomer>} />
        <Route path="requests/new" element={<RequireCustomer><NewRequestPage /></RequireCustomer>} />
        <Route path="requests/:id" element={<RequireCustomer><RequestPage /></RequireCustomer>} />
        {renderPortalComplaintRoutes((page) => <RequireCustomer>{page}</RequireCustomer>)}
        <Route path="*" element={<PortalNotFound />} />
      </Route>
    </Routes>
  );
}
