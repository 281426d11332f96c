// Other areas (tickets, surveys) imported the survey answers' schema from here; it lives in the tickets contract now.
export { SurveyAnswers } from '../../../contracts/tickets.ts';
