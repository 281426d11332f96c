import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { hasRole, useSession } from '../api/session.ts';
import type { Role } from '../api/types.ts';
import { ErrorAlert } from './error-alert.tsx';
import { NotAllowedPage } from '../pages/not-allowed-page.tsx';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="60vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** Signed-in area: sends anyone else to the sign-in page (and back here afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'} replace />;
  }
  return <>{children}</>;
}

/** A page for one role: others see a polite "not allowed" instead. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { data } = useSession();
  if (!hasRole(data?.user.roles, role)) return <NotAllowedPage />;
  return <>{children}</>;
}
