import { lazy } from 'react';
import { BrowserRouter, Route, Routes, useParams } from 'react-router';
import { loadPortalApp, loadRatingLinkPage, loadScorecardLinkPage, loadStaffApp } from './app-areas.ts';
import { lazyArea, lazyPage } from './lib/lazy-area.ts';
import { AREA_NAMESPACES } from './lib/areas.ts';

const StaffApp = lazyPage(lazyArea(loadStaffApp, ...AREA_NAMESPACES.staff), 'StaffApp');
const PortalApp = lazyPage(lazyArea(loadPortalApp, ...AREA_NAMESPACES.portal), 'PortalApp');
const RatingLinkPage = lazy(() => lazyArea(loadRatingLinkPage, ...AREA_NAMESPACES.rating)().then((m) => ({ default: m.RatingLinkPage })));
const ScorecardLinkPage = lazy(() => lazyArea(loadScorecardLinkPage, ...AREA_NAMESPACES.scorecard)().then((m) => ({ default: m.ScorecardLinkPage })));

// A link page reached inside the app (not as a first visit, which never loads the router).
function RatingRoute() {
  return <RatingLinkPage token={useParams().token ?? ''} />;
}
function ScorecardRoute() {
  return <ScorecardLinkPage token={useParams().token ?? ''} />;
}

/** The router app: the staff app and the portal, each a chunk of its own, fetched for its paths. */
export default function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/portal/*" element={<PortalApp />} />
        <Route path="/rate/:token" element={<RatingRoute />} />
        <Route path="/scorecard/:token" element={<ScorecardRoute />} />
        <Route path="*" element={<StaffApp />} />
      </Routes>
    </BrowserRouter>
  );
}
