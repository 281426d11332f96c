import { Route } from 'react-router';
import { CareEntryPage } from './care-entry-page.tsx';
import { CareRegisterPage } from './care-register-page.tsx';
import { CareVisitRecordPage } from './care-visit-record-page.tsx';
import { CareVisitsPage } from './care-visits-page.tsx';

/** The special-care screens, mounted inside the signed-in layout (every staff member reads them; the API decides who may change what). */
export function renderCareRoutes() {
  return (
    <>
      <Route path="care" element={<CareRegisterPage />} />
      <Route path="care/entries/:id" element={<CareEntryPage />} />
      <Route path="care/visits" element={<CareVisitsPage />} />
      <Route path="care/visits/:id/record" element={<CareVisitRecordPage />} />
    </>
  );
}
