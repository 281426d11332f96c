// Accountability (one chunk).
export { ComplaintPage } from '../pages/accountability/complaint-page.tsx';
export { ComplaintsPage } from '../pages/accountability/complaints-page.tsx';
export { DeductionRulesPage } from '../pages/accountability/deduction-rules-page.tsx';
export { DeductionsPage } from '../pages/accountability/deductions-page.tsx';
export { FlagsPage } from '../pages/accountability/flags-page.tsx';
export { MyScorePage } from '../pages/accountability/my-score-page.tsx';
export { NoticesPage } from '../pages/accountability/notices-page.tsx';
export { PersonAssessmentPage } from '../pages/accountability/person-assessment-page.tsx';
export { RatingsPage } from '../pages/accountability/ratings-page.tsx';
export { AccountabilityReportsPage } from '../pages/accountability/reports-page.tsx';
export { SpotCheckPage } from '../pages/accountability/spot-check-page.tsx';
export { SpotChecksPage } from '../pages/accountability/spot-checks-page.tsx';
