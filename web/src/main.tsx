import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadPortalApp, loadRatingLinkPage, loadRouterApp, loadScorecardLinkPage, loadStaffApp } from './app-areas.ts';
import { initI18n } from './i18n/index.ts';
import { AREA_NAMESPACES, areaOf, linkToken } from './lib/areas.ts';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: (count, err) => count < 1 && !(err as { status?: number }).status },
  },
});

// The entry holds what every page needs (React, Mantine's provider, the query client, i18next) and the
// choice of app. That app's code and its first texts are fetched at once, side by side.
const area = areaOf(window.location.pathname);
const token = linkToken(window.location.pathname);
const Root =
  area === 'rating' ? lazyNow(loadRatingLinkPage().then((m) => () => <m.RatingLinkPage token={token} />))
  : area === 'scorecard' ? lazyNow(loadScorecardLinkPage().then((m) => () => <m.ScorecardLinkPage token={token} />))
  : lazyNow(loadRouterApp().then((m) => m.default));
if (area === 'staff') void loadStaffApp();
if (area === 'portal') void loadPortalApp();

/** A lazy component whose code is already being fetched (not only once React first renders it). */
function lazyNow(component: Promise<ComponentType>) {
  return lazy(() => component.then((c) => ({ default: c })));
}

void initI18n(AREA_NAMESPACES[area]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={null}>
            <Root />
          </Suspense>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
});
