import { lazyArea } from '../lib/lazy-area.ts';

// Each staff area's chunk with the texts its pages use. The staff app's first screens (sign-in, home,
// the layout) come with the staff app's own chunk; an area is fetched when one of its pages first opens.
export const ticketsArea = lazyArea(() => import('./tickets.ts'), 'commitments', 'surveys');
export const adminArea = lazyArea(() => import('./admin.ts'), 'commitments', 'surveys', 'scorecards');
export const reportsArea = lazyArea(() => import('./reports.ts'), 'commitments', 'surveys', 'scorecards');
export const accountabilityArea = lazyArea(() => import('./accountability.ts'), 'accountability');
export const careArea = lazyArea(() => import('./care.ts'), 'care');
export const customersArea = lazyArea(() => import('./customers.ts'), 'customers', 'customerImport');
export const accountArea = lazyArea(() => import('../pages/account-page.tsx'));
// ECharts is large: only the dashboard's own chunk loads it, the rest of the app never does.
export const dashboardArea = lazyArea(() => import('../pages/reports/dashboard-page.tsx'), 'dashboard');
// The portal's pages behind sign-in (its complaint pages and the layout's "my complaints" link use the accountability texts).
export const portalRequestsArea = lazyArea(() => import('./portal.ts'), 'portal', 'accountability');
