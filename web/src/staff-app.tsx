import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation } from 'react-router';
import { setUnauthorizedHandler } from './api/client.ts';
import { SESSION_KEY } from './api/session.ts';
import { AppLayout } from './components/app-layout.tsx';
import { RequireAuth, RequireRole } from './components/guards.tsx';
import { accountArea, adminArea, customersArea, dashboardArea, reportsArea, ticketsArea } from './areas/loaders.ts';
import { lazyPage } from './lib/lazy-area.ts';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { renderAccountabilityRoutes } from './pages/accountability/accountability-routes.tsx';
import { renderCareRoutes } from './pages/care/care-routes.tsx';
import { renderCustomerRoutes } from './pages/customers/customer-routes.tsx';

const AccountPage = lazyPage(accountArea, 'AccountPage');
const RegisterPage = lazyPage(ticketsArea, 'RegisterPage');
const TicketPage = lazyPage(ticketsArea, 'TicketPage');
const PrintPage = lazyPage(ticketsArea, 'PrintPage');
const QueuePage = lazyPage(ticketsArea, 'QueuePage');
const StaffPage = lazyPage(adminArea, 'StaffPage');
const DepartmentsPage = lazyPage(adminArea, 'DepartmentsPage');
const CategoriesPage = lazyPage(adminArea, 'CategoriesPage');
const AuditPage = lazyPage(adminArea, 'AuditPage');
const CalendarsPage = lazyPage(adminArea, 'CalendarsPage');
const CommitmentsPage = lazyPage(adminArea, 'CommitmentsPage');
const CompanySettingsPage = lazyPage(adminArea, 'CompanySettingsPage');
const SurveyTemplatesPage = lazyPage(adminArea, 'SurveyTemplatesPage');
const CommitmentReportPage = lazyPage(reportsArea, 'CommitmentReportPage');
const SurveyResultsPage = lazyPage(reportsArea, 'SurveyResultsPage');
const ScorecardsPage = lazyPage(reportsArea, 'ScorecardsPage');
const DashboardPage = lazyPage(dashboardArea, 'DashboardPage');
const CustomerImportPage = lazyPage(customersArea, 'CustomerImportPage');

/**
 * Each arrival at the form is a new call. The route change is a transition that can land late, so
 * without the key an Alt+N right after registering could keep the last call's form on screen.
 */
function FreshRegisterPage() {
  const { key } = useLocation();
  return <RegisterPage key={key} />;
}

/** The staff app: sign-in, and every signed-in screen inside the layout. */
export function StaffApp() {
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
        <Route path="reports/dashboard" element={<DashboardPage />} />
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
