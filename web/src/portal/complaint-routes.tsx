import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, useLocation } from 'react-router';
import { portalRequestsArea } from '../areas/loaders.ts';
import { lazyPage } from '../lib/lazy-area.ts';

// The pages come with the portal's signed-in chunk (areas/portal.ts).
const PortalComplaintPage = lazyPage(portalRequestsArea, 'PortalComplaintPage');
const PortalComplaintsPage = lazyPage(portalRequestsArea, 'PortalComplaintsPage');
const NewComplaintPage = lazyPage(portalRequestsArea, 'NewComplaintPage');

/** The portal's complaint pages as routes; `guard` is the portal's sign-in guard. */
export function renderPortalComplaintRoutes(guard: (page: ReactNode) => ReactNode) {
  return (
    <>
      <Route path="complaints" element={guard(<PortalComplaintsPage />)} />
      <Route path="complaints/new" element={guard(<NewComplaintPage />)} />
      <Route path="complaints/:id" element={guard(<PortalComplaintPage />)} />
    </>
  );
}

/** "My complaints" in the portal's navigation. */
export function PortalComplaintsNavLink() {
  const { t } = useTranslation('accountability');
  const location = useLocation();
  const here = location.pathname.startsWith('/portal/complaints');
  return (
    <Button component={Link} to="/portal/complaints" variant={here ? 'light' : 'subtle'} size="sm" aria-current={location.pathname === '/portal/complaints' ? 'page' : undefined}>
      {t('portal.nav')}
    </Button>
  );
}
