import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import type { Role } from '../../api/types.ts';
import { NotAllowedPage } from '../not-allowed-page.tsx';
import { ComplaintPage } from './complaint-page.tsx';
import { ComplaintsPage } from './complaints-page.tsx';
import { DeductionRulesPage } from './deduction-rules-page.tsx';
import { DeductionsPage } from './deductions-page.tsx';
import { FlagsPage } from './flags-page.tsx';
import { MyScorePage } from './my-score-page.tsx';
import { NoticesPage } from './notices-page.tsx';
import { PersonAssessmentPage } from './person-assessment-page.tsx';
import { RatingsPage } from './ratings-page.tsx';
import { AccountabilityReportsPage } from './reports-page.tsx';
import { SpotCheckPage } from './spot-check-page.tsx';
import { SpotChecksPage } from './spot-checks-page.tsx';

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
