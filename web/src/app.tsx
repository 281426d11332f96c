import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { setUnauthorizedHandler } from './api/client.ts';
import { SESSION_KEY } from './api/session.ts';
import { AppLayout } from './components/app-layout.tsx';
import { RequireAuth, RequireRole } from './components/guards.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { AuditPage } from './pages/admin/audit-page.tsx';
import { CalendarsPage } from './pages/admin/calendars-page.tsx';
import { CommitmentsPage } from './pages/admin/commitments-page.tsx';
import { CommitmentReportPage } from './pages/reports/commitment-report-page.tsx';
import { SurveyResultsPage } from './pages/reports/survey-results-page.tsx';
import { SurveyTemplatesPage } from './pages/admin/survey-templates-page.tsx';
import { CategoriesPage } from './pages/admin/categories-page.tsx';
import { DepartmentsPage } from './pages/admin/departments-page.tsx';
import { StaffPage } from './pages/admin/staff-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { PrintPage } from './pages/tickets/print-page.tsx';
import { QueuePage } from './pages/tickets/queue-page.tsx';
import { RegisterPage } from './pages/tickets/register-page.tsx';
import { TicketPage } from './pages/tickets/ticket-page.tsx';
import { RatingLinkPage } from './portal/pages/rating-link-page.tsx';
import { ScorecardLinkPage } from './pages/scorecards/scorecard-link-page.tsx';
import { ScorecardsPage } from './pages/scorecards/scorecards-page.tsx';
import { CompanySettingsPage } from './pages/admin/company-settings-page.tsx';
import { PortalApp } from './portal/portal-app.tsx';
import { renderAccountabilityRoutes } from './pages/accountability/accountability-routes.tsx';
import { renderCareRoutes } from './pages/care/care-routes.tsx';
import { renderCustomerRoutes } from './pages/customers/customer-routes.tsx';
import { CustomerImportPage } from './pages/customer-import/customer-import-page.tsx';

// ECharts is large: only the dashboard's own chunk loads it, the rest of the app never does.
const DashboardPage = lazy(() => import('./pages/reports/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })));

/**
 * Each arrival at the form is a new call. The route change is a transition that can land late, so
 * without the key an Alt+N right after registering could keep the last call's form on screen.
 */
function FreshRegisterPage() {
  const { key } = useLocation();
  return <RegisterPage key={key} />;
}

export function App() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  // A session that ends mid-visit (expired, signed out elsewhere) sends the user to sign in again.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(SESSION_KEY, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/portal/*" element={<PortalApp />} />
      <Route path="/rate/:token" element={<RatingLinkPage />} />
      <Route path="/scorecard/:token" element={<ScorecardLinkPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="tickets/new" element={<FreshRegisterPage />} />
        <Route path="tickets/:id" element={<TicketPage />} />
        <Route path="tickets/:id/print" element={<PrintPage />} />
        <Route path="queues/:view" element={<QueuePage />} />
        <Route path="admin/staff" element={<RequireRole role="admin"><StaffPage /></RequireRole>} />
        <Route path="admin/departments" element={<RequireRole role="admin"><DepartmentsPage /></RequireRole>} />
        <Route path="admin/categories" element={<RequireRole role="admin"><CategoriesPage /></RequireRole>} />
        <Route path="admin/audit" element={<RequireRole role="admin"><AuditPage /></RequireRole>} />
        <Route path="admin/calendars" element={<RequireRole role="admin"><CalendarsPage /></RequireRole>} />
        <Route path="admin/commitments" element={<RequireRole role="admin"><CommitmentsPage /></RequireRole>} />
        <Route path="reports/commitments" element={<CommitmentReportPage />} />
        <Route path="reports/surveys" element={<SurveyResultsPage />} />
        <Route path="reports/dashboard" element={<Suspense fallback={null}><DashboardPage /></Suspense>} />
        <Route path="scorecards" element={<ScorecardsPage />} />
        <Route path="admin/company-settings" element={<RequireRole role="admin"><CompanySettingsPage /></RequireRole>} />
        <Route path="admin/survey-templates" element={<SurveyTemplatesPage />} />
        {renderAccountabilityRoutes()}
        {renderCareRoutes()}
        {renderCustomerRoutes()}
        <Route path="customers/import" element={<CustomerImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
