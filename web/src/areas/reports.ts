// Reports and scorecards (one chunk; the dashboard, with ECharts, is a chunk of its own).
export { CommitmentReportPage } from '../pages/reports/commitment-report-page.tsx';
export { SurveyResultsPage } from '../pages/reports/survey-results-page.tsx';
export { ScorecardsPage } from '../pages/scorecards/scorecards-page.tsx';
