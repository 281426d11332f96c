import { Route } from 'react-router';
import { careArea } from '../../areas/loaders.ts';
import { lazyPage } from '../../lib/lazy-area.ts';

// The pages are one lazily fetched chunk (areas/); these routes are in the staff app's.
const CareEntryPage = lazyPage(careArea, 'CareEntryPage');
const CareRegisterPage = lazyPage(careArea, 'CareRegisterPage');
const CareVisitRecordPage = lazyPage(careArea, 'CareVisitRecordPage');
const CareVisitsPage = lazyPage(careArea, 'CareVisitsPage');

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
