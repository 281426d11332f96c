import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { loadPortalApp, loadRatingLinkPage, loadScorecardLinkPage, loadStaffApp } from './app-areas.ts';
import { loadLinkTexts } from './i18n/link-texts.ts';
import { lazyArea, lazyPage } from './lib/lazy-area.ts';
import { AREA_NAMESPACES } from './lib/areas.ts';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: (count, err) => count < 1 && !(err as { status?: number }).status },
  },
});

const StaffApp = lazyPage(lazyArea(loadStaffApp, ...AREA_NAMESPACES.staff), 'StaffApp');
const PortalApp = lazyPage(lazyArea(loadPortalApp, ...AREA_NAMESPACES.portal), 'PortalApp');
// The link pages are light (no Mantine, no i18next): their texts come by the tiny `t`'s loader.
const RatingLinkPage = lazy(() =>
  Promise.all([loadRatingLinkPage(), loadLinkTexts(AREA_NAMESPACES.rating)]).then(([m, texts]) => ({ default: ({ token }: { token: string }) => <m.RatingLinkPage token={token} texts={texts} /> })),
);
const ScorecardLinkPage = lazy(() =>
  Promise.all([loadScorecardLinkPage(), loadLinkTexts(AREA_NAMESPACES.scorecard)]).then(([m, texts]) => ({ default: ({ token }: { token: string }) => <m.ScorecardLinkPage token={token} texts={texts} /> })),
);

// A link page reached inside the app (not as a first visit, which never loads the router).
function RatingRoute() {
  return <RatingLinkPage token={useParams().token ?? ''} />;
}
function ScorecardRoute() {
  return <ScorecardLinkPage token={useParams().token ?? ''} />;
}

/**
 * The router app: the staff app and the portal, each a chunk of its own, fetched for its paths. It
 * brings what they share and a link page does not need: Mantine (styles, theme), the query client;
 * the entry starts its i18next (i18n/index.ts) beside it.
 */
export default function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={null}>
          <BrowserRouter>
            <Routes>
              <Route path="/portal/*" element={<PortalApp />} />
              <Route path="/rate/:token" element={<RatingRoute />} />
              <Route path="/scorecard/:token" element={<ScorecardRoute />} />
              <Route path="*" element={<StaffApp />} />
            </Routes>
          </BrowserRouter>
        </Suspense>
      </QueryClientProvider>
    </MantineProvider>
  );
}
