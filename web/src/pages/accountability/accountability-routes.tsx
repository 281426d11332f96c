import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import type { Role } from '../../api/types.ts';
import { NotAllowedPage } from '../not-allowed-page.tsx';
import { accountabilityArea } from '../../areas/loaders.ts';
import { lazyPage } from '../../lib/lazy-area.ts';

// The pages are one lazily fetched chunk (areas/accountability.ts); these routes are in the staff app's.
const ComplaintPage = lazyPage(accountabilityArea, 'ComplaintPage');
const ComplaintsPage = lazyPage(accountabilityArea, 'ComplaintsPage');
const DeductionRulesPage = lazyPage(accountabilityArea, 'DeductionRulesPage');
const DeductionsPage = lazyPage(accountabilityArea, 'DeductionsPage');
const FlagsPage = lazyPage(accountabilityArea, 'FlagsPage');
const MyScorePage = lazyPage(accountabilityArea, 'MyScorePage');
const NoticesPage = lazyPage(accountabilityArea, 'NoticesPage');
const PersonAssessmentPage = lazyPage(accountabilityArea, 'PersonAssessmentPage');
const RatingsPage = lazyPage(accountabilityArea, 'RatingsPage');
const AccountabilityReportsPage = lazyPage(accountabilityArea, 'AccountabilityReportsPage');
const SpotCheckPage = lazyPage(accountabilityArea, 'SpotCheckPage');
const SpotChecksPage = lazyPage(accountabilityArea, 'SpotChecksPage');

/** A page for any of some roles; the server decides what each person sees, this only spares a dead end. */
function RequireAnyRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const user = useCurrentUser();
  return roles.some((r) => hasRole(user.roles, r)) ? <>{children}</> : <NotAllowedPage />;
}

/** The accountability screens, as routes inside the signed-in layout (a function, so react-router sees plain <Route>s). */
export function renderAccountabilityRoutes() {
  return (
    <>
      <Route path="notices" element={<NoticesPage />} />
      <Route path="my-score" element={<MyScorePage />} />
      <Route path="complaints" element={<ComplaintsPage />} />
      <Route path="complaints/:id" element={<ComplaintPage />} />
      <Route path="deductions" element={<DeductionsPage />} />
      <Route path="deductions/rules" element={<RequireAnyRole roles={['office', 'admin']}><DeductionRulesPage /></RequireAnyRole>} />
      <Route path="complaint-flags" element={<FlagsPage />} />
      <Route path="ratings" element={<RatingsPage />} />
      <Route path="people/:id/assessment" element={<PersonAssessmentPage />} />
      <Route path="spot-checks" element={<RequireAnyRole roles={['office']}><SpotChecksPage /></RequireAnyRole>} />
      <Route path="spot-checks/:id" element={<RequireAnyRole roles={['office']}><SpotCheckPage /></RequireAnyRole>} />
      <Route path="accountability/reports" element={<AccountabilityReportsPage />} />
    </>
  );
}
