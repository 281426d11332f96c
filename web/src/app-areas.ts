// The chunks the entry may start fetching for a first path (each import is fetched once and then shared with React.lazy).
export const loadRouterApp = () => import('./app.tsx');
export const loadStaffApp = () => import('./staff-app.tsx');
export const loadPortalApp = () => import('./portal/portal-app.tsx');
export const loadRatingLinkPage = () => import('./portal/pages/rating-link-page.tsx');
export const loadScorecardLinkPage = () => import('./pages/scorecards/scorecard-link-page.tsx');
