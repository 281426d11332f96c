import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { loadPortalApp, loadRatingLinkPage, loadRouterApp, loadScorecardLinkPage, loadStaffApp } from './app-areas.ts';
import { loadLinkTexts } from './i18n/link-texts.ts';
import { applyLanguage, currentLanguage, preloadTexts } from './i18n/texts.ts';
import { AREA_NAMESPACES, areaOf, linkToken } from './lib/areas.ts';

// The entry holds only React and the choice of app, so a link page (/rate/:token, /scorecard/:token)
// loads nothing more than itself and its texts. The router app brings Mantine, the query client and
// i18next with it (app.tsx). Each app's code and its first texts are fetched at once, side by side.
const area = areaOf(window.location.pathname);
const token = linkToken(window.location.pathname);
const lng = currentLanguage();
applyLanguage(lng);

let Root: ComponentType;
if (area === 'rating') {
  Root = lazyNow(Promise.all([loadRatingLinkPage(), loadLinkTexts(AREA_NAMESPACES.rating, lng)]).then(([m, texts]) => () => <m.RatingLinkPage token={token} texts={texts} />));
} else if (area === 'scorecard') {
  Root = lazyNow(Promise.all([loadScorecardLinkPage(), loadLinkTexts(AREA_NAMESPACES.scorecard, lng)]).then(([m, texts]) => () => <m.ScorecardLinkPage token={token} texts={texts} />));
} else {
  preloadTexts(lng, AREA_NAMESPACES[area]);
  const i18nReady = import('./i18n/index.ts').then((m) => m.initI18n(AREA_NAMESPACES[area]));
  Root = lazyNow(Promise.all([loadRouterApp(), i18nReady]).then(([m]) => m.default));
  if (area === 'staff') void loadStaffApp();
  if (area === 'portal') void loadPortalApp();
}

/** A lazy component whose code is already being fetched (not only once React first renders it). */
function lazyNow(component: Promise<ComponentType>) {
  return lazy(() => component.then((c) => ({ default: c })));
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <Root />
    </Suspense>
  </StrictMode>,
);
