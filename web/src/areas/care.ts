// Special care (one chunk).
export { CareEntryPage } from '../pages/care/care-entry-page.tsx';
export { CareRegisterPage } from '../pages/care/care-register-page.tsx';
export { CareVisitRecordPage } from '../pages/care/care-visit-record-page.tsx';
export { CareVisitsPage } from '../pages/care/care-visits-page.tsx';
