// Administration (one chunk).
export { AuditPage } from '../pages/admin/audit-page.tsx';
export { CalendarsPage } from '../pages/admin/calendars-page.tsx';
export { CategoriesPage } from '../pages/admin/categories-page.tsx';
export { CommitmentsPage } from '../pages/admin/commitments-page.tsx';
export { CompanySettingsPage } from '../pages/admin/company-settings-page.tsx';
export { DepartmentsPage } from '../pages/admin/departments-page.tsx';
export { StaffPage } from '../pages/admin/staff-page.tsx';
export { SurveyTemplatesPage } from '../pages/admin/survey-templates-page.tsx';
